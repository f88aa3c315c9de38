import { Redis } from 'ioredis';
import {
  createTestDatabase,
  http,
  startRedisServer,
  startTestService,
  type RedisServer,
  type TestDatabase,
  type TestService,
} from '@meridian/platform/testing';
import { totpCode } from '../src/mfa/totp.js';
import { usersService } from '../src/service.js';
import { PASSWORD, request, sameAnswer, signUp } from './accounts-support.js';

/**
 * quality.md case 9 (throttled guessing, no account enumeration) and case 14 (per-workspace
 * request budgets) for the users service: first with the in-process store, then with two
 * replicas sharing Debian's redis-server (started on a loopback port; the suite fails when
 * it is missing). Client IPs are set with X-Forwarded-For, which the loopback proxy may set.
 */
const from = (ip: string) => ({ 'x-forwarded-for': ip });

function expectRetryAfter(res: { status: number; headers: Headers }, max: number): void {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(max);
}

describe('users: throttling (in-process store)', () => {
  let db: TestDatabase;
  let users: TestService;
  const login = (email: string, password: string, ip: string) =>
    request(users.httpUrl, 'POST', '/api/v1/auth/login', { body: { email, password }, headers: from(ip) });

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db, {
      LOGIN_THROTTLE_PER_ACCOUNT: '3',
      LOGIN_THROTTLE_PER_IP: '6',
      MFA_THROTTLE_PER_USER: '3',
      PASSWORD_RESET_THROTTLE_PER_ACCOUNT: '2',
      PASSWORD_RESET_THROTTLE_PER_IP: '4',
      RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: '5',
    });
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
  });

  it('limits log-in attempts per account, from any IP, and answers unknown emails exactly alike', async () => {
    await signUp(users.httpUrl, 'target@example.com');
    const known = [];
    const unknown = [];
    for (let i = 0; i < 3; i++) {
      known.push(await login('target@example.com', 'wrong password!', `10.0.1.${i}`));
      unknown.push(await login('ghost@example.com', 'wrong password!', `10.0.2.${i}`));
    }
    expect(known.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(unknown.map((r) => r.status)).toEqual([401, 401, 401]);
    // Even the right password is refused while the account is throttled.
    const knownBlocked = await login('target@example.com', PASSWORD, '10.0.1.99');
    const unknownBlocked = await login('ghost@example.com', PASSWORD, '10.0.2.99');
    expectRetryAfter(knownBlocked, 15 * 60);
    expectRetryAfter(unknownBlocked, 15 * 60);
    expect(sameAnswer(knownBlocked.body)).toEqual(sameAnswer(unknownBlocked.body));
    expect(sameAnswer(known[0]!.body)).toEqual(sameAnswer(unknown[0]!.body));
    // Other accounts are not affected.
    await signUp(users.httpUrl, 'bystander@example.com');
    expect((await login('bystander@example.com', PASSWORD, '10.0.1.100')).status).toBe(200);
  });

  it('forgets an account’s failures after a successful log-in', async () => {
    await signUp(users.httpUrl, 'forgetful@example.com');
    for (let i = 0; i < 2; i++) expect((await login('forgetful@example.com', 'wrong password!', '10.0.3.1')).status).toBe(401);
    expect((await login('forgetful@example.com', PASSWORD, '10.0.3.2')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await login('forgetful@example.com', 'wrong password!', '10.0.3.3')).status).toBe(401);
    expect((await login('forgetful@example.com', PASSWORD, '10.0.3.4')).status).toBe(200);
  });

  it('limits log-in attempts per IP across accounts', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(`spray-${i}@example.com`, 'Winter2026!', '10.0.4.1')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expectRetryAfter(await login('spray-7@example.com', 'Winter2026!', '10.0.4.1'), 15 * 60);
    expect((await login('spray-7@example.com', 'Winter2026!', '10.0.4.2')).status).toBe(401);
  });

  it('counts failures per IP, not successful log-ins (many people behind one office NAT)', async () => {
    await signUp(users.httpUrl, 'office@example.com');
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await login('office@example.com', PASSWORD, '10.0.4.50')).status);
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('takes as long to refuse an unknown email as a wrong password', async () => {
    const accounts = [];
    for (let i = 0; i < 6; i++) accounts.push(await signUp(users.httpUrl, `timing-${i}@example.com`));
    const time = async (email: string, ip: string) => {
      const started = performance.now();
      expect((await login(email, 'wrong password!', ip)).status).toBe(401);
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(await time(`timing-${i}@example.com`, `10.0.5.${i}`));
      unknown.push(await time(`nobody-timing-${i}@example.com`, `10.0.6.${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Both run one argon2id verification (a decoy hash for unknown emails).
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(25, 0.35 * median(known)));
  });

  it('limits second-factor guesses per user, across challenges', async () => {
    const account = await signUp(users.httpUrl, 'mfa-guess@example.com');
    const enrol = await http(users.httpUrl, 'POST', '/api/v1/me/mfa/enrol', { token: account.accessToken });
    const confirmedAt = Date.now();
    await http(users.httpUrl, 'POST', '/api/v1/me/mfa/confirm', {
      token: account.accessToken,
      body: { code: totpCode(enrol.body.secret, confirmedAt) },
    });
    const challenge = async (ip: string) => (await login('mfa-guess@example.com', PASSWORD, ip)).body.mfaToken as string;
    const guess = (mfaToken: string, code: string, ip: string) =>
      request(users.httpUrl, 'POST', '/api/v1/auth/mfa', { body: { mfaToken, code }, headers: from(ip) });
    const first = await challenge('10.0.7.1');
    for (const code of ['111111', '222222']) expect((await guess(first, code, '10.0.7.1')).status).toBe(401);
    // A fresh challenge from another IP does not get a fresh budget.
    const second = await challenge('10.0.7.2');
    expect((await guess(second, '333333', '10.0.7.2')).status).toBe(401);
    expectRetryAfter(await guess(second, totpCode(enrol.body.secret, confirmedAt + 30_000), '10.0.7.2'), 15 * 60);
  });

  it('limits password-reset requests per account and per IP with the same answer for unknown emails', async () => {
    await signUp(users.httpUrl, 'reset-limit@example.com');
    const reset = (email: string, ip: string) =>
      request(users.httpUrl, 'POST', '/api/v1/auth/password-reset', { body: { email }, headers: from(ip) });
    const known = [await reset('reset-limit@example.com', '10.0.8.1'), await reset('reset-limit@example.com', '10.0.8.2')];
    const unknown = [await reset('reset-nobody@example.com', '10.0.8.3'), await reset('reset-nobody@example.com', '10.0.8.4')];
    expect([...known, ...unknown].map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const knownBlocked = await reset('reset-limit@example.com', '10.0.8.5');
    const unknownBlocked = await reset('reset-nobody@example.com', '10.0.8.6');
    expectRetryAfter(knownBlocked, 3600);
    expectRetryAfter(unknownBlocked, 3600);
    expect(sameAnswer(knownBlocked.body)).toEqual(sameAnswer(unknownBlocked.body));

    const perIp = [];
    for (let i = 0; i < 4; i++) perIp.push((await reset(`reset-ip-${i}@example.com`, '10.0.8.9')).status);
    expect(perIp).toEqual([202, 202, 202, 202]);
    expectRetryAfter(await reset('reset-ip-5@example.com', '10.0.8.9'), 3600);
  });

  it('limits password re-entry per user when changing the password', async () => {
    const account = await signUp(users.httpUrl, 'reauth@example.com');
    const change = (currentPassword: string) =>
      http(users.httpUrl, 'POST', '/api/v1/me/password', {
        token: account.accessToken,
        body: { currentPassword, newPassword: 'another long phrase' },
      });
    for (let i = 0; i < 3; i++) expect((await change('not the password')).status).toBe(400);
    expectRetryAfter(await change(PASSWORD), 15 * 60);
  });

  it('answers 429 once a workspace spends its request budget; other workspaces are unaffected', async () => {
    const noisy = await signUp(users.httpUrl, 'noisy@example.com');
    const quiet = await signUp(users.httpUrl, 'quiet@example.com');
    const statuses = [];
    let last: Awaited<ReturnType<typeof http>> | undefined;
    for (let i = 0; i < 5; i++) {
      last = await http(users.httpUrl, 'GET', '/api/v1/me', { token: noisy.accessToken });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(last!.headers.get('ratelimit-limit')).toBe('5');
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
    expectRetryAfter(await http(users.httpUrl, 'GET', '/api/v1/me', { token: noisy.accessToken }), 60);
    expect((await http(users.httpUrl, 'GET', '/api/v1/me', { token: quiet.accessToken })).status).toBe(200);
  });
});

describe('users: throttling shared across replicas (Redis)', () => {
  let db: TestDatabase;
  let redis: RedisServer;
  let replicas: TestService[] = [];
  const env = () => ({ REDIS_URL: redis.url, LOGIN_THROTTLE_PER_ACCOUNT: '4', RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: '6' });

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    redis = await startRedisServer();
    replicas = [await startTestService(usersService, db, env()), await startTestService(usersService, db, env())];
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await redis?.stop();
    await db?.drop();
  });

  it('counts log-in failures for an account across replicas', async () => {
    await signUp(replicas[0]!.httpUrl, 'shared@example.com');
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const res = await request(replicas[i % 2]!.httpUrl, 'POST', '/api/v1/auth/login', {
        body: { email: 'shared@example.com', password: 'wrong password!' },
        headers: from(`10.1.0.${i}`),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
    for (const replica of replicas) {
      expectRetryAfter(
        await request(replica.httpUrl, 'POST', '/api/v1/auth/login', {
          body: { email: 'shared@example.com', password: PASSWORD },
          headers: from('10.1.0.9'),
        }),
        15 * 60,
      );
    }
    const client = new Redis(redis.url);
    try {
      expect(await client.keys('meridian:rl:users:login-account*')).not.toEqual([]);
    } finally {
      client.disconnect();
    }
  });

  it('shares one workspace request budget across replicas', async () => {
    const noisy = await signUp(replicas[0]!.httpUrl, 'noisy-shared@example.com');
    const quiet = await signUp(replicas[1]!.httpUrl, 'quiet-shared@example.com');
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await http(replicas[i % 2]!.httpUrl, 'GET', '/api/v1/me', { token: noisy.accessToken })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    for (const replica of replicas) expectRetryAfter(await http(replica.httpUrl, 'GET', '/api/v1/me', { token: noisy.accessToken }), 60);
    for (const replica of replicas)
      expect((await http(replica.httpUrl, 'GET', '/api/v1/me', { token: quiet.accessToken })).status).toBe(200);
  });
});
