import {
  createTestDatabase,
  http,
  invalidTokenCases,
  startTestService,
  type TestDatabase,
  type TestService,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { SigningKeyStore } from '../src/keys/signing-key.store.js';
import { usersService } from '../src/service.js';

/**
 * quality.md case 6 against the users service's own guard: it verifies with its own keys,
 * so the trusted key here is the service's real signing key (same database and secret).
 */
describe('users: access-token guard', () => {
  let db: TestDatabase;
  let users: TestService;
  let keys: SigningKeyStore;
  let session: { token: string; refreshToken: string; workspaceId: string; userId: string };

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db);
    const res = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
      body: { email: 'guard@example.com', password: 'a long enough password', name: 'G', workspaceName: 'W' },
    });
    session = {
      token: res.body.accessToken,
      refreshToken: res.body.refreshToken,
      workspaceId: res.body.workspace.id,
      userId: res.body.user.id,
    };
    keys = new SigningKeyStore(db.urls.users!.appUrl, 'test-signing-key-secret-0123456789abcdef');
  });
  afterAll(async () => {
    await keys?.close();
    await users?.close();
    await db?.drop();
  });

  it('accepts its own valid token and refuses every malformed or foreign one with 401', async () => {
    const me = (token: string) => http(users.httpUrl, 'GET', '/api/v1/me', { token }).then((r) => r.status);
    expect(await me(session.token)).toBe(200);
    // An issuer whose "trusted" key is the users service's real key.
    const issuer: TestTokenIssuer = {
      jwksUrl: '',
      close: async () => undefined,
      sign: async (claims, o = {}) => {
        if (o.key === 'untrusted') {
          const { startTestTokenIssuer } = await import('@meridian/platform/testing');
          const foreign = await startTestTokenIssuer();
          const token = await foreign.sign(claims);
          await foreign.close();
          return token;
        }
        const ttl = o.expiresIn === '-10m' ? -600 : 900;
        return keys.sign(
          { typ: o.typ ?? 'access', wid: claims.workspaceId, role: claims.role, sid: 'x' },
          {
            subject: claims.userId ?? session.userId,
            issuer: o.issuer ?? 'meridian-users',
            audience: o.audience ?? 'meridian',
            ttlSeconds: ttl,
          },
        );
      },
    };
    expect(await me(await issuer.sign({ role: 'owner', workspaceId: session.workspaceId }))).toBe(200);
    const statuses: Record<string, number> = {};
    for (const [name, token] of Object.entries(await invalidTokenCases(issuer, session.workspaceId))) statuses[name] = await me(token);
    statuses['real refresh token'] = await me(session.refreshToken);
    expect(statuses).toEqual(Object.fromEntries(Object.keys(statuses).map((k) => [k, 401])));
  });
});
