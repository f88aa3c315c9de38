import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { PageLoader } from '../common/components/PageLoader';
import { AppShell } from '../common/shell/AppShell';
import { RedirectIfAuthenticated } from '../features/auth/components/RedirectIfAuthenticated';
import { RequireAuth } from '../features/auth/components/RequireAuth';

// Pages load on demand so the first screen ships only what it shows (charts are heavy).
const pages: RouteObject[] = [
  {
    element: <RedirectIfAuthenticated />,
    children: [
      {
        path: '/login',
        lazy: async () => ({ Component: (await import('../features/auth/pages/LogInPage')).LogInPage }),
      },
      {
        path: '/signup',
        lazy: async () => ({ Component: (await import('../features/auth/pages/SignUpPage')).SignUpPage }),
      },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('../features/home/pages/HomePage')).HomePage }),
          },
          {
            path: '/contacts',
            lazy: async () => ({ Component: (await import('../features/contacts/pages/ContactsPage')).ContactsPage }),
          },
        ],
      },
    ],
  },
  // Unknown addresses land on Home (or /login when signed out) rather than a dead end.
  { path: '*', element: <Navigate to="/" replace /> },
];

export const routes: RouteObject[] = [{ HydrateFallback: PageLoader, children: pages }];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
