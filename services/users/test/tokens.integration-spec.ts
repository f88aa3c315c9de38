import { decodeJwt } from 'jose';
import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { usersService } from '../src/service.js';
import { PASSWORD, signUp, superuserQuery } from './accounts-support.js';

/**
 * quality.md cases 7 and 8 for the users service: refresh rotation and replay, the absolute
 * family lifetime, and which events kill refresh tokens. Access tokens are not revocable:
 * they live at most ACCESS_TOKEN_TTL_SECONDS (≤ 15 min), which this suite pins down.
 */
describe('users: token lifetimes and revocation', () => {
  let db: TestDatabase;
  let users: TestService;
  const refresh = (refreshToken: string) => http(users.httpUrl, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } });
  const login = (email: string) => http(users.httpUrl, 'POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db);
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
  });

  it('issues access tokens of at most 15 minutes, carrying the session id', async () => {
    const account = await signUp(users.httpUrl, 'ttl@example.com');
    const claims = decodeJwt(account.accessToken);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
    expect(claims.sid).toEqual(expect.any(String));
    const [row] = await superuserQuery<{ days: string }>(
      db,
      `SELECT round(extract(epoch FROM expires_at - created_at) / 86400) AS days FROM users.refresh_tokens WHERE family_id = $1`,
      [claims.sid],
    );
    expect(row!.days).toBe('30');
  });

  it('replaying a rotated refresh token ends the whole session, and says so in the audit log', async () => {
    const account = await signUp(users.httpUrl, 'replay@example.com');
    const sid = decodeJwt(account.accessToken).sid as string;
    const rotated = await refresh(account.refreshToken);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(account.refreshToken);
    expect((await refresh(account.refreshToken)).status).toBe(401);
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
    const [session] = await superuserQuery<{ revoked_reason: string }>(db, `SELECT revoked_reason FROM users.sessions WHERE id = $1`, [
      sid,
    ]);
    expect(session!.revoked_reason).toBe('refresh_token_reused');
    const audit = await superuserQuery<{ outcome: string; metadata: { reason: string } }>(
      db,
      `SELECT outcome, metadata FROM users.audit_log WHERE action = 'session.revoked' AND target_id = $1`,
      [sid],
    );
    expect(audit).toEqual([{ outcome: 'failure', metadata: { reason: 'refresh_token_reused' } }]);
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const account = await signUp(users.httpUrl, 'race@example.com');
    const results = await Promise.all([refresh(account.refreshToken), refresh(account.refreshToken)]);
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1);
  });

  it('ends a session at its absolute lifetime, however often it rotates', async () => {
    const account = await signUp(users.httpUrl, 'family@example.com');
    const sid = decodeJwt(account.accessToken).sid as string;
    await superuserQuery(db, `UPDATE users.refresh_tokens SET family_expires_at = now() + interval '1 second' WHERE family_id = $1`, [sid]);
    const rotated = await refresh(account.refreshToken);
    expect(rotated.status).toBe(200);
    const [row] = await superuserQuery<{ capped: boolean }>(
      db,
      `SELECT expires_at <= family_expires_at AS capped FROM users.refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL`,
      [sid],
    );
    expect(row!.capped).toBe(true);
    await new Promise((r) => setTimeout(r, 1200));
    expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
  });

  it('refuses an expired refresh token', async () => {
    const account = await signUp(users.httpUrl, 'expired@example.com');
    await superuserQuery(db, `UPDATE users.refresh_tokens SET expires_at = now() - interval '1 second' WHERE family_id = $1`, [
      decodeJwt(account.accessToken).sid,
    ]);
    expect((await refresh(account.refreshToken)).status).toBe(401);
  });

  it('log-out kills the refresh token; the access token lapses within its TTL', async () => {
    await signUp(users.httpUrl, 'bye@example.com');
    const session = await login('bye@example.com');
    expect((await http(users.httpUrl, 'POST', '/api/v1/auth/logout', { token: session.body.accessToken })).status).toBe(204);
    expect((await refresh(session.body.refreshToken)).status).toBe(401);
    // Documented: access tokens are verified locally by every service and are not revocable; they expire (≤ 15 min).
    const claims = decodeJwt(session.body.accessToken);
    expect(claims.exp! * 1000 - Date.now()).toBeLessThanOrEqual(900_000);
  });

  it('password change kills every other refresh token; removal from a workspace kills refresh there', async () => {
    const account = await signUp(users.httpUrl, 'killer@example.com');
    const other = await login('killer@example.com');
    await http(users.httpUrl, 'POST', '/api/v1/me/password', {
      token: account.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'entirely new phrase' },
    });
    expect((await refresh(other.body.refreshToken)).status).toBe(401);
    const mine = await refresh(account.refreshToken);
    expect(mine.status).toBe(200);
    // Removed from the workspace (membership gone): refresh there stops at once.
    await superuserQuery(db, `DELETE FROM users.memberships WHERE user_id = $1`, [account.user.id]);
    expect((await refresh(mine.body.refreshToken)).status).toBe(401);
  });
});
