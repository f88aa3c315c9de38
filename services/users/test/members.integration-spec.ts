import pg from 'pg';
import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { usersService } from '../src/service.js';
import { inviteNewMember, signUp, startFakeEmailService, type FakeEmailService, type Session } from './workspaces-fixtures.js';

describe('users: members', () => {
  let db: TestDatabase;
  let users: TestService;
  let mail: FakeEmailService;
  let su: pg.Client;
  let owner: Session;
  let admin: Session;
  let manager: Session;
  let member: Session;
  let viewer: Session;
  let globex: Session;

  const call = (method: string, path: string, as?: Session, body?: unknown) =>
    http(users.httpUrl, method, path, { ...(as ? { token: as.accessToken } : {}), ...(body !== undefined ? { body } : {}) });
  const roleOf = async (s: Session) => (await call('GET', `/api/v1/members/${s.userId}`, owner)).body.role;
  const auditActions = async (workspaceId: string, action: string) =>
    (await su.query(`SELECT * FROM users.audit_log WHERE workspace_id = $1 AND action = $2 ORDER BY occurred_at`, [workspaceId, action]))
      .rows;

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    mail = await startFakeEmailService();
    users = await startTestService(usersService, db, { COMMUNICATION_GRPC_URL: mail.address });
    su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    owner = await signUp(users.httpUrl, 'owner@acme.test', 'Acme');
    globex = await signUp(users.httpUrl, 'owner@globex.test', 'Globex');
    admin = await inviteNewMember(users.httpUrl, owner, mail, 'admin@acme.test', 'admin');
    manager = await inviteNewMember(users.httpUrl, owner, mail, 'manager@acme.test', 'manager');
    member = await inviteNewMember(users.httpUrl, owner, mail, 'member@acme.test', 'member');
    viewer = await inviteNewMember(users.httpUrl, owner, mail, 'viewer@acme.test', 'viewer');
  });
  afterAll(async () => {
    await su?.end();
    await users?.close();
    await mail?.close();
    await db?.drop();
  });

  it('lists members in join order with paging and a role filter, for every role', async () => {
    const all = await call('GET', '/api/v1/members', viewer);
    expect(all.status).toBe(200);
    expect(all.body.data.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['owner@acme.test', 'owner'],
      ['admin@acme.test', 'admin'],
      ['manager@acme.test', 'manager'],
      ['member@acme.test', 'member'],
      ['viewer@acme.test', 'viewer'],
    ]);
    expect(all.body.data[0]).toEqual({
      userId: owner.userId,
      name: 'Name of owner@acme.test',
      email: 'owner@acme.test',
      role: 'owner',
      joinedAt: expect.any(String),
    });
    expect(all.body.nextCursor).toBeNull();
    const page1 = await call('GET', '/api/v1/members?limit=2', viewer);
    const page2 = await call('GET', `/api/v1/members?limit=2&cursor=${page1.body.nextCursor}`, viewer);
    const page3 = await call('GET', `/api/v1/members?limit=2&cursor=${page2.body.nextCursor}`, viewer);
    expect([...page1.body.data, ...page2.body.data, ...page3.body.data]).toEqual(all.body.data);
    expect(page3.body.nextCursor).toBeNull();
    expect((await call('GET', '/api/v1/members?role=viewer', viewer)).body.data.map((m: { email: string }) => m.email)).toEqual([
      'viewer@acme.test',
    ]);
    const bad = await call('GET', '/api/v1/members?role=god&limit=500', viewer);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'role']);
    // Another workspace sees only its own people.
    expect((await call('GET', '/api/v1/members', globex)).body.data.map((m: { email: string }) => m.email)).toEqual(['owner@globex.test']);
  });

  it("answers another workspace's member ids exactly like missing ones", async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { role: 'viewer' }],
      ['DELETE', undefined],
    ] as const) {
      const foreign = await call(method, `/api/v1/members/${member.userId}`, globex, body);
      const none = await call(method, `/api/v1/members/${missing}`, globex, body);
      expect(foreign.status).toBe(404);
      expect({ ...foreign.body, instance: 0 }).toEqual({ ...none.body, instance: 0 });
    }
    expect(await roleOf(member)).toBe('member');
    expect((await call('GET', '/api/v1/members/not-a-uuid', owner)).body.errors[0].field).toBe('userId');
  });

  it('changes a role, reading only `role` from the body, and audits it', async () => {
    const res = await call('PATCH', `/api/v1/members/${member.userId}`, admin, {
      role: 'manager',
      workspaceId: globex.workspaceId,
      userId: owner.userId,
      email: 'hijack@example.com',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: member.userId, email: 'member@acme.test', role: 'manager' });
    expect(await roleOf(owner)).toBe('owner');
    const [entry] = await auditActions(owner.workspaceId, 'member.role_changed');
    expect(entry).toMatchObject({ actor_user_id: admin.userId, target_type: 'user', target_id: member.userId });
    expect(entry.metadata).toMatchObject({ from: 'member', to: 'manager' });
    expect(entry.ip).toBeTruthy();
    // The member's next refresh carries the new role.
    const refreshed = await call('POST', '/api/v1/auth/refresh', undefined, { refreshToken: member.refreshToken });
    expect(refreshed.body.role).toBe('manager');
    member = { ...member, accessToken: refreshed.body.accessToken, refreshToken: refreshed.body.refreshToken };
    expect((await call('PATCH', `/api/v1/members/${member.userId}`, admin, { role: 'member' })).status).toBe(200);
  });

  it('lets only owners grant, change or remove the owner role', async () => {
    const grant = await call('PATCH', `/api/v1/members/${manager.userId}`, admin, { role: 'owner' });
    expect(grant.status).toBe(403);
    expect(grant.body.detail).toMatch(/Only an owner/);
    expect((await call('PATCH', `/api/v1/members/${owner.userId}`, admin, { role: 'admin' })).status).toBe(403);
    expect((await call('DELETE', `/api/v1/members/${owner.userId}`, admin)).status).toBe(403);
    expect(await roleOf(owner)).toBe('owner');
    expect(await roleOf(manager)).toBe('manager');
  });

  it('keeps at least one owner: the last owner cannot be demoted, removed or leave', async () => {
    const demote = await call('PATCH', `/api/v1/members/${owner.userId}`, owner, { role: 'admin' });
    expect(demote.status).toBe(409);
    expect(demote.body.detail).toBe('A workspace needs at least one owner: make another member an owner first.');
    expect((await call('DELETE', `/api/v1/members/${owner.userId}`, owner)).status).toBe(409);
    expect((await call('POST', '/api/v1/workspaces/current/leave', owner)).status).toBe(409);
    expect(await roleOf(owner)).toBe('owner');
  });

  it('never loses its last owner when two owners demote each other at once', async () => {
    expect((await call('PATCH', `/api/v1/members/${admin.userId}`, owner, { role: 'owner' })).status).toBe(200);
    const adminAsOwner = await call('POST', '/api/v1/auth/refresh', undefined, { refreshToken: admin.refreshToken });
    admin = { ...admin, accessToken: adminAsOwner.body.accessToken, refreshToken: adminAsOwner.body.refreshToken };
    const results = await Promise.all([
      call('PATCH', `/api/v1/members/${admin.userId}`, owner, { role: 'admin' }),
      call('PATCH', `/api/v1/members/${owner.userId}`, admin, { role: 'admin' }),
    ]);
    // One wins; the other is refused (the loser is no longer an owner, or would remove the last one).
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.map((r) => r.status).find((s) => s !== 200)).toBeGreaterThanOrEqual(403);
    const { rows } = await su.query(`SELECT count(*)::int AS n FROM users.memberships WHERE workspace_id = $1 AND role = 'owner'`, [
      owner.workspaceId,
    ]);
    expect(rows[0].n).toBe(1);
    // Restore: owner stays owner, admin back to admin.
    const ownerNow = await roleOf(owner);
    if (ownerNow !== 'owner') {
      expect((await call('PATCH', `/api/v1/members/${owner.userId}`, admin, { role: 'owner' })).status).toBe(200);
      expect((await call('PATCH', `/api/v1/members/${admin.userId}`, owner, { role: 'admin' })).status).toBe(200);
    }
    expect([await roleOf(owner), await roleOf(admin)]).toEqual(['owner', 'admin']);
  });

  it('applies a demotion at once on member management, before the old access token expires', async () => {
    const staleAdminToken = admin.accessToken; // still says "owner" or "admin"
    expect((await call('PATCH', `/api/v1/members/${admin.userId}`, owner, { role: 'member' })).status).toBe(200);
    const res = await http(users.httpUrl, 'PATCH', `/api/v1/members/${viewer.userId}`, {
      token: staleAdminToken,
      body: { role: 'member' },
    });
    expect(res.status).toBe(403);
    expect(await roleOf(viewer)).toBe('viewer');
    expect((await call('PATCH', `/api/v1/members/${admin.userId}`, owner, { role: 'admin' })).status).toBe(200);
  });

  it('removes a member: their refresh tokens die, they leave the list, and it is audited', async () => {
    const extra = await inviteNewMember(users.httpUrl, owner, mail, 'temp@acme.test', 'member');
    const res = await call('DELETE', `/api/v1/members/${extra.userId}`, admin);
    expect(res.status).toBe(204);
    expect((await call('POST', '/api/v1/auth/refresh', undefined, { refreshToken: extra.refreshToken })).status).toBe(401);
    expect((await call('GET', `/api/v1/members/${extra.userId}`, owner)).status).toBe(404);
    const login = await call('POST', '/api/v1/auth/login', undefined, { email: 'temp@acme.test', password: 'a long enough password' });
    expect(login.status).toBe(401); // no workspace left
    const [entry] = await auditActions(owner.workspaceId, 'member.removed');
    expect(entry).toMatchObject({ actor_user_id: admin.userId, target_id: extra.userId });
    expect(entry.metadata).toMatchObject({ role: 'member', email: 'temp@acme.test', sessionsEnded: 1 });
  });

  it('lets an admin manage admins but not above; a member may leave on their own', async () => {
    const peer = await inviteNewMember(users.httpUrl, owner, mail, 'peer@acme.test', 'admin');
    expect((await call('PATCH', `/api/v1/members/${peer.userId}`, admin, { role: 'viewer' })).status).toBe(200);
    const leaving = await call('POST', '/api/v1/workspaces/current/leave', peer);
    expect(leaving.status).toBe(204);
    expect((await call('POST', '/api/v1/auth/refresh', undefined, { refreshToken: peer.refreshToken })).status).toBe(401);
    const [entry] = await auditActions(owner.workspaceId, 'member.left');
    expect(entry).toMatchObject({ actor_user_id: peer.userId, target_id: peer.userId });
  });
});
