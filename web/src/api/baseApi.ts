import { createApi, fetchBaseQuery, type BaseQueryFn, type FetchArgs, type FetchBaseQueryError } from '@reduxjs/toolkit/query/react';
import { loggedOut, sessionStarted, type AuthState } from '../features/auth/authSlice';
import type { AuthResponse } from '../features/auth/types';

// Absolute so Request() also accepts it outside a browser (unit tests); same origin in the app.
export const apiBaseUrl = new URL('/api/v1', globalThis.location?.href ?? 'http://localhost').href;

interface StateWithAuth {
  auth: AuthState;
}

const rawBaseQuery = fetchBaseQuery({
  baseUrl: apiBaseUrl,
  prepareHeaders: (headers, { getState }) => {
    const token = (getState() as StateWithAuth).auth.session?.accessToken;
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return headers;
  },
});

// Credential endpoints answer 401 for bad credentials; that must reach the form, not trigger a
// refresh. Signed-in auth calls (log out, switch workspace) refresh like any other request.
const credentialPaths = ['/auth/signup', '/auth/login', '/auth/mfa', '/auth/refresh', '/auth/password-reset', '/auth/verify-email'];
const isCredentialRequest = (args: string | FetchArgs) => {
  const url = typeof args === 'string' ? args : args.url;
  return credentialPaths.some((path) => url === path || url.startsWith(`${path}/`) || url.startsWith(`${path}?`));
};

/** Retry-After (seconds or an HTTP date) as whole seconds from now, or null. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

// A 429's Retry-After header travels with the error (as `retryAfterSeconds` in its data),
// so forms can say how long to wait.
const baseQueryWithRetryAfter: typeof rawBaseQuery = async (args, api, extraOptions) => {
  const result = await rawBaseQuery(args, api, extraOptions);
  if (result.error?.status === 429) {
    const retryAfterSeconds = parseRetryAfter(result.meta?.response?.headers.get('retry-after'));
    const data = typeof result.error.data === 'object' && result.error.data !== null ? result.error.data : {};
    if (retryAfterSeconds !== null) return { error: { status: 429, data: { ...data, retryAfterSeconds } }, meta: result.meta };
  }
  return result;
};

// One refresh at a time: parallel 401s wait for the same refresh instead of each rotating
// the refresh token (which the server treats as reuse and revokes the family).
type RefreshOutcome = 'refreshed' | 'rejected' | 'unreachable';
let refreshInFlight: Promise<RefreshOutcome> | null = null;

async function refreshSession(api: Parameters<BaseQueryFn>[1], extraOptions: Parameters<BaseQueryFn>[2]): Promise<RefreshOutcome> {
  const refreshToken = (api.getState() as StateWithAuth).auth.session?.refreshToken;
  if (!refreshToken) return 'rejected';
  const result = await baseQueryWithRetryAfter({ url: '/auth/refresh', method: 'POST', body: { refreshToken } }, api, extraOptions);
  if (result.data) {
    api.dispatch(sessionStarted(result.data as AuthResponse));
    return 'refreshed';
  }
  // A network failure or a 5xx says nothing about the session: keep the user signed in.
  const status = result.error?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? 'rejected' : 'unreachable';
}

export const baseQueryWithReauth: BaseQueryFn<string | FetchArgs, unknown, FetchBaseQueryError> = async (args, api, extraOptions) => {
  const tokenUsed = (api.getState() as StateWithAuth).auth.session?.accessToken;
  let result = await baseQueryWithRetryAfter(args, api, extraOptions);
  if (result.error?.status !== 401 || isCredentialRequest(args)) return result;

  // Another request may already have refreshed while this one was in flight.
  const tokenNow = (api.getState() as StateWithAuth).auth.session?.accessToken;
  const outcome: RefreshOutcome =
    tokenNow && tokenNow !== tokenUsed
      ? 'refreshed'
      : await (refreshInFlight ??= refreshSession(api, extraOptions).finally(() => {
          refreshInFlight = null;
        }));

  if (outcome === 'unreachable') return result;
  if (outcome === 'rejected') {
    if ((api.getState() as StateWithAuth).auth.session) api.dispatch(loggedOut('expired'));
    return result;
  }
  result = await baseQueryWithRetryAfter(args, api, extraOptions);
  if (result.error?.status === 401) api.dispatch(loggedOut('expired'));
  return result;
};

/** The one API slice of the app; features add endpoints with `injectEndpoints`. */
export const baseApi = createApi({
  reducerPath: 'api',
  baseQuery: baseQueryWithReauth,
  tagTypes: [
    'Contact',
    'ContactsCreatedReport',
    'Me',
    'Mfa',
    'Session',
    'Preferences',
    'Workspace',
    'Member',
    'Invite',
    'Role',
    'ApiKey',
    'AuditEntry',
    'Message',
    'WorkspaceExport',
    'Record',
    'Field',
    'View',
    'Pipeline',
    'Activity',
    'Task',
  ],
  endpoints: () => ({}),
});
