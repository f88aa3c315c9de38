// The permission matrix as the platform defines it (services/platform/src/auth/permissions.ts).
// The server enforces it; the app only uses it to hide what a role cannot open. A unit test
// keeps this copy equal to the platform's.
export const ROLES = ['owner', 'admin', 'manager', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'records.read',
  'records.write',
  'records.delete',
  'records.export',
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
const MANAGER: Permission[] = [...MEMBER, 'records.delete', 'records.export', 'reports.manage', 'workflows.manage', 'approvals.decide'];
const ADMIN: Permission[] = [...MANAGER, 'members.manage', 'settings.manage', 'apiKeys.manage', 'audit.read'];
const OWNER: Permission[] = [...ADMIN, 'workspace.export'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(OWNER),
  admin: new Set(ADMIN),
  manager: new Set(MANAGER),
  member: new Set(MEMBER),
  viewer: new Set(VIEWER),
};

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Whether `role` may do `permission`; an unknown role may do nothing. */
export const can = (role: Role | null | undefined, permission: Permission): boolean =>
  role ? ROLE_PERMISSIONS[role].has(permission) : false;
