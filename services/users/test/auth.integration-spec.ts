import pg from 'pg';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { usersService } from '../src/service.js';

describe('users: sign-up, log-in, refresh rotation', () => {
  let db: TestDatabase;
  let users: TestService;
  const signUpBody = { email: 'Owner@Example.com', password: 'a long enough password', name: 'Olive Owner', workspaceName: 'Olive & Co' };

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db);
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
  });

  it('signs up with the documented contract and an ES256 access token', async () => {
    const res = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', { body: signUpBody });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { id: expect.any(String), email: 'owner@example.com', name: 'Olive Owner' },
      workspace: { id: expect.any(String), name: 'Olive & Co' },
    });
    const header = decodeProtectedHeader(res.body.accessToken);
    const claims = decodeJwt(res.body.accessToken);
    expect(header.alg).toBe('ES256');
    expect(claims).toMatchObject({
      iss: 'meridian-users',
      aud: 'meridian',
      sub: res.body.user.id,
      wid: res.body.workspace.id,
      role: 'owner',
    });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
    const jwks = await http(users.httpUrl, 'GET', '/api/v1/auth/jwks.json');
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    expect(JSON.stringify(jwks.body)).not.toContain('"d"');
  });

  it('rejects a duplicate email with 409 naming the field, and bad input with 400', async () => {
    const dup = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', { body: { ...signUpBody, email: 'owner@example.com' } });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].field).toBe('email');
    const bad = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
      body: { email: 'x', password: 'short', name: '', workspaceName: 'W' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'password']);
  });

  it('logs in, and says the same thing for a wrong password and an unknown email', async () => {
    const ok = await http(users.httpUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'owner@example.com', password: signUpBody.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.workspace.name).toBe('Olive & Co');
    const wrong = await http(users.httpUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'owner@example.com', password: 'wrong password!' },
    });
    const unknown = await http(users.httpUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'wrong password!' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect({ ...wrong.body, instance: 0 }).toEqual({ ...unknown.body, instance: 0 });
  });

  it('rotates refresh tokens and revokes the whole family when an old one is replayed', async () => {
    const login = await http(users.httpUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'owner@example.com', password: signUpBody.password },
    });
    const first = login.body.refreshToken;
    const rotated = await http(users.httpUrl, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: first } });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    const replay = await http(users.httpUrl, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: first } });
    expect(replay.status).toBe(401);
    // The newer token of the same family died with the replay.
    const newer = await http(users.httpUrl, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: rotated.body.refreshToken } });
    expect(newer.status).toBe(401);
  });

  it('logs out: the session refresh token dies', async () => {
    const login = await http(users.httpUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'owner@example.com', password: signUpBody.password },
    });
    expect((await http(users.httpUrl, 'GET', '/api/v1/me', { token: login.body.accessToken })).body.user.email).toBe('owner@example.com');
    expect((await http(users.httpUrl, 'POST', '/api/v1/auth/logout', { token: login.body.accessToken })).status).toBe(204);
    expect((await http(users.httpUrl, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: login.body.refreshToken } })).status).toBe(
      401,
    );
  });

  it('refuses a refresh token used as an access token, and tokens with a wrong audience', async () => {
    const login = await http(users.httpUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'owner@example.com', password: signUpBody.password },
    });
    expect((await http(users.httpUrl, 'GET', '/api/v1/me', { token: login.body.refreshToken })).status).toBe(401);
    const [h, p, s] = login.body.accessToken.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), aud: 'other' })).toString(
      'base64url',
    );
    expect((await http(users.httpUrl, 'GET', '/api/v1/me', { token: `${h}.${tampered}.${s}` })).status).toBe(401);
  });

  it('serves liveness, readiness and Prometheus metrics', async () => {
    expect((await http(users.httpUrl, 'GET', '/healthz')).status).toBe(200);
    const ready = await http(users.httpUrl, 'GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.postgres.status).toBe('ok');
    const metrics = await fetch(`${users.httpUrl}/metrics`).then((r) => r.text());
    expect(metrics).toContain('http_server_duration_seconds');
  });
});

describe('users: audit log', () => {
  let db: TestDatabase;
  let users: TestService;

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db);
    await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
      body: { email: 'audit@example.com', password: 'a long enough password', name: 'A', workspaceName: 'W' },
    });
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
  });

  it('records successful and failed logins with IP and user agent, and the app role cannot change them', async () => {
    await http(users.httpUrl, 'POST', '/api/v1/auth/login', { body: { email: 'audit@example.com', password: 'a long enough password' } });
    await http(users.httpUrl, 'POST', '/api/v1/auth/login', { body: { email: 'audit@example.com', password: 'wrong password!!' } });
    await http(users.httpUrl, 'POST', '/api/v1/auth/login', { body: { email: 'ghost@example.com', password: 'wrong password!!' } });
    const su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    const { rows } = await su.query(
      `SELECT workspace_id, action, outcome, host(ip) AS ip, user_agent FROM users.audit_log ORDER BY occurred_at`,
    );
    await su.end();
    expect(rows.map((r) => [r.action, r.outcome, r.workspace_id === null])).toEqual([
      ['auth.login', 'success', false],
      ['auth.login', 'failure', false],
      ['auth.login', 'failure', true],
    ]);
    expect(rows[0].ip).toBe('127.0.0.1');
    expect(rows[0].user_agent).toBeTruthy();

    const app = new pg.Client({ connectionString: db.urls.users!.appUrl });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.workspace_id', $1, true)`, [rows[0].workspace_id]);
      await expect(app.query(`UPDATE users.audit_log SET outcome = 'failure'`)).rejects.toThrow(/permission denied|append-only/);
      await app.query('ROLLBACK');
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.workspace_id', $1, true)`, [rows[0].workspace_id]);
      await expect(app.query(`DELETE FROM users.audit_log`)).rejects.toThrow(/permission denied|append-only/);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });
});
