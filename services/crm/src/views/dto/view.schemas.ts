import { z } from 'zod';
import { OBJECT_NAMES } from '../../records/object-definition.js';

const object = z.enum(OBJECT_NAMES, { error: `object is one of ${OBJECT_NAMES.join(', ')}.` });
const name = z
  .string({ error: 'Enter a view name.' })
  .trim()
  .min(1, 'Enter a view name.')
  .max(100, 'A view name has at most 100 characters.');
// The shape only; fields and ops are checked against the object by the records engine.
const filter = z.record(z.string(), z.unknown(), { error: 'filter is { "and" | "or": [ ... ] }.' }).nullable();
const sort = z.string().trim().max(300, 'sort has at most 300 characters.').nullable();
const columns = z
  .array(z.string().min(1).max(100), { error: 'columns is a list of field keys.' })
  .max(100, 'A view shows at most 100 columns.')
  .refine((c) => new Set(c).size === c.length, 'Each column appears once.');

/** Body of POST /api/v1/views. The owner is the caller; unknown keys (ownerId, workspaceId) are dropped. */
export const createViewSchema = z.object({
  object,
  name,
  filter: filter.optional().transform((v) => v ?? null),
  sort: sort.optional().transform((v) => (v ? v : null)),
  columns: columns.default([]),
  shared: z.boolean({ error: 'shared is true or false.' }).default(false),
});
export type CreateViewInput = z.infer<typeof createViewSchema>;

/** Body of PATCH /api/v1/views/:id (the object is fixed). */
export const updateViewSchema = z
  .object({ name, filter, sort, columns, shared: z.boolean({ error: 'shared is true or false.' }) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one of name, filter, sort, columns, shared.', path: ['(body)'] });
export type UpdateViewInput = z.infer<typeof updateViewSchema>;

export const listViewsQuerySchema = z.object({ object });
export const viewIdSchema = z.uuid('View ids are UUIDs.');
