import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { usersService } from '../src/service.js';

describe('users: preferences API', () => {
  let db: TestDatabase;
  let users: TestService;
  let token: string;

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db);
    const res = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
      body: { email: 'prefs@example.com', password: 'a long enough password', name: 'P', workspaceName: 'W' },
    });
    token = res.body.accessToken;
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
  });

  it('reads defaults, saves a partial change and rejects unknown keys naming them', async () => {
    expect((await http(users.httpUrl, 'GET', '/api/v1/me/preferences')).status).toBe(401);
    const initial = await http(users.httpUrl, 'GET', '/api/v1/me/preferences', { token });
    expect(initial.body.theme).toBe('system');
    const saved = await http(users.httpUrl, 'PATCH', '/api/v1/me/preferences', {
      token,
      body: { theme: 'dark', notifications: { inApp: { mentions: false } } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ theme: 'dark', notifications: { inApp: { mentions: false, approvals: true } } });
    expect((await http(users.httpUrl, 'GET', '/api/v1/me/preferences', { token })).body).toEqual(saved.body);
    const bad = await http(users.httpUrl, 'PATCH', '/api/v1/me/preferences', { token, body: { theme: 'neon', timeZone: 'Mars/Base' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['theme', 'timeZone']);
  });
});
