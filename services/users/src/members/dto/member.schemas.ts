import { z } from 'zod';
import { ROLES } from '@meridian/platform';

const role = z.enum(ROLES, { error: `A role is one of ${ROLES.join(', ')}.` });

export const pageLimit = z.coerce
  .number({ error: 'limit is a number.' })
  .int('limit is a whole number.')
  .min(1, 'limit must be at least 1.')
  .max(200, 'limit must be at most 200.')
  .default(50);

export const listMembersQuerySchema = z.object({
  limit: pageLimit,
  cursor: z.string().max(300).optional(),
  role: role.optional(),
});
export type ListMembersQuery = z.infer<typeof listMembersQuerySchema>;

export const memberIdSchema = z.uuid('Member ids are user UUIDs.');

/** Body of PATCH /api/v1/workspaces/current/members/:userId; only `role` is read. */
export const changeRoleSchema = z.object({ role });
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;
