import pg from 'pg';
import { decodeJwt } from 'jose';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '@meridian/platform';
import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { usersService } from '../src/service.js';
import {
  inviteNewMember,
  inviteTokenIn,
  signUp,
  startFakeEmailService,
  type FakeEmailService,
  type Session,
} from './workspaces-fixtures.js';

describe('users: workspaces, switching, settings and roles', () => {
  let db: TestDatabase;
  let users: TestService;
  let mail: FakeEmailService;
  let su: pg.Client;
  let acme: Session;
  let globex: Session;
  let acmeMember: Session;

  const call = (method: string, path: string, as?: Session | string, body?: unknown) =>
    http(users.httpUrl, method, path, {
      ...(as ? { token: typeof as === 'string' ? as : as.accessToken } : {}),
      ...(body !== undefined ? { body } : {}),
    });

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    mail = await startFakeEmailService();
    users = await startTestService(usersService, db, { COMMUNICATION_GRPC_URL: mail.address });
    su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    acme = await signUp(users.httpUrl, 'olive@acme.test', 'Acme');
    globex = await signUp(users.httpUrl, 'gus@globex.test', 'Globex');
    acmeMember = await inviteNewMember(users.httpUrl, acme, mail, 'mia@acme.test', 'member');
    // Olive also joins Globex as a viewer.
    await call('POST', '/api/v1/invites', globex, { email: 'olive@acme.test', role: 'viewer' });
    const token = inviteTokenIn(mail.sent.filter((s) => s.request.to === 'olive@acme.test').at(-1));
    expect((await call('POST', `/api/v1/invites/${token}/accept`, acme)).status).toBe(200);
  });
  afterAll(async () => {
    await su?.end();
    await users?.close();
    await mail?.close();
    await db?.drop();
  });

  it("lists the caller's workspaces with their role, marking the current one", async () => {
    const res = await call('GET', '/api/v1/me/workspaces', acme);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [
        { id: acme.workspaceId, name: 'Acme', role: 'owner', joinedAt: expect.any(String), current: true },
        { id: globex.workspaceId, name: 'Globex', role: 'viewer', joinedAt: expect.any(String), current: false },
      ],
      nextCursor: null,
    });
    expect((await call('GET', '/api/v1/me/workspaces', acmeMember)).body.data.map((w: { name: string }) => w.name)).toEqual(['Acme']);
  });

  it('switches workspace: the same body as a login, tokens scoped to the target, audited', async () => {
    const res = await call('POST', '/api/v1/auth/switch-workspace', acme, { workspaceId: globex.workspaceId, role: 'owner' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(new RegExp(`^mrt\\.${globex.workspaceId}\\.`)),
      user: { id: acme.userId, email: 'olive@acme.test', name: 'Name of olive@acme.test' },
      workspace: { id: globex.workspaceId, name: 'Globex' },
      role: 'viewer',
    });
    expect(decodeJwt(res.body.accessToken)).toMatchObject({ sub: acme.userId, wid: globex.workspaceId, role: 'viewer', vis: 'all' });
    const asViewer = res.body.accessToken;
    expect((await call('GET', '/api/v1/me/workspaces', asViewer)).body.data.find((w: { current: boolean }) => w.current).name).toBe(
      'Globex',
    );
    // The new session refreshes in Globex; the Acme session is untouched.
    expect((await call('POST', '/api/v1/auth/refresh', undefined, { refreshToken: res.body.refreshToken })).body.workspace.id).toBe(
      globex.workspaceId,
    );
    expect((await call('GET', '/api/v1/members', acme)).status).toBe(200);
    const { rows } = await su.query(
      `SELECT actor_user_id, metadata, host(ip) AS ip FROM users.audit_log WHERE action = 'auth.workspace_switched'`,
    );
    expect(rows).toEqual([{ actor_user_id: acme.userId, metadata: { fromWorkspaceId: acme.workspaceId }, ip: '127.0.0.1' }]);
  });

  it('answers 404 for a workspace the caller does not belong to, exactly as for one that does not exist', async () => {
    const foreign = await call('POST', '/api/v1/auth/switch-workspace', acmeMember, { workspaceId: globex.workspaceId });
    const missing = await call('POST', '/api/v1/auth/switch-workspace', acmeMember, {
      workspaceId: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, instance: 0 }).toEqual({ ...missing.body, instance: 0 });
    const bad = await call('POST', '/api/v1/auth/switch-workspace', acmeMember, { workspaceId: 'globex' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('workspaceId');
    expect((await call('POST', '/api/v1/auth/switch-workspace', undefined, { workspaceId: globex.workspaceId })).status).toBe(401);
  });

  it('reads and changes workspace settings; retention is bounded and the body cannot pick another workspace', async () => {
    const initial = await call('GET', '/api/v1/workspaces/current/settings', acme);
    expect(initial.body).toEqual({ workspaceId: acme.workspaceId, name: 'Acme', auditRetentionDays: 365, updatedAt: null });
    const changed = await call('PATCH', '/api/v1/workspaces/current/settings', acme, {
      auditRetentionDays: 90,
      name: 'Acme Inc',
      workspaceId: globex.workspaceId,
      id: globex.workspaceId,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      workspaceId: acme.workspaceId,
      name: 'Acme Inc',
      auditRetentionDays: 90,
      updatedAt: expect.any(String),
    });
    expect((await call('GET', '/api/v1/workspaces/current/settings', globex)).body).toMatchObject({
      name: 'Globex',
      auditRetentionDays: 365,
    });
    for (const [value, message] of [
      [29, /at least 30/],
      [3651, /at most 3650/],
      ['90', /number/],
      [30.5, /whole number/],
    ] as const) {
      const res = await call('PATCH', '/api/v1/workspaces/current/settings', acme, { auditRetentionDays: value });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'auditRetentionDays', message: expect.stringMatching(message) }]);
    }
    expect((await call('PATCH', '/api/v1/workspaces/current/settings', acme, { name: '  ' })).body.errors[0].field).toBe('name');
    const { rows } = await su.query(
      `SELECT actor_user_id, metadata FROM users.audit_log WHERE action = 'workspace.settings_changed' AND workspace_id = $1`,
      [acme.workspaceId],
    );
    expect(rows).toEqual([
      {
        actor_user_id: acme.userId,
        metadata: { changes: { name: { from: 'Acme', to: 'Acme Inc' }, auditRetentionDays: { from: 365, to: 90 } } },
      },
    ]);
  });

  it('publishes the permission matrix with per-workspace record visibility', async () => {
    const res = await call('GET', '/api/v1/roles', acmeMember);
    expect(res.status).toBe(200);
    expect(res.body.permissions).toEqual([...PERMISSIONS]);
    expect(res.body.roles.map((r: { role: string }) => r.role)).toEqual([...ROLES]);
    for (const r of res.body.roles) {
      expect(new Set(r.permissions)).toEqual(ROLE_PERMISSIONS[r.role as (typeof ROLES)[number]]);
      expect(r.recordVisibility).toBe('all');
    }
    expect(res.body.roles.find((r: { role: string }) => r.role === 'owner').recordVisibilityEditable).toBe(false);
    expect(res.body.roles.find((r: { role: string }) => r.role === 'member').recordVisibilityEditable).toBe(true);
  });

  it('restricts a role to its own and team records: stored per workspace and carried in the vis claim', async () => {
    const res = await call('PATCH', '/api/v1/roles/member', acme, { recordVisibility: 'team', workspaceId: globex.workspaceId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'member', recordVisibility: 'team' });
    expect((await call('GET', '/api/v1/roles', acme)).body.roles.find((r: { role: string }) => r.role === 'member').recordVisibility).toBe(
      'team',
    );
    expect(
      (await call('GET', '/api/v1/roles', globex)).body.roles.find((r: { role: string }) => r.role === 'member').recordVisibility,
    ).toBe('all');
    // The member's next token says so; the owner's does not change.
    const refreshed = await call('POST', '/api/v1/auth/refresh', undefined, { refreshToken: acmeMember.refreshToken });
    expect(decodeJwt(refreshed.body.accessToken)).toMatchObject({ role: 'member', vis: 'team' });
    acmeMember = { ...acmeMember, accessToken: refreshed.body.accessToken, refreshToken: refreshed.body.refreshToken };
    const login = await call('POST', '/api/v1/auth/login', undefined, { email: 'olive@acme.test', password: 'a long enough password' });
    expect(decodeJwt(login.body.accessToken).vis).toBe('all');

    const admin = await call('PATCH', '/api/v1/roles/admin', acme, { recordVisibility: 'team' });
    expect(admin.status).toBe(400);
    expect(admin.body.errors[0].field).toBe('recordVisibility');
    expect((await call('PATCH', '/api/v1/roles/superuser', acme, { recordVisibility: 'all' })).body.errors[0].field).toBe('role');
    expect((await call('PATCH', '/api/v1/roles/member', acme, { recordVisibility: 'mine' })).body.errors[0].field).toBe('recordVisibility');
    const { rows } = await su.query(`SELECT target_id, metadata FROM users.audit_log WHERE action = 'role.visibility_changed'`);
    expect(rows).toEqual([{ target_id: 'member', metadata: { from: 'all', to: 'team' } }]);
    expect((await call('PATCH', '/api/v1/roles/member', acme, { recordVisibility: 'all' })).body.recordVisibility).toBe('all');
  });
});
