import { z } from 'zod';

export const contactsCreatedQuerySchema = z.object({
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-01-31.')
    .refine((d) => !Number.isNaN(Date.parse(d)), 'Use a real calendar date.')
    .optional(),
});
export type ContactsCreatedQuery = z.infer<typeof contactsCreatedQuerySchema>;
