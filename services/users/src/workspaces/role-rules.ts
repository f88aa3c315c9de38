import { ConflictError, PermissionDeniedError, ROLES, type Role } from '@meridian/platform';

/** Higher is more privileged: owner 5 … viewer 1. */
export const roleRank = (role: Role): number => ROLES.length - ROLES.indexOf(role);

/** The less privileged of two roles (an API key never acts above its creator). */
export const lowerRole = (a: Role, b: Role): Role => (roleRank(a) <= roleRank(b) ? a : b);

/** Granting a role (invite, role change, API key): never above the granter's own; owner only by an owner. */
export function assertCanGrant(actor: Role, role: Role): void {
  if (role === 'owner' && actor !== 'owner') throw new PermissionDeniedError('Only an owner can grant the owner role.');
  if (roleRank(role) > roleRank(actor)) throw new PermissionDeniedError(`You cannot grant a role above your own (${actor}).`);
}

/** Changing or removing someone: their current role must not be above the actor's; owners only by owners. */
export function assertCanManage(actor: Role, target: Role): void {
  if (target === 'owner' && actor !== 'owner') throw new PermissionDeniedError('Only an owner can change or remove an owner.');
  if (roleRank(target) > roleRank(actor))
    throw new PermissionDeniedError(`You cannot change a member whose role is above your own (${actor}).`);
}

export const LAST_OWNER_MESSAGE = 'A workspace needs at least one owner: make another member an owner first.';

/** Refuses a change that would leave the workspace without an owner. */
export function assertOwnerRemains(otherOwners: number): void {
  if (otherOwners < 1) throw new ConflictError(LAST_OWNER_MESSAGE);
}
