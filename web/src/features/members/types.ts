import type { Role } from '../access/permissions';

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export type InviteStatus = 'pending' | 'expired' | 'accepted' | 'revoked';

export interface Invite {
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

/** What became of the invite email. */
export type EmailDelivery = 'queued' | 'sent' | 'stored' | 'failed' | 'not_configured';

export interface SentInvite extends Invite {
  emailDelivery?: EmailDelivery;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** GET /api/v1/invites/:token: what the invite is for (public, no secrets). */
export interface InvitePreview {
  email: string;
  role: Role;
  workspace: { id: string; name: string };
  invitedBy: { name: string } | null;
  expiresAt: string;
  expired: boolean;
}
