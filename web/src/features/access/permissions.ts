// The permission matrix is the platform's own module (services/platform/src/auth): the
// server enforces it; the app only uses it to hide what a role cannot open.
import { can as roleCan, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from '../../../../services/platform/src/auth/permissions';
import { isRole, ROLES, type Role } from '../../../../services/platform/src/auth/principal';

export { isRole, PERMISSIONS, ROLE_PERMISSIONS, ROLES, type Permission, type Role };

/** Whether `role` may do `permission`; no role (signed out, unknown) may do nothing. */
export const can = (role: Role | null | undefined, permission: Permission): boolean => (role ? roleCan(role, permission) : false);
