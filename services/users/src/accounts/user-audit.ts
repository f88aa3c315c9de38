import type { AuditEntryInput, AuditLog } from '../audit/audit-log.js';
import type { TenantDatabase } from '@meridian/platform';
import { MembershipEntity } from '../workspaces/workspace.entity.js';

/** The workspaces a user belongs to (readable for that user through the own_memberships policy). */
export async function workspacesOf(db: TenantDatabase, userId: string): Promise<string[]> {
  const memberships = await db.dataSource.transaction(async (m) => {
    await m.query(`SELECT set_config('app.user_id', $1, true)`, [userId]);
    return m.find(MembershipEntity, { where: { userId }, order: { createdAt: 'ASC' } });
  });
  return memberships.map((ms) => ms.workspaceId);
}

/**
 * Records an account-level event (password reset, email change) in every workspace of the
 * user: each workspace's admins see what happened to their member's account.
 */
export async function auditForUser(
  db: TenantDatabase,
  audit: AuditLog,
  userId: string,
  entry: Omit<AuditEntryInput, 'workspaceId'>,
): Promise<void> {
  const workspaces = await workspacesOf(db, userId);
  if (workspaces.length === 0) return audit.record({ ...entry, workspaceId: null });
  for (const workspaceId of workspaces) await audit.record({ ...entry, workspaceId });
}
