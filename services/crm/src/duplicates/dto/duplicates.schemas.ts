import { z } from 'zod';

const uuid = (field: string) => z.uuid({ error: `${field} is a UUID.` });

/** GET /api/v1/<contacts|companies>/duplicates */
export const listDuplicatesQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'limit is a number.' })
    .int('limit is a whole number.')
    .min(1, 'limit is at least 1.')
    .max(100, 'limit is at most 100.')
    .default(20),
  cursor: z.string().max(300, 'The cursor is not valid; start again without it.').optional(),
});
export type ListDuplicatesQuery = z.infer<typeof listDuplicatesQuerySchema>;

/** POST /api/v1/<contacts|companies>/duplicates/dismiss: "these two are different". */
export const dismissDuplicateSchema = z.object({
  ids: z
    .array(uuid('ids'))
    .length(2, 'ids names exactly two records.')
    .refine(([a, b]) => a !== b, 'ids names two different records.'),
});
export type DismissDuplicateInput = z.infer<typeof dismissDuplicateSchema>;

/** POST /api/v1/<contacts|companies>/merge */
export const mergeSchema = z
  .object({
    primaryId: uuid('primaryId'),
    duplicateIds: z.array(uuid('duplicateIds')).min(1, 'Name at least one duplicate.').max(10, 'Merge at most 10 duplicates at once.'),
    fieldChoices: z.record(z.string().max(80), uuid('fieldChoices')).optional(),
  })
  .refine((b) => !b.duplicateIds.includes(b.primaryId), { path: ['duplicateIds'], message: 'The primary record is not its own duplicate.' })
  .refine((b) => new Set(b.duplicateIds).size === b.duplicateIds.length, { path: ['duplicateIds'], message: 'Each duplicate once.' });
export type MergeInput = z.infer<typeof mergeSchema>;
