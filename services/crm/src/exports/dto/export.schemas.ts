import { z } from 'zod';
import { OBJECT_NAMES } from '../../records/object-definition.js';

/** Body of POST /api/v1/exports: a saved view, or an ad-hoc filter/sort/columns (view values are the defaults). */
export const exportRequestSchema = z.object({
  object: z.enum(OBJECT_NAMES, { error: 'object must be contacts, companies or deals.' }),
  viewId: z.string().uuid('viewId is an id (UUID).').optional(),
  filter: z.unknown().optional(),
  sort: z.string().max(300).optional(),
  columns: z.array(z.string().min(1).max(100)).min(1, 'Choose at least one column.').max(200, 'At most 200 columns.').optional(),
});
export type ExportRequest = z.infer<typeof exportRequestSchema>;
