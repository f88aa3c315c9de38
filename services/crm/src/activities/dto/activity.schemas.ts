import { z } from 'zod';

export const ACTIVITY_TYPES = ['note', 'call', 'meeting', 'email'] as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));
const link = (what: string) => z.uuid(`${what} is a UUID.`).nullish();
const occurredAt = z.iso.datetime({ offset: true, error: 'occurredAt is an ISO-8601 date-time, e.g. 2026-11-22T09:30:00Z.' });
const durationMinutes = z
  .number()
  .int('durationMinutes is a whole number.')
  .min(0, 'durationMinutes cannot be negative.')
  .max(24 * 60 * 7, 'durationMinutes is at most a week.')
  .nullish();

const fields = {
  type: z.enum(ACTIVITY_TYPES, { error: 'type is note, call, meeting or email.' }),
  subject: text(300),
  body: text(20_000),
  occurredAt: occurredAt.optional(),
  durationMinutes,
  outcome: text(100),
  contactId: link('contactId'),
  companyId: link('companyId'),
  dealId: link('dealId'),
};

const LINK_REQUIRED = 'Link the activity to a contact, a company or a deal.';

/** Body of POST /api/v1/activities. Unknown keys (id, workspaceId, createdBy) are dropped. */
export const logActivitySchema = z
  .object(fields)
  .refine((a) => Boolean(a.contactId || a.companyId || a.dealId), { message: LINK_REQUIRED, path: ['contactId'] });
export type LogActivityInput = z.infer<typeof logActivitySchema>;

/** Body of PATCH /api/v1/activities/:id: any field; `null` clears it (a link only while another remains). */
export const updateActivitySchema = z
  .object({ ...fields, type: fields.type.optional() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one field to change.', path: ['(body)'] });
export type UpdateActivityInput = z.infer<typeof updateActivitySchema>;

/** GET /api/v1/activities: the timeline of exactly one record. */
export const listActivitiesQuerySchema = z
  .object({
    contactId: z.uuid('contactId is a UUID.').optional(),
    companyId: z.uuid('companyId is a UUID.').optional(),
    dealId: z.uuid('dealId is a UUID.').optional(),
    limit: z.coerce.number().int().min(1, 'limit must be at least 1.').max(200, 'limit must be at most 200.').default(50),
    cursor: z.string().max(200).optional(),
  })
  .refine((q) => [q.contactId, q.companyId, q.dealId].filter(Boolean).length === 1, {
    message: 'Pass exactly one of contactId, companyId, dealId.',
    path: ['contactId'],
  });
export type ListActivitiesQuery = z.infer<typeof listActivitiesQuerySchema>;

export const activityIdSchema = z.uuid('Activity ids are UUIDs.');
