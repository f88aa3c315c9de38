import pg from 'pg';
import { decodeJwt } from 'jose';
import { EmailCategory } from '@meridian/proto/communication/v1/email_service';
import { createTestDatabase, freePort, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { communicationService } from '../../communication/src/service.js';
import { usersService } from '../src/service.js';
import { inviteTokenIn, PASSWORD, signUp, startFakeEmailService, type FakeEmailService, type Session } from './workspaces-fixtures.js';

// Most invite tests use a fake communication.v1.EmailService on loopback, which records each
// SendEmail with its metadata and can fail on demand; the last suite uses the real service.
describe('users: invites', () => {
  let db: TestDatabase;
  let users: TestService;
  let mail: FakeEmailService;
  let su: pg.Client;
  let owner: Session;
  let other: Session;

  const call = (method: string, path: string, token?: string, body?: unknown) =>
    http(users.httpUrl, method, path, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });
  const invite = (as: Session, email: string, role: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/api/v1/invites', as.accessToken, { email, role, ...extra });
  const lastTokenFor = (email: string) => inviteTokenIn(mail.sent.filter((s) => s.request.to === email).at(-1));

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    mail = await startFakeEmailService();
    users = await startTestService(usersService, db, { COMMUNICATION_GRPC_URL: mail.address, PUBLIC_APP_URL: 'https://crm.example.com' });
    su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    owner = await signUp(users.httpUrl, 'owner@acme.test', 'Acme');
    other = await signUp(users.httpUrl, 'owner@globex.test', 'Globex');
  });
  afterAll(async () => {
    await su?.end();
    await users?.close();
    await mail?.close();
    await db?.drop();
  });

  it('creates an invite, emails the link through communication, and never returns or stores the token in clear', async () => {
    const res = await invite(owner, 'New.Person@Example.com', 'member');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      email: 'new.person@example.com',
      role: 'member',
      status: 'pending',
      invitedBy: { userId: owner.userId, name: 'Name of owner@acme.test' },
      sentCount: 1,
      emailDelivery: 'stored',
    });
    const days = (Date.parse(res.body.expiresAt) - Date.parse(res.body.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 3);
    const email = mail.sent.at(-1)!;
    expect(email.workspaceId).toBe(owner.workspaceId);
    expect(email.request).toMatchObject({
      to: 'new.person@example.com',
      category: EmailCategory.EMAIL_CATEGORY_INVITE,
      idempotencyKey: `invite:${res.body.id}:1`,
      subject: 'Name of owner@acme.test invited you to Acme on Meridian',
    });
    const token = inviteTokenIn(email);
    expect(email.request.text).toContain(`https://crm.example.com/invites/${token}`);
    expect(email.request.html).toContain('Accept the invite');
    expect(JSON.stringify(res.body)).not.toContain(token);
    const { rows } = await su.query(`SELECT token_hash FROM users.invites WHERE id = $1`, [res.body.id]);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[2]);
  });

  it('shows what a link is for without signing in; unknown, malformed and foreign-looking tokens are the same 404', async () => {
    const token = lastTokenFor('new.person@example.com');
    const preview = await call('GET', `/api/v1/invites/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      email: 'new.person@example.com',
      role: 'member',
      workspace: { id: owner.workspaceId, name: 'Acme' },
      invitedBy: { name: 'Name of owner@acme.test' },
      expiresAt: expect.any(String),
      expired: false,
    });
    const forged = `mi.${owner.workspaceId}.${'A'.repeat(43)}`;
    const wrongWorkspace = token.replace(owner.workspaceId, other.workspaceId);
    const bodies = [];
    for (const t of [forged, wrongWorkspace, 'not-a-token']) {
      const res = await call('GET', `/api/v1/invites/${t}`);
      expect(res.status).toBe(404);
      bodies.push({ ...res.body, instance: 0 });
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('lets a new person accept with name and password, with the invited role whatever the body says; the link then dies', async () => {
    const token = lastTokenFor('new.person@example.com');
    const res = await call('POST', `/api/v1/invites/${token}/accept`, undefined, {
      name: 'Nina New',
      password: PASSWORD,
      role: 'owner',
      workspaceId: other.workspaceId,
      email: 'someone.else@example.com',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { email: 'new.person@example.com', name: 'Nina New' },
      workspace: { id: owner.workspaceId, name: 'Acme' },
      role: 'member',
    });
    expect(decodeJwt(res.body.accessToken)).toMatchObject({ wid: owner.workspaceId, role: 'member', sub: res.body.user.id });
    // The new account can log in with the chosen password.
    const login = await call('POST', '/api/v1/auth/login', undefined, { email: 'new.person@example.com', password: PASSWORD });
    expect(login.status).toBe(200);
    expect((await call('POST', `/api/v1/invites/${token}/accept`, undefined, { name: 'Again', password: PASSWORD })).status).toBe(404);
    expect((await call('GET', `/api/v1/invites/${token}`)).status).toBe(404);
    const list = await call('GET', '/api/v1/invites?status=accepted', owner.accessToken);
    expect(list.body.data.map((i: { email: string }) => i.email)).toEqual(['new.person@example.com']);
  });

  it('validates the new account fields, naming each', async () => {
    await invite(owner, 'fields@example.com', 'viewer');
    const res = await call('POST', `/api/v1/invites/${lastTokenFor('fields@example.com')}/accept`, undefined, {
      name: ' ',
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'password']);
  });

  it('lets a signed-in person accept an invite sent to their address, and refuses another account', async () => {
    expect((await invite(other, 'owner@acme.test', 'manager')).status).toBe(201);
    const token = lastTokenFor('owner@acme.test');
    const stranger = await signUp(users.httpUrl, 'stranger@example.com');
    const wrong = await call('POST', `/api/v1/invites/${token}/accept`, stranger.accessToken);
    expect(wrong.status).toBe(403);
    expect(wrong.body.detail).toMatch(/another email address/);
    const badToken = await call('POST', `/api/v1/invites/${token}/accept`, 'not-a-jwt');
    expect(badToken.status).toBe(401);
    const ok = await call('POST', `/api/v1/invites/${token}/accept`, owner.accessToken, { role: 'owner' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ user: { id: owner.userId }, workspace: { id: other.workspaceId, name: 'Globex' }, role: 'manager' });
  });

  it('refuses the new-account path for an address that already has an account', async () => {
    await invite(owner, 'stranger@example.com', 'member');
    const res = await call('POST', `/api/v1/invites/${lastTokenFor('stranger@example.com')}/accept`, undefined, {
      name: 'Imposter',
      password: PASSWORD,
    });
    expect(res.status).toBe(409);
    expect(res.body.errors[0].field).toBe('email');
  });

  it('refuses duplicates, members, roles above the inviter and bad input', async () => {
    const dup = await invite(owner, 'stranger@example.com', 'viewer');
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].field).toBe('email');
    const member = await invite(owner, 'new.person@example.com', 'viewer');
    expect(member.status).toBe(409);
    expect(member.body.detail).toMatch(/already a member/);
    const bad = await invite(owner, 'nope', 'superuser');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'role']);

    // owner@acme.test is a manager in Globex now: managers cannot invite at all.
    const asManager = await call('POST', '/api/v1/auth/switch-workspace', owner.accessToken, { workspaceId: other.workspaceId });
    expect((await call('POST', '/api/v1/invites', asManager.body.accessToken, { email: 'x@example.com', role: 'viewer' })).status).toBe(
      403,
    );
    // An admin cannot invite an owner.
    await invite(other, 'admin@globex.test', 'admin');
    const admin = await call('POST', `/api/v1/invites/${lastTokenFor('admin@globex.test')}/accept`, undefined, {
      name: 'Ada',
      password: PASSWORD,
    });
    const above = await call('POST', '/api/v1/invites', admin.body.accessToken, { email: 'boss@example.com', role: 'owner' });
    expect(above.status).toBe(403);
    expect(above.body.detail).toMatch(/owner/);
    expect((await call('POST', '/api/v1/invites', admin.body.accessToken, { email: 'peer@example.com', role: 'admin' })).status).toBe(201);
  });

  it('revokes an invite: its link stops working; another workspace gets the same 404 as a missing id', async () => {
    const created = await invite(owner, 'revoke.me@example.com', 'viewer');
    const token = lastTokenFor('revoke.me@example.com');
    const foreign = await call('DELETE', `/api/v1/invites/${created.body.id}`, other.accessToken);
    const missing = await call('DELETE', `/api/v1/invites/00000000-0000-4000-8000-000000000000`, other.accessToken);
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, instance: 0 }).toEqual({ ...missing.body, instance: 0 });
    expect((await call('POST', `/api/v1/invites/${created.body.id}/resend`, other.accessToken)).status).toBe(404);

    expect((await call('DELETE', `/api/v1/invites/${created.body.id}`, owner.accessToken)).status).toBe(204);
    expect((await call('DELETE', `/api/v1/invites/${created.body.id}`, owner.accessToken)).status).toBe(204);
    expect((await call('GET', `/api/v1/invites/${token}`)).status).toBe(404);
    expect((await call('POST', `/api/v1/invites/${token}/accept`, undefined, { name: 'R', password: PASSWORD })).status).toBe(404);
    const revoked = await call('GET', '/api/v1/invites?status=revoked', owner.accessToken);
    expect(revoked.body.data).toEqual([expect.objectContaining({ id: created.body.id, status: 'revoked', revokedAt: expect.any(String) })]);
    expect((await call('GET', '/api/v1/invites?status=nope', owner.accessToken)).body.errors[0].field).toBe('status');
    // Another workspace's list never shows it.
    const otherList = await call('GET', '/api/v1/invites', other.accessToken);
    expect(otherList.body.data.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
  });

  it('expires after 7 days: the preview says so, accepting is refused, and inviting again renews the invite', async () => {
    const created = await invite(owner, 'late@example.com', 'member');
    const token = lastTokenFor('late@example.com');
    await su.query(`UPDATE users.invites SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
    expect((await call('GET', `/api/v1/invites/${token}`)).body.expired).toBe(true);
    const accept = await call('POST', `/api/v1/invites/${token}/accept`, undefined, { name: 'Late', password: PASSWORD });
    expect(accept.status).toBe(409);
    expect(accept.body.detail).toMatch(/expired/);
    expect((await call('GET', '/api/v1/invites?status=expired', owner.accessToken)).body.data[0].id).toBe(created.body.id);

    const again = await invite(owner, 'late@example.com', 'viewer');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: created.body.id, role: 'viewer', status: 'pending', sentCount: 2 });
    expect((await call('GET', `/api/v1/invites/${token}`)).status).toBe(404);
    const fresh = lastTokenFor('late@example.com');
    expect(fresh).not.toBe(token);
    expect((await call('POST', `/api/v1/invites/${fresh}/accept`, undefined, { name: 'Late', password: PASSWORD })).body.role).toBe(
      'viewer',
    );
  });

  it('resends with a new link at most once a minute', async () => {
    const created = await invite(owner, 'resend@example.com', 'member');
    const first = lastTokenFor('resend@example.com');
    const tooSoon = await call('POST', `/api/v1/invites/${created.body.id}/resend`, owner.accessToken);
    expect(tooSoon.status).toBe(429);
    expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
    await su.query(`UPDATE users.invites SET last_sent_at = now() - interval '2 minutes' WHERE id = $1`, [created.body.id]);
    const resent = await call('POST', `/api/v1/invites/${created.body.id}/resend`, owner.accessToken);
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ sentCount: 2, emailDelivery: 'stored' });
    expect(mail.sent.at(-1)!.request.idempotencyKey).toBe(`invite:${created.body.id}:2`);
    const second = lastTokenFor('resend@example.com');
    expect(second).not.toBe(first);
    expect((await call('GET', `/api/v1/invites/${first}`)).status).toBe(404);
    expect((await call('GET', `/api/v1/invites/${second}`)).status).toBe(200);
  });

  it('keeps the invite when the email cannot be sent, and says so', async () => {
    mail.failNext(1);
    const res = await invite(owner, 'unlucky@example.com', 'member');
    expect(res.status).toBe(201);
    expect(res.body.emailDelivery).toBe('failed');
    expect(
      (await call('GET', '/api/v1/invites?status=pending', owner.accessToken)).body.data.map((i: { email: string }) => i.email),
    ).toContain('unlucky@example.com');
  });

  it('pages the invite list newest first with a cursor', async () => {
    const page1 = await call('GET', '/api/v1/invites?limit=2', owner.accessToken);
    expect(page1.body.data).toHaveLength(2);
    const all = [...page1.body.data];
    let cursor = page1.body.nextCursor;
    while (cursor) {
      const next = await call('GET', `/api/v1/invites?limit=2&cursor=${cursor}`, owner.accessToken);
      all.push(...next.body.data);
      cursor = next.body.nextCursor;
    }
    const created = all.map((i: { createdAt: string }) => i.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    expect(new Set(all.map((i: { id: string }) => i.id)).size).toBe(all.length);
    const { rows } = await su.query(`SELECT count(*)::int AS n FROM users.invites WHERE workspace_id = $1`, [owner.workspaceId]);
    expect(all).toHaveLength(rows[0].n);
    expect((await call('GET', '/api/v1/invites?cursor=garbage', owner.accessToken)).body.errors[0].field).toBe('cursor');
  });

  it('records invites, revocations and joins in the audit log', async () => {
    const { rows } = await su.query(
      `SELECT action, actor_user_id, metadata FROM users.audit_log WHERE workspace_id = $1 AND action LIKE 'member.%' ORDER BY occurred_at`,
      [owner.workspaceId],
    );
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['member.invited', 'member.joined', 'member.invite_revoked', 'member.invite_resent']));
    expect(rows.find((r) => r.action === 'member.invited').actor_user_id).toBe(owner.userId);
  });

  it('does not send invite emails without COMMUNICATION_GRPC_URL, and says so', async () => {
    const silent = await startTestService(usersService, db);
    try {
      const before = mail.sent.length;
      const res = await http(silent.httpUrl, 'POST', '/api/v1/invites', {
        token: owner.accessToken,
        body: { email: 'quiet@example.com', role: 'member' },
      });
      expect(res.status).toBe(201);
      expect(res.body.emailDelivery).toBe('not_configured');
      expect(mail.sent.length).toBe(before);
    } finally {
      await silent.close();
    }
  });
});

// The same path end to end with the real communication service in-process (dev outbox: no
// SMTP_URL, so the message is stored and its body readable through communication's REST API).
describe('users: invite email through the real communication service', () => {
  let db: TestDatabase;
  let users: TestService;
  let communication: TestService;

  beforeAll(async () => {
    db = await createTestDatabase(['users', 'communication']);
    const communicationGrpcPort = await freePort();
    users = await startTestService(usersService, db, { COMMUNICATION_GRPC_URL: `127.0.0.1:${communicationGrpcPort}` });
    communication = await startTestService(communicationService, db, {
      GRPC_PORT: String(communicationGrpcPort),
      AUTH_JWKS_URL: `${users.httpUrl}/api/v1/auth/jwks.json`,
    });
  });
  afterAll(async () => {
    await communication?.close();
    await users?.close();
    await db?.drop();
  });

  it('sends the invite through communication.v1.EmailService; the link in the stored email joins the workspace', async () => {
    const owner = await signUp(users.httpUrl, 'owner@initech.test', 'Initech');
    const created = await http(users.httpUrl, 'POST', '/api/v1/invites', {
      token: owner.accessToken,
      body: { email: 'peter@initech.test', role: 'member' },
    });
    expect(created.status).toBe(201);
    expect(created.body.emailDelivery).toBe('stored');
    const list = await http(communication.httpUrl, 'GET', '/api/v1/messages', { token: owner.accessToken });
    expect(list.status).toBe(200);
    const summary = list.body.data.find((m: { to: string }) => m.to === 'peter@initech.test');
    expect(summary).toMatchObject({ subject: 'Name of owner@initech.test invited you to Initech on Meridian' });
    const message = await http(communication.httpUrl, 'GET', `/api/v1/messages/${summary.id}`, { token: owner.accessToken });
    const token = /\/invites\/(mi\.[A-Za-z0-9._-]+)/.exec(message.body.text)?.[1];
    expect(token).toBeDefined();
    const accepted = await http(users.httpUrl, 'POST', `/api/v1/invites/${token}/accept`, { body: { name: 'Peter', password: PASSWORD } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ workspace: { id: owner.workspaceId }, role: 'member', user: { email: 'peter@initech.test' } });
  });
});
