import { Navigate, Outlet, useLocation } from 'react-router';
import { useAppSelector } from '../../../app/hooks';
import { selectIsAuthenticated, selectLogoutReason } from '../authSlice';

/**
 * Signed-out visitors go to /login and come back to where they were going. After choosing
 * "Log out" there is nothing to come back to: the next login starts at Home.
 */
export function RequireAuth() {
  const isAuthenticated = useAppSelector(selectIsAuthenticated);
  const logoutReason = useAppSelector(selectLogoutReason);
  const location = useLocation();
  if (!isAuthenticated) {
    const state = logoutReason === 'user' ? undefined : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
