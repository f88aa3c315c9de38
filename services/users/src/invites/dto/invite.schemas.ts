import { z } from 'zod';
import { ROLES } from '@meridian/platform';
import { pageLimit } from '../../members/dto/member.schemas.js';
import { newPasswordSchema } from '../../passwords/password-policy.js';

export const INVITE_STATUSES = ['pending', 'expired', 'accepted', 'revoked'] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];

const email = z.string({ error: 'Enter an email address.' }).trim().toLowerCase().email('Enter a valid email address.').max(254);

/** Body of POST /api/v1/invites; unknown keys (workspaceId, invitedBy, expiresAt) are dropped. */
export const createInviteSchema = z.object({
  email,
  role: z.enum(ROLES, { error: `A role is one of ${ROLES.join(', ')}.` }),
});
export type CreateInviteInput = z.infer<typeof createInviteSchema>;

export const listInvitesQuerySchema = z.object({
  limit: pageLimit,
  cursor: z.string().max(300).optional(),
  status: z.enum(INVITE_STATUSES, { error: `status is one of ${INVITE_STATUSES.join(', ')}.` }).optional(),
});
export type ListInvitesQuery = z.infer<typeof listInvitesQuerySchema>;

export const inviteIdSchema = z.uuid('Invite ids are UUIDs.');

/** The token as it appears in the accept link; anything else is simply "not found". */
export const inviteTokenParamSchema = z.string().min(1).max(200);

/** Body of POST /api/v1/invites/:token/accept for someone without an account (ignored when signed in). */
export const newAccountSchema = z.object({
  name: z.string({ error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(200),
  // The sign-up policy: 8–128 characters, not a common password.
  password: newPasswordSchema,
});
export type NewAccountInput = z.infer<typeof newAccountSchema>;
