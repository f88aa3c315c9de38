import { createServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { totpCode } from '../src/mfa/totp.js';
import { usersService } from '../src/service.js';
import { PASSWORD, signUp, superuserQuery } from './accounts-support.js';

/**
 * Sign-in with Firebase Auth. Our call: tokens in the Firebase Auth emulator's format
 * (unsigned, `alg: none`, iss securetoken.google.com/<project>, aud <project>), verified by
 * the real `firebase-admin` in emulator mode (FIREBASE_AUTH_EMULATOR_HOST). In that mode
 * firebase-admin also looks the user up at the emulator (accounts:lookup, to refuse disabled
 * or revoked users); the Firebase CLI is not installed here, so a loopback stand-in answers
 * that one endpoint from the users this test registers.
 */
const PROJECT = 'demo-meridian';

interface EmulatorUser {
  localId: string;
  email?: string;
  emailVerified?: boolean;
  disabled?: boolean;
}

function idToken(claims: {
  uid: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
  aud?: string;
  expiresIn?: number;
}): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const payload = {
    iss: `https://securetoken.google.com/${claims.aud ?? PROJECT}`,
    aud: claims.aud ?? PROJECT,
    auth_time: now - 5,
    user_id: claims.uid,
    sub: claims.uid,
    iat: now - 5,
    exp: now + (claims.expiresIn ?? 3600),
    ...(claims.email ? { email: claims.email, email_verified: claims.emailVerified ?? true } : {}),
    ...(claims.name ? { name: claims.name } : {}),
    firebase: { identities: claims.email ? { email: [claims.email] } : {}, sign_in_provider: 'google.com' },
  };
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload)}.`;
}

describe('users: Firebase sign-in', () => {
  let db: TestDatabase;
  let users: TestService;
  let emulator: Server;
  const registered = new Map<string, EmulatorUser>();
  const firebase = (token: string) => http(users.httpUrl, 'POST', '/api/v1/auth/firebase', { body: { idToken: token } });
  const register = (user: EmulatorUser) => registered.set(user.localId, user);

  beforeAll(async () => {
    emulator = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url !== `/identitytoolkit.googleapis.com/v1/projects/${PROJECT}/accounts:lookup`) {
          res.writeHead(404).end();
          return;
        }
        const ids = (JSON.parse(body) as { localId: string[] }).localId;
        const found = ids.map((id) => registered.get(id)).filter(Boolean);
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ kind: 'identitytoolkit#GetAccountInfoResponse', ...(found.length ? { users: found } : {}) }));
      });
    });
    await new Promise<void>((resolve) => emulator.listen(0, '127.0.0.1', resolve));
    const port = (emulator.address() as { port: number }).port;
    db = await createTestDatabase(['users']);
    users = await startTestService(usersService, db, { FIREBASE_PROJECT_ID: PROJECT, FIREBASE_AUTH_EMULATOR_HOST: `127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await users?.close();
    await db?.drop();
    await new Promise((resolve) => emulator?.close(resolve));
    delete process.env.FIREBASE_AUTH_EMULATOR_HOST;
  });

  it('creates an account with its own workspace on first sign-in, and finds it again by uid', async () => {
    const uid = randomUUID();
    register({ localId: uid, email: 'fiona@example.com', emailVerified: true });
    const first = await firebase(idToken({ uid, email: 'Fiona@Example.com', name: 'Fiona Fire' }));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { email: 'fiona@example.com', name: 'Fiona Fire' },
      workspace: { name: "Fiona Fire's workspace" },
      role: 'owner',
    });
    const me = await http(users.httpUrl, 'GET', '/api/v1/me', { token: first.body.accessToken });
    expect(me.body.user).toMatchObject({ emailVerified: true, hasPassword: false });
    const again = await firebase(idToken({ uid, email: 'fiona@example.com' }));
    expect(again.body.user.id).toBe(first.body.user.id);
    // No password: the password log-in answers like any wrong password.
    const pw = await http(users.httpUrl, 'POST', '/api/v1/auth/login', {
      body: { email: 'fiona@example.com', password: 'anything at all' },
    });
    expect(pw.status).toBe(401);
    const audit = await superuserQuery<{ metadata: { method: string } }>(
      db,
      `SELECT metadata FROM users.audit_log WHERE actor_user_id = $1 AND action = 'auth.login'`,
      [first.body.user.id],
    );
    expect(audit.map((a) => a.metadata.method)).toEqual(['firebase', 'firebase']);
  });

  it('links to an existing account by verified email and marks the address verified', async () => {
    const account = await signUp(users.httpUrl, 'linda@example.com');
    const uid = randomUUID();
    register({ localId: uid, email: 'linda@example.com', emailVerified: true });
    const res = await firebase(idToken({ uid, email: 'linda@example.com' }));
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(account.user.id);
    expect(res.body.workspace.id).toBe(account.workspace.id);
    expect((await http(users.httpUrl, 'GET', '/api/v1/me', { token: res.body.accessToken })).body.user.emailVerified).toBe(true);
    const [link] = await superuserQuery<{ user_id: string }>(db, `SELECT user_id FROM users.external_identities WHERE subject = $1`, [uid]);
    expect(link!.user_id).toBe(account.user.id);
  });

  it('never links or creates on an unverified email', async () => {
    const account = await signUp(users.httpUrl, 'victim@example.com');
    const uid = randomUUID();
    register({ localId: uid, email: 'victim@example.com', emailVerified: false });
    const res = await firebase(idToken({ uid, email: 'victim@example.com', emailVerified: false }));
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/not verified/);
    expect(await superuserQuery(db, `SELECT 1 FROM users.external_identities WHERE user_id = $1`, [account.user.id])).toEqual([]);
  });

  it('asks for the second factor when the account has MFA', async () => {
    const account = await signUp(users.httpUrl, 'mfa-fire@example.com');
    const enrol = await http(users.httpUrl, 'POST', '/api/v1/me/mfa/enrol', { token: account.accessToken });
    const at = Date.now();
    await http(users.httpUrl, 'POST', '/api/v1/me/mfa/confirm', {
      token: account.accessToken,
      body: { code: totpCode(enrol.body.secret, at) },
    });
    const uid = randomUUID();
    register({ localId: uid, email: 'mfa-fire@example.com', emailVerified: true });
    const res = await firebase(idToken({ uid, email: 'mfa-fire@example.com' }));
    expect(res.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    const done = await http(users.httpUrl, 'POST', '/api/v1/auth/mfa', {
      body: { mfaToken: res.body.mfaToken, code: totpCode(enrol.body.secret, at + 30_000) },
    });
    expect(done.status).toBe(200);
    expect(done.body.user.id).toBe(account.user.id);
  });

  it('refuses tokens of another project, expired, malformed, or of a disabled user, with 401', async () => {
    const uid = randomUUID();
    register({ localId: uid, email: 'edge@example.com', emailVerified: true });
    const disabled = randomUUID();
    register({ localId: disabled, email: 'disabled@example.com', emailVerified: true, disabled: true });
    const cases = {
      'other project': idToken({ uid, email: 'edge@example.com', aud: 'someone-elses-project' }),
      expired: idToken({ uid, email: 'edge@example.com', expiresIn: -60 }),
      malformed: 'this-is-not-a-json-web-token-at-all',
      'disabled user': idToken({ uid: disabled, email: 'disabled@example.com' }),
    };
    const statuses = Object.fromEntries(await Promise.all(Object.entries(cases).map(async ([k, t]) => [k, (await firebase(t)).status])));
    expect(statuses).toEqual({ 'other project': 401, expired: 401, malformed: 401, 'disabled user': 401 });
    expect(await superuserQuery(db, `SELECT 1 FROM users.users WHERE email = 'disabled@example.com'`)).toEqual([]);
  });
});

describe('users: Firebase sign-in not configured', () => {
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

  it('answers 404 "Firebase sign-in is not configured"', async () => {
    const res = await http(users.httpUrl, 'POST', '/api/v1/auth/firebase', {
      body: { idToken: idToken({ uid: 'u1', email: 'x@example.com' }) },
    });
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Firebase sign-in is not configured.');
    expect((await http(users.httpUrl, 'POST', '/api/v1/auth/login', { body: { email: 'x@example.com', password: PASSWORD } })).status).toBe(
      401,
    );
  });
});
