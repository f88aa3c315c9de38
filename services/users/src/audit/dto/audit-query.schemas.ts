import { z } from 'zod';
import { pageLimit } from '../../members/dto/member.schemas.js';
import { AUDIT_ACTIONS } from '../audit-log.js';

const instant = (field: string) =>
  z.iso
    .datetime({ offset: true, error: `${field} is an ISO-8601 date-time, e.g. 2030-01-31T00:00:00Z.` })
    .transform((v) => new Date(v))
    .optional();

/** Query of GET /api/v1/audit-log: every filter from an allowlist or a typed value, each bad one named. */
export const auditQuerySchema = z
  .object({
    action: z.enum(AUDIT_ACTIONS, { error: 'Unknown action.' }).optional(),
    actorUserId: z.uuid('actorUserId is a user UUID.').optional(),
    outcome: z.enum(['success', 'failure'], { error: 'outcome is success or failure.' }).optional(),
    /** Inclusive lower bound on occurredAt. */
    from: instant('from'),
    /** Exclusive upper bound on occurredAt. */
    to: instant('to'),
    limit: pageLimit,
    cursor: z.string().max(300).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from.getTime() < q.to.getTime(), { path: ['to'], message: 'to must be after from.' });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
