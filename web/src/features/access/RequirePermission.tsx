import { Outlet } from 'react-router';
import type { Permission } from './permissions';
import { NoAccess } from './NoAccess';
import { usePermission } from './usePermission';

/** A route guard: the page for roles with `permission`, a friendly "no access" page for the rest. */
export function RequirePermission({ permission }: { permission: Permission }) {
  const allowed = usePermission(permission);
  return allowed ? <Outlet /> : <NoAccess />;
}
