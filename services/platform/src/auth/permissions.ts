import type { Role } from './principal.js';

/**
 * What a role may do. Every route declares one permission (or @Public / @Authenticated);
 * the guard checks it against this matrix, and the security suite proves it per route.
 */
export const PERMISSIONS = [
  'records.read',
  'records.write',
  'records.delete',
  'records.export',
  'records.import',
  'records.erase',
  'reports.read',
  'reports.manage',
  'workflows.read',
  'workflows.manage',
  'approvals.decide',
  'members.read',
  'members.manage',
  'settings.manage',
  'apiKeys.manage',
  'audit.read',
  'workspace.export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: Permission[] = ['records.read', 'reports.read', 'workflows.read', 'members.read'];
const MEMBER: Permission[] = [...VIEWER, 'records.write'];
const MANAGER: Permission[] = [
  ...MEMBER,
  'records.delete',
  'records.export',
  'records.import',
  'reports.manage',
  'workflows.manage',
  'approvals.decide',
];
const ADMIN: Permission[] = [...MANAGER, 'records.erase', 'members.manage', 'settings.manage', 'apiKeys.manage', 'audit.read'];
const OWNER: Permission[] = [...ADMIN, 'workspace.export'];

/** The documented permission matrix (docs/security.md prints it). */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(OWNER),
  admin: new Set(ADMIN),
  manager: new Set(MANAGER),
  member: new Set(MEMBER),
  viewer: new Set(VIEWER),
};

export const can = (role: Role, permission: Permission): boolean => ROLE_PERMISSIONS[role].has(permission);

/** Which records a role sees by default: all of the workspace's, or its own and its team's. */
export type RecordVisibility = 'all' | 'team';
export const DEFAULT_RECORD_VISIBILITY: Record<Role, RecordVisibility> = {
  owner: 'all',
  admin: 'all',
  manager: 'all',
  member: 'all',
  viewer: 'all',
};
