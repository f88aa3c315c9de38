import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { TenantDatabase } from '@meridian/platform';
import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { SessionTokens } from '../src/auth/session-tokens.js';
import { SessionsService } from '../src/sessions/sessions.service.js';
import { usersService } from '../src/service.js';
import { PASSWORD, request, signUp, superuserQuery } from './accounts-support.js';

/** Sessions: one per refresh-token family, listed with device and place, revocable one by one or all others. */
describe('users: sessions', () => {
  let db: TestDatabase;
  let users: TestService;
  const loginAs = (email: string, userAgent: string, ip?: string) =>
    request(users.httpUrl, 'POST', '/api/v1/auth/login', {
      body: { email, password: PASSWORD },
      headers: { 'user-agent': userAgent, ...(ip ? { 'x-forwarded-for': ip } : {}) },
    });
  const list = (token: string) => http(users.httpUrl, 'GET', '/api/v1/me/sessions', { token });
  const refresh = (refreshToken: string, userAgent = 'node') =>
    request(users.httpUrl, 'POST', '/api/v1/auth/refresh', { body: { refreshToken }, headers: { 'user-agent': userAgent } });

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db);
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
  });

  it("lists the user's sessions with when, where and what, marking the current one", async () => {
    await signUp(users.httpUrl, 'list@example.com', 'Lee');
    const laptop = await loginAs('list@example.com', 'Mozilla/5.0 (Macintosh) Firefox/140.0', '203.0.113.7');
    const phone = await loginAs('list@example.com', 'Mozilla/5.0 (iPhone) Safari/18.0');
    const res = await list(laptop.body.accessToken);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    const sid = decodeJwt(laptop.body.accessToken).sid;
    const current = res.body.data.find((s: { id: string }) => s.id === sid);
    expect(current).toEqual({
      id: sid,
      workspace: { id: laptop.body.workspace.id, name: "Lee's team" },
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (Macintosh) Firefox/140.0',
      expiresAt: expect.any(String),
      current: true,
    });
    const other = res.body.data.find((s: { id: string }) => s.id === decodeJwt(phone.body.accessToken).sid);
    expect(other).toMatchObject({ ip: '127.0.0.1', userAgent: 'Mozilla/5.0 (iPhone) Safari/18.0', current: false });
    // The sign-up session too: three in all, newest use first.
    expect(res.body.data).toHaveLength(3);
    expect(new Date(res.body.data[0].lastUsedAt).getTime()).toBeGreaterThanOrEqual(new Date(res.body.data[2].lastUsedAt).getTime());
  });

  it('keeps one session across refreshes and records its last use', async () => {
    await signUp(users.httpUrl, 'refresh@example.com');
    const login = await loginAs('refresh@example.com', 'First Agent');
    const sid = decodeJwt(login.body.accessToken).sid;
    const [before] = (await list(login.body.accessToken)).body.data.filter((s: { id: string }) => s.id === sid);
    await new Promise((r) => setTimeout(r, 20));
    const rotated = await refresh(login.body.refreshToken, 'Second Agent');
    expect(rotated.status).toBe(200);
    expect(decodeJwt(rotated.body.accessToken).sid).toBe(sid);
    const [after] = (await list(rotated.body.accessToken)).body.data.filter((s: { id: string }) => s.id === sid);
    expect(after.createdAt).toBe(before.createdAt);
    expect(new Date(after.lastUsedAt).getTime()).toBeGreaterThan(new Date(before.lastUsedAt).getTime());
    expect(after.userAgent).toBe('Second Agent');
  });

  it('revokes one session: its refresh token dies, it leaves the list, and it is audited', async () => {
    await signUp(users.httpUrl, 'revoke@example.com');
    const mine = await loginAs('revoke@example.com', 'Keeper');
    const victim = await loginAs('revoke@example.com', 'Lost Phone');
    const victimSid = decodeJwt(victim.body.accessToken).sid as string;
    const del = await http(users.httpUrl, 'DELETE', `/api/v1/me/sessions/${victimSid}`, { token: mine.body.accessToken });
    expect(del.status).toBe(204);
    expect((await refresh(victim.body.refreshToken)).status).toBe(401);
    expect((await list(mine.body.accessToken)).body.data.map((s: { id: string }) => s.id)).not.toContain(victimSid);
    expect((await http(users.httpUrl, 'DELETE', `/api/v1/me/sessions/${victimSid}`, { token: mine.body.accessToken })).status).toBe(404);
    const [audit] = await superuserQuery<{ target_id: string; ip: string }>(
      db,
      `SELECT target_id, host(ip) AS ip FROM users.audit_log WHERE action = 'session.revoked' AND target_id = $1`,
      [victimSid],
    );
    expect(audit).toEqual({ target_id: victimSid, ip: '127.0.0.1' });
    expect((await refresh(mine.body.refreshToken)).status).toBe(200);
  });

  it("answers 404 for another user's session, an unknown id and a malformed id alike", async () => {
    const alice = await signUp(users.httpUrl, 'alice-s@example.com');
    const bob = await signUp(users.httpUrl, 'bob-s@example.com');
    const bobSid = decodeJwt(bob.accessToken).sid as string;
    const answers = await Promise.all(
      [bobSid, randomUUID(), 'not-a-uuid'].map((id) =>
        http(users.httpUrl, 'DELETE', `/api/v1/me/sessions/${id}`, { token: alice.accessToken }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((a) => a.body.detail)).size).toBe(1);
    expect((await refresh(bob.refreshToken)).status).toBe(200);
  });

  it('signs out everywhere else, keeping the current session', async () => {
    const account = await signUp(users.httpUrl, 'others@example.com');
    const a = await loginAs('others@example.com', 'A');
    const b = await loginAs('others@example.com', 'B');
    const res = await http(users.httpUrl, 'DELETE', '/api/v1/me/sessions', { token: a.body.accessToken });
    expect(res).toMatchObject({ status: 200, body: { revoked: 2 } });
    expect((await refresh(account.refreshToken)).status).toBe(401);
    expect((await refresh(b.body.refreshToken)).status).toBe(401);
    const left = (await list(a.body.accessToken)).body.data;
    expect(left).toHaveLength(1);
    expect(left[0].current).toBe(true);
  });

  it('drops a session on log-out', async () => {
    await signUp(users.httpUrl, 'logout@example.com');
    const a = await loginAs('logout@example.com', 'A');
    const b = await loginAs('logout@example.com', 'B');
    expect((await http(users.httpUrl, 'POST', '/api/v1/auth/logout', { token: b.body.accessToken })).status).toBe(204);
    const ids = (await list(a.body.accessToken)).body.data.map((s: { id: string }) => s.id);
    expect(ids).not.toContain(decodeJwt(b.body.accessToken).sid);
  });

  it('endAllSessions ends sessions in every workspace of a user, or in one', async () => {
    const account = await signUp(users.httpUrl, 'two-ws@example.com');
    // A second workspace with a session there (as switch-workspace or an accepted invite would make).
    const second = randomUUID();
    await superuserQuery(db, `INSERT INTO users.workspaces (id, name) VALUES ($1, 'Second')`, [second]);
    await superuserQuery(db, `INSERT INTO users.memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member')`, [
      second,
      account.user.id,
    ]);
    const db2 = users.app.get(TenantDatabase);
    const tokens = users.app.get(SessionTokens);
    const issue = (workspaceId: string, role: 'owner' | 'member') =>
      db2.inWorkspace(workspaceId, (m) =>
        tokens.issue(m, { userId: account.user.id, workspaceId, role }, { origin: { ip: '198.51.100.1', userAgent: 'X' } }),
      );
    const inSecond = await issue(second, 'member');
    const inFirst = await issue(account.workspace.id, 'owner');
    const sessions = users.app.get(SessionsService);

    expect(await sessions.endAllSessions(account.user.id, { workspaceId: second, reason: 'member_removed' })).toBe(1);
    expect((await refresh(inSecond.refreshToken)).status).toBe(401);
    expect((await refresh(inFirst.refreshToken)).status).toBe(200);

    const again = await issue(second, 'member');
    const ended = await sessions.endAllSessions(account.user.id, { except: decodeJwt(account.accessToken).sid as string });
    expect(ended).toBe(2);
    expect((await refresh(again.refreshToken)).status).toBe(401);
    expect((await refresh(account.refreshToken)).status).toBe(200);
    const reasons = await superuserQuery<{ revoked_reason: string }>(
      db,
      `SELECT revoked_reason FROM users.sessions WHERE user_id = $1 AND revoked_at IS NOT NULL ORDER BY revoked_at`,
      [account.user.id],
    );
    expect(reasons.map((r) => r.revoked_reason)).toEqual(['member_removed', 'revoked_by_user', 'revoked_by_user']);
  });

  it('keeps sessions tenant-isolated: the app role sees none without a workspace or user set', async () => {
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: db.urls.users!.appUrl });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM users.sessions')).rows[0].n).toBe(0);
      const [all] = await superuserQuery<{ n: number }>(db, 'SELECT count(*)::int AS n FROM users.sessions');
      expect(all!.n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});
