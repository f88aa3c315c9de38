import pg from 'pg';
import { ErrorCode, GrpcClient } from '@meridian/platform';
import { createTestDatabase, freePort, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import type { ResolveApiKeyRequest, ResolveApiKeyResponse } from '@meridian/proto/users/v1/api_key_service';
import { usersService } from '../src/service.js';
import {
  inviteNewMember,
  inviteTokenIn,
  signUp,
  startFakeEmailService,
  type FakeEmailService,
  type Session,
} from './workspaces-fixtures.js';

describe('users: API keys', () => {
  let db: TestDatabase;
  let users: TestService;
  let mail: FakeEmailService;
  let su: pg.Client;
  let grpc: GrpcClient;
  let owner: Session;
  let admin: Session;
  let globex: Session;

  const call = (method: string, path: string, as?: Session | string, body?: unknown) =>
    http(users.httpUrl, method, path, {
      ...(as ? { token: typeof as === 'string' ? as : as.accessToken } : {}),
      ...(body !== undefined ? { body } : {}),
    });
  const resolve = (key: string, workspaceId?: string) =>
    grpc.call<ResolveApiKeyRequest, ResolveApiKeyResponse>('resolveApiKey', { key }, workspaceId ? { workspaceId } : {});
  const notFound = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: ErrorCode.NotFound });

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    mail = await startFakeEmailService();
    // The service resolves API keys presented to its own guard through its own gRPC endpoint, like every other service.
    const grpcPort = await freePort();
    users = await startTestService(usersService, db, {
      COMMUNICATION_GRPC_URL: mail.address,
      GRPC_PORT: String(grpcPort),
      USERS_GRPC_URL: `127.0.0.1:${grpcPort}`,
    });
    grpc = new GrpcClient({
      address: `127.0.0.1:${grpcPort}`,
      protoFile: 'users/v1/api_key_service.proto',
      service: 'users.v1.ApiKeyService',
      deadlineMs: 2000,
    });
    su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    owner = await signUp(users.httpUrl, 'owner@acme.test', 'Acme');
    globex = await signUp(users.httpUrl, 'owner@globex.test', 'Globex');
    admin = await inviteNewMember(users.httpUrl, owner, mail, 'admin@acme.test', 'admin');
    // The admin also belongs to Globex: keys they make in Acme must not reach it.
    await call('POST', '/api/v1/invites', globex, { email: 'admin@acme.test', role: 'viewer' });
    const globexInvite = inviteTokenIn(mail.sent.filter((s) => s.request.to === 'admin@acme.test').at(-1));
    expect((await call('POST', `/api/v1/invites/${globexInvite}/accept`, admin)).status).toBe(200);
  });
  afterAll(async () => {
    grpc?.close();
    await su?.end();
    await users?.close();
    await mail?.close();
    await db?.drop();
  });

  it('creates a key: 201 with the secret once, stored only as a hash, ignoring workspaceId and createdBy in the body', async () => {
    const res = await call('POST', '/api/v1/api-keys', admin, {
      name: 'Zapier',
      role: 'member',
      expiresAt: '2099-01-01T00:00:00Z',
      workspaceId: globex.workspaceId,
      createdBy: owner.userId,
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Zapier',
      role: 'member',
      status: 'active',
      createdBy: { userId: admin.userId, name: 'Name of admin@acme.test' },
      createdAt: expect.any(String),
      expiresAt: '2099-01-01T00:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
      key: expect.stringMatching(new RegExp(`^mk\\.${owner.workspaceId}\\.${res.body.id}\\.[A-Za-z0-9_-]{43}$`)),
    });
    const secret = res.body.key.split('.')[3];
    const { rows } = await su.query(`SELECT * FROM users.api_keys WHERE id = $1`, [res.body.id]);
    expect(rows[0]).toMatchObject({
      workspace_id: owner.workspaceId,
      created_by: admin.userId,
      secret_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(rows)).not.toContain(secret);
    const list = await call('GET', '/api/v1/api-keys', owner);
    expect(list.body.data).toEqual([expect.objectContaining({ id: res.body.id, name: 'Zapier' })]);
    expect(list.body.data[0].key).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect((await call('GET', '/api/v1/api-keys', globex)).body.data).toEqual([]);
  });

  it('validates the body, naming each field, and refuses a role above the creator', async () => {
    const bad = await call('POST', '/api/v1/api-keys', admin, { name: '', role: 'root', expiresAt: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['expiresAt', 'name', 'role']);
    const past = await call('POST', '/api/v1/api-keys', admin, { name: 'Old', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' });
    expect(past.body.errors).toEqual([{ field: 'expiresAt', message: 'The expiry must be in the future.' }]);
    const above = await call('POST', '/api/v1/api-keys', admin, { name: 'Root', role: 'owner' });
    expect(above.status).toBe(403);
    expect((await call('POST', '/api/v1/api-keys', owner, { name: 'Owner key', role: 'owner' })).status).toBe(201);
  });

  it('resolves a key over gRPC for other services, with last use written at most once a minute', async () => {
    const created = await call('POST', '/api/v1/api-keys', admin, { name: 'Resolver', role: 'manager' });
    const key: string = created.body.key;
    const res = await resolve(key, owner.workspaceId);
    expect(res).toEqual({
      apiKeyId: created.body.id,
      workspaceId: owner.workspaceId,
      userId: admin.userId,
      role: 'manager',
      cacheTtlSeconds: 30,
    });
    const first = (await su.query(`SELECT last_used_at FROM users.api_keys WHERE id = $1`, [created.body.id])).rows[0].last_used_at;
    expect(first).toBeInstanceOf(Date);
    await resolve(key, owner.workspaceId);
    const second = (await su.query(`SELECT last_used_at FROM users.api_keys WHERE id = $1`, [created.body.id])).rows[0].last_used_at;
    expect(second.getTime()).toBe(first.getTime());
    await su.query(`UPDATE users.api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [created.body.id]);
    await resolve(key, owner.workspaceId);
    const third = (await su.query(`SELECT last_used_at FROM users.api_keys WHERE id = $1`, [created.body.id])).rows[0].last_used_at;
    expect(Date.now() - third.getTime()).toBeLessThan(10_000);
    expect((await call('GET', '/api/v1/api-keys', owner)).body.data.find((k: { id: string }) => k.id === created.body.id).lastUsedAt).toBe(
      third.toISOString(),
    );
  });

  it('answers NOT_FOUND alike for a wrong secret, another workspace, a malformed key; UNAUTHENTICATED without a tenant', async () => {
    const created = await call('POST', '/api/v1/api-keys', admin, { name: 'Probe', role: 'viewer' });
    const key: string = created.body.key;
    const wrongSecret = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await notFound(resolve(wrongSecret, owner.workspaceId));
    await notFound(resolve(key, globex.workspaceId));
    await notFound(resolve(key.replace(owner.workspaceId, globex.workspaceId), globex.workspaceId));
    await notFound(resolve('mk.nope', owner.workspaceId));
    await expect(resolve(key)).rejects.toMatchObject({ code: ErrorCode.Unauthenticated });
  });

  it('works as a bearer token on the API with its role, and stops working when revoked (audited with IP)', async () => {
    const created = await call('POST', '/api/v1/api-keys', admin, { name: 'Reader', role: 'viewer' });
    const key: string = created.body.key;
    expect((await call('GET', '/api/v1/members', key)).status).toBe(200);
    // Its creator's other workspaces stay out of sight.
    expect((await call('GET', '/api/v1/me/workspaces', key)).body.data.map((w: { id: string }) => w.id)).toEqual([owner.workspaceId]);
    expect((await call('POST', '/api/v1/auth/switch-workspace', key, { workspaceId: globex.workspaceId })).status).toBe(403);
    expect((await call('POST', '/api/v1/invites', key, { email: 'x@example.com', role: 'viewer' })).status).toBe(403);
    // A key cannot mint keys or switch workspaces.
    const minted = await call(
      'POST',
      '/api/v1/api-keys',
      (await call('POST', '/api/v1/api-keys', owner, { name: 'Admin key', role: 'admin' })).body.key,
      {
        name: 'Child',
        role: 'viewer',
      },
    );
    expect(minted.status).toBe(403);

    const foreign = await call('DELETE', `/api/v1/api-keys/${created.body.id}`, globex);
    const missing = await call('DELETE', `/api/v1/api-keys/00000000-0000-4000-8000-000000000000`, globex);
    expect(foreign.status).toBe(404);
    expect({ ...foreign.body, instance: 0 }).toEqual({ ...missing.body, instance: 0 });
    await resolve(key, owner.workspaceId);

    expect((await call('DELETE', `/api/v1/api-keys/${created.body.id}`, owner)).status).toBe(204);
    expect((await call('DELETE', `/api/v1/api-keys/${created.body.id}`, owner)).status).toBe(204);
    await notFound(resolve(key, owner.workspaceId));
    const revoked = await call('GET', '/api/v1/api-keys?status=revoked', owner);
    expect(revoked.body.data.map((k: { id: string; status: string }) => [k.id, k.status])).toEqual([[created.body.id, 'revoked']]);
    const { rows } = await su.query(
      `SELECT action, actor_user_id, host(ip) AS ip, user_agent, metadata FROM users.audit_log
        WHERE target_id = $1 ORDER BY occurred_at`,
      [created.body.id],
    );
    expect(rows.map((r) => [r.action, r.actor_user_id])).toEqual([
      ['api_key.created', admin.userId],
      ['api_key.revoked', owner.userId],
    ]);
    expect(rows[0]).toMatchObject({ ip: '127.0.0.1', user_agent: expect.any(String), metadata: { name: 'Reader', role: 'viewer' } });
  });

  it('refuses expired keys', async () => {
    const created = await call('POST', '/api/v1/api-keys', admin, {
      name: 'Short',
      role: 'viewer',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await su.query(`UPDATE users.api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.body.id]);
    await notFound(resolve(created.body.key, owner.workspaceId));
    expect((await call('GET', '/api/v1/api-keys?status=expired', owner)).body.data.map((k: { id: string }) => k.id)).toEqual([
      created.body.id,
    ]);
  });

  it("acts with no more than its creator's current role, and dies with the creator's membership", async () => {
    const creator = await inviteNewMember(users.httpUrl, owner, mail, 'builder@acme.test', 'admin');
    const created = await call('POST', '/api/v1/api-keys', creator, { name: 'Builder', role: 'admin' });
    expect((await resolve(created.body.key, owner.workspaceId)).role).toBe('admin');
    expect((await call('PATCH', `/api/v1/members/${creator.userId}`, owner, { role: 'member' })).status).toBe(200);
    expect((await resolve(created.body.key, owner.workspaceId)).role).toBe('member');
    expect((await call('DELETE', `/api/v1/members/${creator.userId}`, owner)).status).toBe(204);
    await notFound(resolve(created.body.key, owner.workspaceId));
    const key = (await call('GET', '/api/v1/api-keys?status=revoked', owner)).body.data.find(
      (k: { id: string }) => k.id === created.body.id,
    );
    expect(key.revokedAt).toEqual(expect.any(String));
    const { rows } = await su.query(`SELECT metadata FROM users.audit_log WHERE action = 'member.removed' AND target_id = $1`, [
      creator.userId,
    ]);
    expect(rows[0].metadata).toMatchObject({ apiKeysRevoked: 1 });
  });

  it('pages the key list newest first', async () => {
    const all = (await call('GET', '/api/v1/api-keys?limit=200', owner)).body.data;
    const seen = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await call(
        'GET',
        `/api/v1/api-keys?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        owner,
      );
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect(all.length).toBeGreaterThan(3);
  });
});
