import { ROLES, type Role } from '../access/permissions';

/** Higher is more privileged: owner 5 … viewer 1 (as the users service ranks them). */
export const roleRank = (role: Role): number => ROLES.length - ROLES.indexOf(role);

/** Roles `actor` may give (invite, role change, API key): never above their own; owner only by an owner. */
export const grantableRoles = (actor: Role | null): Role[] =>
  actor ? ROLES.filter((role) => (role === 'owner' ? actor === 'owner' : roleRank(role) <= roleRank(actor))) : [];

/** Whether `actor` may change or remove someone whose role is `target`. */
export const canManageRole = (actor: Role | null, target: Role): boolean =>
  actor !== null && (target === 'owner' ? actor === 'owner' : roleRank(target) <= roleRank(actor));
