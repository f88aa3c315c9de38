import type { EntityManager } from 'typeorm';
import { can, PermissionDeniedError, type Permission, type Principal, type Role } from '@meridian/platform';
import { MembershipEntity } from './workspace.entity.js';
import { lowerRole } from './role-rules.js';

/** The API key a principal acts through, when it is not a signed-in session. */
export const apiKeyIdOf = (principal: Principal): string | null => principal.apiKeyId ?? null;

/** Who is recorded as the actor of an audit entry. */
export const actorOf = (principal: Principal): { actorUserId: string; actorApiKeyId: string | null } => ({
  actorUserId: principal.userId,
  actorApiKeyId: apiKeyIdOf(principal),
});

/**
 * The role the caller acts with right now: the token's role, lowered to the membership's
 * current role, which must still hold `permission` (a demotion or removal applies at once
 * to these security-sensitive changes, not only when the access token expires).
 */
export async function actingRole(m: EntityManager, principal: Principal, permission: Permission): Promise<Role> {
  const membership = await m.findOneBy(MembershipEntity, { workspaceId: principal.workspaceId, userId: principal.userId });
  if (!membership) throw new PermissionDeniedError('You are no longer a member of this workspace.');
  const role = lowerRole(principal.role, membership.role);
  if (!can(role, permission)) throw new PermissionDeniedError();
  return role;
}

/**
 * Serialises membership changes in one workspace (role changes, removals, joins), so two
 * owners demoting each other at once cannot leave it without an owner.
 */
export async function lockWorkspaceMembers(m: EntityManager, workspaceId: string): Promise<void> {
  await m.query(`SELECT 1 FROM users.workspaces WHERE id = $1 FOR NO KEY UPDATE`, [workspaceId]);
}
