import { Navigate, Outlet, useLocation } from 'react-router';
import { useAppSelector } from '../../../app/hooks';
import { selectIsAuthenticated } from '../authSlice';

/** Signed-in users have no business on the login or signup pages. */
export function RedirectIfAuthenticated() {
  const isAuthenticated = useAppSelector(selectIsAuthenticated);
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  if (isAuthenticated) return <Navigate to={from && from.startsWith('/') ? from : '/'} replace />;
  return <Outlet />;
}
