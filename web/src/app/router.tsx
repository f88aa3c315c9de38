import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppShell } from '../common/shell/AppShell';
import { RedirectIfAuthenticated } from '../features/auth/components/RedirectIfAuthenticated';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { LogInPage } from '../features/auth/pages/LogInPage';
import { SignUpPage } from '../features/auth/pages/SignUpPage';
import { ContactsPage } from '../features/contacts/pages/ContactsPage';
import { HomePage } from '../features/home/pages/HomePage';

export const routes: RouteObject[] = [
  {
    element: <RedirectIfAuthenticated />,
    children: [
      { path: '/login', element: <LogInPage /> },
      { path: '/signup', element: <SignUpPage /> },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, element: <HomePage /> },
          { path: '/contacts', element: <ContactsPage /> },
        ],
      },
    ],
  },
  // Unknown addresses land on Home (or /login when signed out) rather than a dead end.
  { path: '*', element: <Navigate to="/" replace /> },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
