import type { Role } from '@meridian/platform';
import type { InviteStatus } from './dto/invite.schemas.js';
import type { InviteEntity } from './invite.entity.js';

export interface InviteDto {
  id: string;
  email: string;
  role: Role;
  status: InviteStatus;
  invitedBy: { userId: string; name: string } | null;
  createdAt: string;
  expiresAt: string;
  lastSentAt: string;
  sentCount: number;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export const inviteStatus = (invite: Pick<InviteEntity, 'acceptedAt' | 'revokedAt' | 'expiresAt'>, now = Date.now()): InviteStatus => {
  if (invite.acceptedAt) return 'accepted';
  if (invite.revokedAt) return 'revoked';
  return invite.expiresAt.getTime() <= now ? 'expired' : 'pending';
};

export const inviteMapper = {
  toDto: (invite: InviteEntity, inviterName: string | null): InviteDto => ({
    id: invite.id,
    email: invite.email,
    role: invite.role,
    status: inviteStatus(invite),
    invitedBy: invite.invitedBy ? { userId: invite.invitedBy, name: inviterName ?? '' } : null,
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    lastSentAt: invite.lastSentAt.toISOString(),
    sentCount: invite.sentCount,
    acceptedAt: invite.acceptedAt?.toISOString() ?? null,
    revokedAt: invite.revokedAt?.toISOString() ?? null,
  }),
};
