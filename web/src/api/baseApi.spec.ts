import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createStore } from '../app/store';
import type { Session } from '../features/auth/types';
import { recordsApi } from '../features/records/recordsApi';

const session = (n: number): Session => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  user: { id: 'u1', email: 'erin@example.com', name: 'Erin' },
  workspace: { id: 'w1', name: 'Acme' },
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

type Handler = (request: Request) => Response | Promise<Response>;

describe('baseQueryWithReauth', () => {
  let requests: Request[];
  let fetchMock: jest.Mock<(input: RequestInfo | URL) => Promise<Response>>;

  const useServer = (handler: Handler) => {
    fetchMock.mockImplementation(async (input) => {
      const request = input instanceof Request ? input : new Request(input);
      requests.push(request.clone());
      return handler(request);
    });
  };

  beforeEach(() => {
    requests = [];
    fetchMock = jest.fn();
    jest.spyOn(globalThis, 'fetch').mockImplementation(fetchMock as unknown as typeof fetch);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  const listContacts = (store: ReturnType<typeof createStore>) =>
    store.dispatch(recordsApi.endpoints.listRecords.initiate({ object: 'contacts' }, { forceRefetch: true }));

  it('sends the access token as a Bearer header', async () => {
    const store = createStore({ auth: { session: session(1), logoutReason: null }, persistSession: false });
    useServer(() => json(200, { data: [], nextCursor: null }));
    await listContacts(store);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer access-1');
  });

  it('on 401 refreshes once, stores the new pair and retries with the new token', async () => {
    const store = createStore({ auth: { session: session(1), logoutReason: null }, persistSession: false });
    useServer(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/auth/refresh') {
        expect(await request.json()).toEqual({ refreshToken: 'refresh-1' });
        return json(200, session(2));
      }
      return request.headers.get('authorization') === 'Bearer access-2'
        ? json(200, { data: [], nextCursor: null })
        : json(401, { status: 401, title: 'Unauthenticated' });
    });

    const result = await listContacts(store);

    expect(result.isSuccess).toBe(true);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/v1/contacts', '/api/v1/auth/refresh', '/api/v1/contacts']);
    expect(store.getState().auth.session?.refreshToken).toBe('refresh-2');
  });

  it('logs out (and drops cached data) when the refresh token is rejected', async () => {
    const store = createStore({ auth: { session: session(1), logoutReason: null }, persistSession: false });
    useServer((request) =>
      new URL(request.url).pathname === '/api/v1/auth/refresh'
        ? json(401, { status: 401, title: 'Unauthenticated' })
        : json(401, { status: 401, title: 'Unauthenticated' }),
    );

    await listContacts(store);

    expect(store.getState().auth.session).toBeNull();
    expect(store.getState().auth.logoutReason).toBe('expired');
    expect(store.getState().api.queries).toEqual({});
  });

  it('keeps the session when the refresh endpoint cannot be reached', async () => {
    const store = createStore({ auth: { session: session(1), logoutReason: null }, persistSession: false });
    useServer((request) => {
      if (new URL(request.url).pathname === '/api/v1/auth/refresh') throw new TypeError('network down');
      return json(401, { status: 401, title: 'Unauthenticated' });
    });

    await listContacts(store);

    expect(store.getState().auth.session?.accessToken).toBe('access-1');
  });

  it('never tries to refresh for a failed log-in (401 = bad credentials)', async () => {
    const { authApi } = await import('../features/auth/authApi');
    const store = createStore({ auth: { session: null, logoutReason: null }, persistSession: false });
    useServer(() => json(401, { status: 401, title: 'Unauthenticated', detail: 'Email or password is incorrect.' }));

    const result = await store.dispatch(authApi.endpoints.logIn.initiate({ email: 'a@b.co', password: 'nope' }));

    expect('error' in result).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it('shares one refresh between parallel requests that hit 401', async () => {
    const store = createStore({ auth: { session: session(1), logoutReason: null }, persistSession: false });
    let refreshes = 0;
    useServer(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/auth/refresh') {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return json(200, session(2));
      }
      if (request.headers.get('authorization') !== 'Bearer access-2') return json(401, { status: 401 });
      return url.pathname.endsWith('contacts-created') ? json(200, { data: [] }) : json(200, { data: [], nextCursor: null });
    });
    const { reportsApi } = await import('../features/reports/reportsApi');

    const [contacts, report] = await Promise.all([
      listContacts(store),
      store.dispatch(reportsApi.endpoints.getContactsCreated.initiate(undefined, { forceRefetch: true })),
    ]);

    expect(refreshes).toBe(1);
    expect(contacts.isSuccess).toBe(true);
    expect(report.isSuccess).toBe(true);
  });

  it('passes a 429 on with the Retry-After wait in seconds', async () => {
    const { authApi } = await import('../features/auth/authApi');
    const store = createStore({ auth: { session: null, logoutReason: null }, persistSession: false });
    useServer(
      () =>
        new Response(JSON.stringify({ status: 429, title: 'Too many requests' }), {
          status: 429,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '42' },
        }),
    );

    const result = await store.dispatch(authApi.endpoints.logIn.initiate({ email: 'a@b.co', password: 'guess' }));

    expect('error' in result && result.error).toMatchObject({ status: 429, data: { retryAfterSeconds: 42 } });
  });

  it('refreshes for signed-in auth calls such as switching workspace', async () => {
    const { authApi } = await import('../features/auth/authApi');
    const store = createStore({ auth: { session: session(1), logoutReason: null }, persistSession: false });
    useServer(async (request) => {
      const url = new URL(request.url);
      if (url.pathname === '/api/v1/auth/refresh') return json(200, session(2));
      if (request.headers.get('authorization') !== 'Bearer access-2') return json(401, { status: 401 });
      return json(200, { ...session(3), workspace: { id: 'w2', name: 'Globex' } });
    });

    const result = await store.dispatch(authApi.endpoints.switchWorkspace.initiate({ workspaceId: 'w2' }));

    expect('data' in result).toBe(true);
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/auth/switch-workspace',
      '/api/v1/auth/refresh',
      '/api/v1/auth/switch-workspace',
    ]);
    expect(store.getState().auth.session?.workspace.name).toBe('Globex');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and ignores garbage', async () => {
    const { parseRetryAfter } = await import('./baseApi');
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Tue, 01 Jan 2030 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
