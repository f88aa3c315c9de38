import { useAppSelector } from '../../app/hooks';
import { selectRole } from '../auth/authSlice';
import { can, type Permission } from './permissions';

/** Whether the signed-in user's role grants `permission` in the current workspace. */
export function usePermission(permission: Permission): boolean {
  const role = useAppSelector(selectRole);
  return can(role, permission);
}
