import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { totpCode } from '../src/mfa/totp.js';
import { usersService } from '../src/service.js';
import { PASSWORD, signUp, superuserQuery } from './accounts-support.js';

const STEP_MS = 30_000;

/** TOTP MFA: enrolment, the log-in step, replay protection, recovery codes, disabling. */
describe('users: MFA', () => {
  let db: TestDatabase;
  let users: TestService;
  const post = (path: string, token: string | undefined, body?: unknown) => http(users.httpUrl, 'POST', path, { token, body });
  const login = (email: string) => post('/api/v1/auth/login', undefined, { email, password: PASSWORD });

  /** Signs up and turns MFA on; returns the secret, recovery codes and the step used to confirm. */
  async function withMfa(email: string) {
    const account = await signUp(users.httpUrl, email);
    const enrol = await post('/api/v1/me/mfa/enrol', account.accessToken);
    const now = Date.now();
    const confirm = await post('/api/v1/me/mfa/confirm', account.accessToken, { code: totpCode(enrol.body.secret, now) });
    expect(confirm.status).toBe(200);
    return { account, secret: enrol.body.secret as string, recoveryCodes: confirm.body.recoveryCodes as string[], confirmedAt: now };
  }

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    // The per-user code budget has its own test in the throttling suite.
    users = await startTestService(usersService, db, { MFA_THROTTLE_PER_USER: '1000' });
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
  });

  it('enrols with a secret, an otpauth URL and a QR code, and turns on only with a valid code', async () => {
    const account = await signUp(users.httpUrl, 'enrol@example.com');
    expect((await http(users.httpUrl, 'GET', '/api/v1/me/mfa', { token: account.accessToken })).body).toEqual({
      enabled: false,
      enabledAt: null,
      recoveryCodesRemaining: 0,
    });
    const enrol = await post('/api/v1/me/mfa/enrol', account.accessToken);
    expect(enrol.status).toBe(200);
    expect(enrol.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrol.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Meridian:enrol%40example\.com\?/);
    expect(enrol.body.otpauthUrl).toContain(`secret=${enrol.body.secret}`);
    expect(enrol.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await post('/api/v1/me/mfa/confirm', account.accessToken, { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('code');
    expect((await http(users.httpUrl, 'GET', '/api/v1/me/mfa', { token: account.accessToken })).body.enabled).toBe(false);

    const confirm = await post('/api/v1/me/mfa/confirm', account.accessToken, { code: totpCode(enrol.body.secret) });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirm.body.recoveryCodes).size).toBe(10);
    for (const code of confirm.body.recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect((await http(users.httpUrl, 'GET', '/api/v1/me/mfa', { token: account.accessToken })).body).toMatchObject({
      enabled: true,
      recoveryCodesRemaining: 10,
    });
    expect((await http(users.httpUrl, 'GET', '/api/v1/me', { token: account.accessToken })).body.user.mfaEnabled).toBe(true);
    expect((await post('/api/v1/me/mfa/enrol', account.accessToken)).status).toBe(409);

    // At rest: the secret is sealed, the recovery codes are keyed hashes.
    const [totp] = await superuserQuery<{ secret_encrypted: string }>(
      db,
      `SELECT secret_encrypted FROM users.mfa_totp WHERE user_id = $1`,
      [account.user.id],
    );
    expect(totp!.secret_encrypted).not.toContain(enrol.body.secret);
    expect(totp!.secret_encrypted).toMatch(/^v1\./);
    const hashes = await superuserQuery<{ code_hash: string }>(db, `SELECT code_hash FROM users.mfa_recovery_codes WHERE user_id = $1`, [
      account.user.id,
    ]);
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) {
      expect(code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(confirm.body.recoveryCodes.some((c: string) => code_hash.includes(c.replace(/-/g, '')))).toBe(false);
    }
  });

  it('asks for the second step at log-in and issues tokens only for a valid, unused code', async () => {
    const { secret, confirmedAt } = await withMfa('login-mfa@example.com');
    const first = await login('login-mfa@example.com');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });

    // The code that confirmed enrolment is spent: it cannot sign in (replay within its window).
    const replay = await post('/api/v1/auth/mfa', undefined, { mfaToken: first.body.mfaToken, code: totpCode(secret, confirmedAt) });
    expect(replay.status).toBe(401);
    const next = totpCode(secret, confirmedAt + STEP_MS);
    const ok = await post('/api/v1/auth/mfa', undefined, { mfaToken: first.body.mfaToken, code: next });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), role: 'owner' });
    // The challenge is single use.
    expect((await post('/api/v1/auth/mfa', undefined, { mfaToken: first.body.mfaToken, code: next })).status).toBe(401);

    // A new log-in cannot reuse that code, nor an older one.
    const second = await login('login-mfa@example.com');
    expect((await post('/api/v1/auth/mfa', undefined, { mfaToken: second.body.mfaToken, code: next })).status).toBe(401);
    expect(
      (await post('/api/v1/auth/mfa', undefined, { mfaToken: second.body.mfaToken, code: totpCode(secret, confirmedAt) })).status,
    ).toBe(401);
    expect((await post('/api/v1/auth/mfa', undefined, { mfaToken: 'mfa_forged-token-value', code: next })).status).toBe(401);
  });

  it('accepts each recovery code once', async () => {
    const { account, recoveryCodes } = await withMfa('recovery@example.com');
    const challenge = await login('recovery@example.com');
    const ok = await post('/api/v1/auth/mfa', undefined, { mfaToken: challenge.body.mfaToken, code: recoveryCodes[0]!.toUpperCase() });
    expect(ok.status).toBe(200);
    const again = await login('recovery@example.com');
    expect((await post('/api/v1/auth/mfa', undefined, { mfaToken: again.body.mfaToken, code: recoveryCodes[0] })).status).toBe(401);
    expect((await post('/api/v1/auth/mfa', undefined, { mfaToken: again.body.mfaToken, code: recoveryCodes[1] })).status).toBe(200);
    expect((await http(users.httpUrl, 'GET', '/api/v1/me/mfa', { token: account.accessToken })).body.recoveryCodesRemaining).toBe(8);
  });

  it('ends a log-in challenge after 5 wrong codes', async () => {
    const { secret, confirmedAt } = await withMfa('five-wrong@example.com');
    const challenge = await login('five-wrong@example.com');
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/v1/auth/mfa', undefined, { mfaToken: challenge.body.mfaToken, code: '123456' })).status).toBe(401);
    }
    const late = await post('/api/v1/auth/mfa', undefined, {
      mfaToken: challenge.body.mfaToken,
      code: totpCode(secret, confirmedAt + STEP_MS),
    });
    expect(late.status).toBe(401);
    expect(late.body.detail).toMatch(/expired/);
  });

  it('regenerates recovery codes after re-authentication; the old ones stop working', async () => {
    const { account, recoveryCodes } = await withMfa('regen@example.com');
    const wrong = await post('/api/v1/me/mfa/recovery-codes', account.accessToken, {
      password: 'wrong password!!',
      code: recoveryCodes[0],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('password');
    const regen = await post('/api/v1/me/mfa/recovery-codes', account.accessToken, { password: PASSWORD, code: recoveryCodes[0] });
    expect(regen.status).toBe(200);
    expect(regen.body.recoveryCodes).toHaveLength(10);
    const audited = await superuserQuery<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM users.audit_log WHERE actor_user_id = $1 AND action = 'mfa.recovery_codes_regenerated'`,
      [account.user.id],
    );
    expect(audited[0]!.n).toBe(1);
    const challenge = await login('regen@example.com');
    expect((await post('/api/v1/auth/mfa', undefined, { mfaToken: challenge.body.mfaToken, code: recoveryCodes[1] })).status).toBe(401);
    expect(
      (await post('/api/v1/auth/mfa', undefined, { mfaToken: challenge.body.mfaToken, code: regen.body.recoveryCodes[0] })).status,
    ).toBe(200);
  });

  it('turns off with the password and a current code; log-in is one step again', async () => {
    const { account, secret, confirmedAt } = await withMfa('disable@example.com');
    const noCode = await post('/api/v1/me/mfa/disable', account.accessToken, { password: PASSWORD });
    expect(noCode.status).toBe(400);
    expect(noCode.body.errors[0].field).toBe('code');
    const badPassword = await post('/api/v1/me/mfa/disable', account.accessToken, {
      password: 'wrong password!!',
      code: totpCode(secret, confirmedAt + STEP_MS),
    });
    expect(badPassword.status).toBe(400);
    expect(badPassword.body.errors[0].field).toBe('password');
    const badCode = await post('/api/v1/me/mfa/disable', account.accessToken, { password: PASSWORD, code: '999999' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].field).toBe('code');
    const off = await post('/api/v1/me/mfa/disable', account.accessToken, {
      password: PASSWORD,
      code: totpCode(secret, confirmedAt + STEP_MS),
    });
    expect(off.status).toBe(204);
    const plain = await login('disable@example.com');
    expect(plain.body.accessToken).toEqual(expect.any(String));
    expect((await post('/api/v1/me/mfa/disable', account.accessToken, { password: PASSWORD, code: '123456' })).status).toBe(409);
    expect(await superuserQuery(db, `SELECT 1 FROM users.mfa_recovery_codes WHERE user_id = $1`, [account.user.id])).toEqual([]);
  });

  it('records MFA changes and second-factor outcomes in the audit log', async () => {
    const { account, secret, confirmedAt, recoveryCodes } = await withMfa('audit-mfa@example.com');
    const challenge = await login('audit-mfa@example.com');
    await post('/api/v1/auth/mfa', undefined, { mfaToken: challenge.body.mfaToken, code: '000000' });
    await post('/api/v1/auth/mfa', undefined, { mfaToken: challenge.body.mfaToken, code: totpCode(secret, confirmedAt + STEP_MS) });
    // The next TOTP step is spent and the one after is outside the window: a recovery code re-authenticates.
    expect((await post('/api/v1/me/mfa/disable', account.accessToken, { password: PASSWORD, code: recoveryCodes[0] })).status).toBe(204);
    const rows = await superuserQuery<{ action: string; outcome: string; ip: string; workspace_id: string }>(
      db,
      `SELECT action, outcome, host(ip) AS ip, workspace_id FROM users.audit_log WHERE actor_user_id = $1 AND action <> 'auth.login' ORDER BY occurred_at`,
      [account.user.id],
    );
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['mfa.enabled', 'success'],
      ['auth.mfa', 'failure'],
      ['auth.mfa', 'success'],
      ['mfa.disabled', 'success'],
    ]);
    expect(rows.every((r) => r.ip === '127.0.0.1' && r.workspace_id === account.workspace.id)).toBe(true);
  });
});

describe('users: concurrent MFA enrolment', () => {
  let db: TestDatabase;
  let users: TestService;

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db);
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
  });

  it('answers every one of several simultaneous enrol requests (no 500)', async () => {
    const signup = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
      body: { email: 'race@example.com', password: 'a long enough password', name: 'R', workspaceName: 'W' },
    });
    const statuses = await Promise.all(
      Array.from({ length: 6 }, () =>
        http(users.httpUrl, 'POST', '/api/v1/me/mfa/enrol', { token: signup.body.accessToken }).then((r) => r.status),
      ),
    );
    expect(statuses).toEqual(Array(6).fill(200));
  });
});
