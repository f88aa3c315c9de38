import { EmailCategory } from '@meridian/proto/communication/v1/email_service';
import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { usersService } from '../src/service.js';
import { linkToken, PASSWORD, signUp, startEmailCapture, superuserQuery, type EmailCapture } from './accounts-support.js';

/**
 * Accounts: email verification, password reset and change, email change, the common-password
 * check. Identity emails go over gRPC to a loopback stand-in for communication's EmailService.
 */
describe('users: accounts', () => {
  let db: TestDatabase;
  let users: TestService;
  let mail: EmailCapture;
  const login = (email: string, password = PASSWORD) => http(users.httpUrl, 'POST', '/api/v1/auth/login', { body: { email, password } });
  const me = (token: string) => http(users.httpUrl, 'GET', '/api/v1/me', { token });
  const refresh = (refreshToken: string) => http(users.httpUrl, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } });

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    mail = await startEmailCapture();
    users = await startTestService(usersService, db, {
      COMMUNICATION_GRPC_URL: mail.address,
      PUBLIC_APP_URL: 'https://crm.example.test',
      // Throttling has its own suite; here it must not get in the way.
      PASSWORD_RESET_THROTTLE_PER_ACCOUNT: '1000',
      PASSWORD_RESET_THROTTLE_PER_IP: '1000',
    });
  });
  afterAll(async () => {
    await users?.close();
    await mail?.close();
    await db?.drop();
  });

  describe('email verification', () => {
    it('emails a 24-hour link on sign-up over communication gRPC; following it verifies the address once', async () => {
      const account = await signUp(users.httpUrl, 'verify@example.com', 'Vera');
      expect((await me(account.accessToken)).body.user).toMatchObject({
        email: 'verify@example.com',
        emailVerified: false,
        pendingEmail: null,
      });
      const email = await mail.next('verify@example.com', EmailCategory.EMAIL_CATEGORY_VERIFICATION);
      expect(email.workspaceId).toBe(account.workspace.id);
      expect(email.text).toContain('https://crm.example.test/verify-email?token=');
      expect(email.html).toContain('<a href="https://crm.example.test/verify-email?token=');
      expect(email.idempotencyKey).toMatch(/^verify-email:/);
      const token = linkToken(email);
      const [row] = await superuserQuery<{ hashed: boolean; ttl_hours: number }>(
        db,
        `SELECT token_hash <> $1 AS hashed, round(extract(epoch FROM expires_at - created_at) / 3600) AS ttl_hours FROM users.account_tokens WHERE purpose = 'verify_email' AND email = 'verify@example.com'`,
        [token],
      );
      expect(row).toEqual({ hashed: true, ttl_hours: '24' });

      const verified = await http(users.httpUrl, 'POST', '/api/v1/auth/verify-email', { body: { token } });
      expect(verified).toMatchObject({ status: 200, body: { email: 'verify@example.com', emailVerified: true } });
      expect((await me(account.accessToken)).body.user.emailVerified).toBe(true);
      const audited = await superuserQuery<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM users.audit_log WHERE actor_user_id = $1 AND action = 'auth.email_verified'`,
        [account.user.id],
      );
      expect(audited[0]!.n).toBe(1);
      const again = await http(users.httpUrl, 'POST', '/api/v1/auth/verify-email', { body: { token } });
      expect(again.status).toBe(400);
      expect(again.body.errors).toEqual([{ field: 'token', message: expect.stringMatching(/invalid|used|expired/) }]);
      expect((await http(users.httpUrl, 'POST', '/api/v1/me/verify-email/resend', { token: account.accessToken })).status).toBe(409);
    });

    it('resends a fresh link on request; only the newest link works', async () => {
      const account = await signUp(users.httpUrl, 'resend@example.com');
      const first = linkToken(await mail.next('resend@example.com', EmailCategory.EMAIL_CATEGORY_VERIFICATION));
      const count = mail.emails.length;
      const resent = await http(users.httpUrl, 'POST', '/api/v1/me/verify-email/resend', { token: account.accessToken });
      expect(resent).toMatchObject({ status: 202, body: { sent: true } });
      const second = linkToken(await mail.next('resend@example.com', EmailCategory.EMAIL_CATEGORY_VERIFICATION, count));
      expect(second).not.toBe(first);
      expect((await http(users.httpUrl, 'POST', '/api/v1/auth/verify-email', { body: { token: first } })).status).toBe(400);
      expect((await http(users.httpUrl, 'POST', '/api/v1/auth/verify-email', { body: { token: second } })).status).toBe(200);
      expect(
        (await http(users.httpUrl, 'POST', '/api/v1/auth/verify-email', { body: { token: 'mve_not-a-real-token-at-all' } })).status,
      ).toBe(400);
    });
  });

  describe('common passwords', () => {
    it('refuses a common password on sign-up, reset and change, naming the field', async () => {
      const signup = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
        body: { email: 'common@example.com', password: 'Password123', name: 'C', workspaceName: 'W' },
      });
      expect(signup.status).toBe(400);
      expect(signup.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('This password is too common') }]);

      const account = await signUp(users.httpUrl, 'common@example.com');
      const change = await http(users.httpUrl, 'POST', '/api/v1/me/password', {
        token: account.accessToken,
        body: { currentPassword: PASSWORD, newPassword: 'iloveyou123' },
      });
      expect(change.status).toBe(400);
      expect(change.body.errors).toEqual([{ field: 'newPassword', message: expect.stringContaining('This password is too common') }]);

      const confirm = await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset/confirm', {
        body: { token: 'mpr_whatever-token-here', password: 'qwertyuiop' },
      });
      expect(confirm.status).toBe(400);
      expect(confirm.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('This password is too common') }]);
    });
  });

  describe('password reset', () => {
    it('answers every request with the same 202; only a real account gets an email', async () => {
      await signUp(users.httpUrl, 'reset-known@example.com');
      const before = mail.emails.length;
      const known = await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset', { body: { email: 'Reset-Known@example.com' } });
      const unknown = await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset', { body: { email: 'nobody-here@example.com' } });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(known.body).toEqual(unknown.body);
      const email = await mail.next('reset-known@example.com', EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET, before);
      expect(email.text).toContain('https://crm.example.test/reset-password?token=');
      await new Promise((r) => setTimeout(r, 300));
      expect(mail.emails.slice(before).filter((e) => e.to === 'nobody-here@example.com')).toEqual([]);
    });

    it('answers known and unknown emails in similar time', async () => {
      await signUp(users.httpUrl, 'reset-timing@example.com');
      const time = async (email: string) => {
        const started = performance.now();
        await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset', { body: { email } });
        return performance.now() - started;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 8; i++) {
        known.push(await time('reset-timing@example.com'));
        unknown.push(await time(`nobody-${i}@example.com`));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      // The lookup and the email happen after the response: both paths are throttle + reply.
      expect(Math.abs(median(known) - median(unknown))).toBeLessThan(25);
    });

    it('sets the new password from a single-use link and ends every session', async () => {
      const account = await signUp(users.httpUrl, 'reset-me@example.com');
      const other = await login('reset-me@example.com');
      const before = mail.emails.length;
      await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset', { body: { email: 'reset-me@example.com' } });
      const token = linkToken(await mail.next('reset-me@example.com', EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET, before));

      const done = await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset/confirm', {
        body: { token, password: 'brand new secret words' },
      });
      expect(done.status).toBe(204);
      expect((await refresh(account.refreshToken)).status).toBe(401);
      expect((await refresh(other.body.refreshToken)).status).toBe(401);
      expect((await login('reset-me@example.com')).status).toBe(401);
      const fresh = await login('reset-me@example.com', 'brand new secret words');
      expect(fresh.status).toBe(200);
      // Following the emailed link proved the address too.
      expect((await me(fresh.body.accessToken)).body.user.emailVerified).toBe(true);
      const replay = await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset/confirm', {
        body: { token, password: 'yet another secret phrase' },
      });
      expect(replay.status).toBe(400);
      expect(replay.body.errors[0].field).toBe('token');
      await mail.next('reset-me@example.com', EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE, before);

      const audit = await superuserQuery<{ action: string; ip: string }>(
        db,
        `SELECT action, host(ip) AS ip FROM users.audit_log WHERE actor_user_id = $1 AND action = 'auth.password_reset'`,
        [account.user.id],
      );
      expect(audit).toEqual([{ action: 'auth.password_reset', ip: '127.0.0.1' }]);
    });

    it('refuses a link after 30 minutes, and an older link once a newer one was sent', async () => {
      await signUp(users.httpUrl, 'reset-late@example.com');
      let before = mail.emails.length;
      await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset', { body: { email: 'reset-late@example.com' } });
      const older = linkToken(await mail.next('reset-late@example.com', EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET, before));
      const [ttl] = await superuserQuery<{ minutes: string }>(
        db,
        `SELECT round(extract(epoch FROM expires_at - created_at) / 60) AS minutes FROM users.account_tokens WHERE purpose = 'reset_password' AND email = 'reset-late@example.com'`,
      );
      expect(ttl!.minutes).toBe('30');
      before = mail.emails.length;
      await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset', { body: { email: 'reset-late@example.com' } });
      const newer = linkToken(await mail.next('reset-late@example.com', EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET, before));
      expect(
        (
          await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset/confirm', {
            body: { token: older, password: 'some fresh secret words' },
          })
        ).status,
      ).toBe(400);
      await superuserQuery(
        db,
        `UPDATE users.account_tokens SET expires_at = now() - interval '1 second' WHERE email = 'reset-late@example.com' AND used_at IS NULL`,
      );
      expect(
        (
          await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset/confirm', {
            body: { token: newer, password: 'some fresh secret words' },
          })
        ).status,
      ).toBe(400);
      expect((await login('reset-late@example.com')).status).toBe(200);
    });
  });

  describe('change password', () => {
    it('requires the current password, then ends every other session and keeps this one', async () => {
      const account = await signUp(users.httpUrl, 'change-pw@example.com');
      const other = await login('change-pw@example.com');
      const wrong = await http(users.httpUrl, 'POST', '/api/v1/me/password', {
        token: account.accessToken,
        body: { currentPassword: 'not my password', newPassword: 'a different long phrase' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: 'The password is incorrect.' }]);

      const before = mail.emails.length;
      const ok = await http(users.httpUrl, 'POST', '/api/v1/me/password', {
        token: account.accessToken,
        body: { currentPassword: PASSWORD, newPassword: 'a different long phrase' },
      });
      expect(ok.status).toBe(204);
      expect((await refresh(other.body.refreshToken)).status).toBe(401);
      expect((await refresh(account.refreshToken)).status).toBe(200);
      expect((await login('change-pw@example.com')).status).toBe(401);
      expect((await login('change-pw@example.com', 'a different long phrase')).status).toBe(200);
      const notice = await mail.next('change-pw@example.com', EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE, before);
      expect(notice.text).toMatch(/password .* was changed/);
      const audit = await superuserQuery(
        db,
        `SELECT 1 FROM users.audit_log WHERE actor_user_id = $1 AND action = 'auth.password_changed'`,
        [account.user.id],
      );
      expect(audit).toHaveLength(1);
    });
  });

  describe('change email', () => {
    it('re-authenticates, sends a link to the new address, and switches only when it is followed', async () => {
      const account = await signUp(users.httpUrl, 'old-address@example.com');
      const wrong = await http(users.httpUrl, 'POST', '/api/v1/me/email', {
        token: account.accessToken,
        body: { password: 'nope nope nope', newEmail: 'new-address@example.com' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0].field).toBe('password');
      const same = await http(users.httpUrl, 'POST', '/api/v1/me/email', {
        token: account.accessToken,
        body: { password: PASSWORD, newEmail: 'OLD-address@example.com' },
      });
      expect(same.status).toBe(400);
      expect(same.body.errors[0].field).toBe('newEmail');

      const before = mail.emails.length;
      const started = await http(users.httpUrl, 'POST', '/api/v1/me/email', {
        token: account.accessToken,
        body: { password: PASSWORD, newEmail: 'New-Address@example.com' },
      });
      expect(started).toMatchObject({ status: 202, body: { pendingEmail: 'new-address@example.com' } });
      expect((await me(account.accessToken)).body.user).toMatchObject({
        email: 'old-address@example.com',
        pendingEmail: 'new-address@example.com',
      });
      const link = await mail.next('new-address@example.com', EmailCategory.EMAIL_CATEGORY_VERIFICATION, before);
      await mail.next('old-address@example.com', EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE, before);
      expect((await login('new-address@example.com')).status).toBe(401);

      const confirmed = await http(users.httpUrl, 'POST', '/api/v1/auth/verify-email', { body: { token: linkToken(link) } });
      expect(confirmed).toMatchObject({ status: 200, body: { email: 'new-address@example.com', emailVerified: true } });
      expect((await me(account.accessToken)).body.user).toMatchObject({
        email: 'new-address@example.com',
        emailVerified: true,
        pendingEmail: null,
      });
      expect((await login('old-address@example.com')).status).toBe(401);
      expect((await login('new-address@example.com')).status).toBe(200);
      const notice = await mail.next('old-address@example.com', EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE, before + 2);
      expect(notice.text).toContain('new-address@example.com');
      const audit = await superuserQuery<{ metadata: Record<string, string> }>(
        db,
        `SELECT metadata FROM users.audit_log WHERE actor_user_id = $1 AND action = 'auth.email_changed' ORDER BY occurred_at`,
        [account.user.id],
      );
      expect(audit.map((a) => a.metadata)).toEqual([
        { stage: 'requested', to: 'new-address@example.com' },
        { from: 'old-address@example.com', to: 'new-address@example.com' },
      ]);
    });

    it('answers the same for an address another account uses, without emailing it', async () => {
      await signUp(users.httpUrl, 'taken@example.com');
      const account = await signUp(users.httpUrl, 'wants-taken@example.com');
      const before = mail.emails.length;
      const res = await http(users.httpUrl, 'POST', '/api/v1/me/email', {
        token: account.accessToken,
        body: { password: PASSWORD, newEmail: 'taken@example.com' },
      });
      expect(res).toMatchObject({ status: 202, body: { pendingEmail: 'taken@example.com' } });
      await mail.next('wants-taken@example.com', EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE, before);
      expect(mail.emails.slice(before).filter((e) => e.to === 'taken@example.com')).toEqual([]);
    });
  });
});

describe('users: accounts without the communication service', () => {
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

  it('still signs up and answers reset requests when COMMUNICATION_GRPC_URL is unset (emails are logged as not sent)', async () => {
    const account = await signUp(users.httpUrl, 'no-mail@example.com');
    expect((await http(users.httpUrl, 'GET', '/api/v1/me', { token: account.accessToken })).body.user.emailVerified).toBe(false);
    expect((await http(users.httpUrl, 'POST', '/api/v1/auth/password-reset', { body: { email: 'no-mail@example.com' } })).status).toBe(202);
  });
});
