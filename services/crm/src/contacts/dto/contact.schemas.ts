import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const name = (label: string) =>
  z
    .string({ error: `Enter a ${label}.` })
    .trim()
    .min(1, `Enter a ${label}.`)
    .max(200);

/** Phones are stored in E.164; input must be international (+country code). */
const phone = z
  .string()
  .trim()
  .max(40)
  .transform((value, ctx) => {
    if (value === '') return null;
    const parsed = parsePhoneNumberFromString(value);
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'Enter a phone number with its country code, e.g. +44 20 7946 0958.' });
      return z.NEVER;
    }
    return parsed.number as string;
  });

/** Body of POST /api/v1/contacts. Unknown keys (workspaceId, id, createdBy) are dropped. */
export const createContactSchema = z.object({
  firstName: name('first name'),
  lastName: name('last name'),
  email: z.string({ error: 'Enter an email address.' }).trim().toLowerCase().email('Enter a valid email address.').max(254),
  phone: phone.nullish().transform((v) => v ?? null),
  companyName: z
    .string()
    .trim()
    .max(200)
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type CreateContactInput = z.infer<typeof createContactSchema>;

export const listContactsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'limit must be at least 1.').max(200, 'limit must be at most 200.').default(50),
  cursor: z.string().max(200).optional(),
});
export type ListContactsQuery = z.infer<typeof listContactsQuerySchema>;

export const contactIdSchema = z.string().uuid('Contact ids are UUIDs.');
