import { createBrowserRouter, Navigate, Outlet, type RouteObject } from 'react-router';
import { PageLoader } from '../common/components/PageLoader';
import { AppShell } from '../common/shell/AppShell';
import type { Permission } from '../features/access/permissions';
import { RequirePermission } from '../features/access/RequirePermission';
import { RedirectIfAuthenticated } from '../features/auth/components/RedirectIfAuthenticated';
import { RequireAuth } from '../features/auth/components/RequireAuth';
import { prefetchRecordList } from '../features/records/prefetch';
import type { RecordObject } from '../features/records/types';
import { SettingsLayout } from '../features/settings/SettingsLayout';
import type { AppStore } from './store';

/** A route only roles with `permission` open; the rest see the friendly "no access" page. */
const guarded = (permission: Permission, route: RouteObject): RouteObject => ({
  element: <RequirePermission permission={permission} />,
  children: [route],
});

// Pages load on demand so the first screen ships only what it shows (charts are heavy).
const settingsRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="profile" replace /> },
  { path: 'profile', lazy: async () => ({ Component: (await import('../features/account/pages/ProfilePage')).ProfilePage }) },
  { path: 'security', lazy: async () => ({ Component: (await import('../features/account/pages/SecurityPage')).SecurityPage }) },
  {
    path: 'preferences',
    lazy: async () => ({ Component: (await import('../features/preferences/pages/PreferencesPage')).PreferencesPage }),
  },
  guarded('members.read', {
    path: 'members',
    lazy: async () => ({ Component: (await import('../features/members/pages/MembersPage')).MembersPage }),
  }),
  { path: 'roles', lazy: async () => ({ Component: (await import('../features/roles/pages/RolesPage')).RolesPage }) },
  guarded('apiKeys.manage', {
    path: 'api-keys',
    lazy: async () => ({ Component: (await import('../features/apiKeys/pages/ApiKeysPage')).ApiKeysPage }),
  }),
  guarded('audit.read', {
    path: 'audit-log',
    lazy: async () => ({ Component: (await import('../features/audit/pages/AuditLogPage')).AuditLogPage }),
  }),
  guarded('workspace.export', {
    path: 'data-export',
    lazy: async () => ({ Component: (await import('../features/exports/pages/DataExportPage')).DataExportPage }),
  }),
  guarded('settings.manage', {
    path: 'emails',
    lazy: async () => ({ Component: (await import('../features/outbox/pages/SentEmailsPage')).SentEmailsPage }),
  }),
  guarded('settings.manage', {
    path: 'fields',
    lazy: async () => ({ Component: (await import('../features/fields/pages/CustomFieldsPage')).CustomFieldsPage }),
  }),
  guarded('settings.manage', {
    path: 'pipelines',
    lazy: async () => ({ Component: (await import('../features/settings/pipelines/PipelinesPage')).PipelinesPage }),
  }),
  { path: '*', element: <Navigate to="/settings/profile" replace /> },
];

// CRM records: lists, record pages and My tasks, each its own chunk. A list route starts
// its first page's request while the page's code loads (set by createAppRouter).
let listPrefetch: ((object: RecordObject, search: string) => void) | null = null;
const listLoader =
  (object: RecordObject) =>
  ({ request }: { request: Request }) => {
    listPrefetch?.(object, new URL(request.url).search);
    return null;
  };
const recordPage = (name: 'ContactPage' | 'CompanyPage' | 'DealPage') => async () => ({
  Component: (await import('../features/records/pages/RecordPage'))[name],
});
const recordRoutes: RouteObject[] = [
  guarded('records.read', { path: '/contacts/:id', lazy: recordPage('ContactPage') }),
  guarded('records.read', {
    path: '/companies',
    loader: listLoader('companies'),
    lazy: async () => ({ Component: (await import('../features/companies/pages/CompaniesPage')).CompaniesPage }),
  }),
  guarded('records.read', { path: '/companies/:id', lazy: recordPage('CompanyPage') }),
  guarded('records.read', {
    path: '/deals',
    loader: listLoader('deals'),
    lazy: async () => ({ Component: (await import('../features/deals/pages/DealsPage')).DealsPage }),
  }),
  guarded('records.read', { path: '/deals/:id', lazy: recordPage('DealPage') }),
  guarded('records.read', {
    path: '/tasks',
    lazy: async () => ({ Component: (await import('../features/tasks/pages/MyTasksPage')).MyTasksPage }),
  }),
];

const pages: RouteObject[] = [
  {
    element: <RedirectIfAuthenticated />,
    children: [
      { path: '/login', lazy: async () => ({ Component: (await import('../features/auth/pages/LogInPage')).LogInPage }) },
      { path: '/signup', lazy: async () => ({ Component: (await import('../features/auth/pages/SignUpPage')).SignUpPage }) },
      {
        path: '/forgot-password',
        lazy: async () => ({ Component: (await import('../features/auth/pages/ForgotPasswordPage')).ForgotPasswordPage }),
      },
    ],
  },
  // Emailed links work signed in or out.
  {
    element: <Outlet />,
    children: [
      ...['/reset-password', '/reset-password/:token'].map((path) => ({
        path,
        lazy: async () => ({ Component: (await import('../features/auth/pages/ResetPasswordPage')).ResetPasswordPage }),
      })),
      ...['/verify-email', '/verify-email/:token'].map((path) => ({
        path,
        lazy: async () => ({ Component: (await import('../features/auth/pages/VerifyEmailPage')).VerifyEmailPage }),
      })),
      // The invite email links to /invites/<token>; /invite/<token> is accepted too.
      ...['/invites/:token', '/invite/:token'].map((path) => ({
        path,
        lazy: async () => ({ Component: (await import('../features/members/pages/AcceptInvitePage')).AcceptInvitePage }),
      })),
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      {
        element: <AppShell />,
        children: [
          { index: true, lazy: async () => ({ Component: (await import('../features/home/pages/HomePage')).HomePage }) },
          guarded('records.read', {
            path: '/contacts',
            loader: listLoader('contacts'),
            lazy: async () => ({ Component: (await import('../features/contacts/pages/ContactsPage')).ContactsPage }),
          }),
          ...recordRoutes,
          guarded('records.read', {
            path: '/deals/pipeline',
            lazy: async () => ({ Component: (await import('../features/pipeline/pages/PipelinePage')).PipelinePage }),
          }),
          guarded('records.import', {
            path: '/imports',
            lazy: async () => ({ Component: (await import('../features/imports/pages/ImportsPage')).ImportsPage }),
          }),
          guarded('records.import', {
            path: '/imports/new',
            lazy: async () => ({ Component: (await import('../features/imports/pages/ImportWizardPage')).ImportWizardPage }),
          }),
          guarded('records.import', {
            path: '/imports/:id',
            lazy: async () => ({ Component: (await import('../features/imports/pages/ImportDetailPage')).ImportDetailPage }),
          }),
          guarded('records.read', {
            path: '/duplicates',
            lazy: async () => ({ Component: (await import('../features/duplicates/pages/DuplicatesPage')).DuplicatesPage }),
          }),
          { path: '/settings', element: <SettingsLayout />, children: settingsRoutes },
        ],
      },
    ],
  },
  // Unknown addresses land on Home (or /login when signed out) rather than a dead end.
  { path: '*', element: <Navigate to="/" replace /> },
];

export const routes: RouteObject[] = [{ HydrateFallback: PageLoader, children: pages }];

export function createAppRouter(store?: AppStore) {
  listPrefetch = store ? (object, search) => prefetchRecordList(store.dispatch, object, search) : null;
  return createBrowserRouter(routes);
}
