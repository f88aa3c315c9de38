import type { Role } from '@meridian/platform';
import type { InviteEntity } from './invite.entity.js';

/** An invite row as raw SQL returns it (list queries need the cursor text and the inviter's name). */
export interface InviteRow {
  id: string;
  workspace_id: string;
  email: string;
  role: Role;
  token_hash: string;
  invited_by: string | null;
  created_at: Date;
  expires_at: Date;
  sent_count: number;
  last_sent_at: Date;
  accepted_at: Date | null;
  accepted_by: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  cursor_at: string;
  inviter_name: string | null;
}

export const rowToInvite = (r: InviteRow): InviteEntity => ({
  id: r.id,
  workspaceId: r.workspace_id,
  email: r.email,
  role: r.role,
  tokenHash: r.token_hash,
  invitedBy: r.invited_by,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  sentCount: r.sent_count,
  lastSentAt: new Date(r.last_sent_at),
  acceptedAt: r.accepted_at ? new Date(r.accepted_at) : null,
  acceptedBy: r.accepted_by,
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  revokedBy: r.revoked_by,
});
