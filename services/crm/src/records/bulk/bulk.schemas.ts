import { z } from 'zod';

/** At most this many ids per request; up to INLINE_LIMIT run inline, more (or a filter) as a job. */
export const MAX_BULK_IDS = 1000;
export const INLINE_LIMIT = 200;

export const bulkRequestSchema = z
  .object({
    action: z.enum(['update', 'delete', 'assign', 'tag', 'untag'], { error: 'action is update, delete, assign, tag or untag.' }),
    ids: z
      .array(z.string().uuid('ids holds record ids (UUIDs).'))
      .min(1, 'Choose at least one record.')
      .max(MAX_BULK_IDS, `At most ${MAX_BULK_IDS} ids per request; use a filter for more.`)
      .optional(),
    filter: z.unknown().optional(),
    changes: z.record(z.string(), z.unknown()).optional(),
    ownerId: z.string().uuid('ownerId is a user id (UUID).').optional(),
    tags: z.array(z.string().trim().min(1).max(50)).min(1, 'Choose at least one tag.').max(50).optional(),
  })
  .superRefine((r, ctx) => {
    if (!r.ids && r.filter === undefined) ctx.addIssue({ code: 'custom', path: ['ids'], message: 'Send ids or a filter.' });
    if (r.ids && r.filter !== undefined) ctx.addIssue({ code: 'custom', path: ['filter'], message: 'Send ids or a filter, not both.' });
    if (r.action === 'update' && !r.changes) ctx.addIssue({ code: 'custom', path: ['changes'], message: 'Send the changes to apply.' });
    if (r.action === 'assign' && !r.ownerId) ctx.addIssue({ code: 'custom', path: ['ownerId'], message: 'Choose the new owner.' });
    if ((r.action === 'tag' || r.action === 'untag') && !r.tags)
      ctx.addIssue({ code: 'custom', path: ['tags'], message: 'Choose the tags.' });
  });
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

export interface BulkJobDto {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  processed: number;
  result: { affected: number } | null;
  failureReason: string | null;
  createdAt: string;
  finishedAt: string | null;
}
