import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestDatabase, freePort, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { AuditRetention } from '../src/audit/audit-retention.js';
import { usersService } from '../src/service.js';
import { PASSWORD, signUp, startFakeEmailService, type FakeEmailService, type Session } from './workspaces-fixtures.js';

const DAY = 86_400_000;

describe('users: audit log viewer and retention', () => {
  let db: TestDatabase;
  let users: TestService;
  let mail: FakeEmailService;
  let su: pg.Client;
  let acme: Session;
  let globex: Session;

  const call = (method: string, path: string, as?: Session | string, body?: unknown) =>
    http(users.httpUrl, method, path, {
      ...(as ? { token: typeof as === 'string' ? as : as.accessToken } : {}),
      ...(body !== undefined ? { body } : {}),
    });
  const insertEntry = (workspaceId: string, occurredAt: Date, action = 'records.exported') =>
    su.query(
      `INSERT INTO users.audit_log (id, workspace_id, action, outcome, metadata, occurred_at) VALUES ($1, $2, $3, 'success', '{}', $4)`,
      [randomUUID(), workspaceId, action, occurredAt],
    );
  const all = async (as: Session, query = '') => {
    const out = [];
    let cursor: string | null = null;
    do {
      const res = await call('GET', `/api/v1/audit-log?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`, as);
      expect(res.status).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    mail = await startFakeEmailService();
    const grpcPort = await freePort();
    users = await startTestService(usersService, db, {
      COMMUNICATION_GRPC_URL: mail.address,
      GRPC_PORT: String(grpcPort),
      USERS_GRPC_URL: `127.0.0.1:${grpcPort}`,
    });
    su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    acme = await signUp(users.httpUrl, 'olive@acme.test', 'Acme');
    globex = await signUp(users.httpUrl, 'gus@globex.test', 'Globex');
    await call('POST', '/api/v1/auth/login', undefined, { email: 'olive@acme.test', password: PASSWORD });
    await call('POST', '/api/v1/auth/login', undefined, { email: 'olive@acme.test', password: 'not the password' });
    await call('POST', '/api/v1/invites', acme, { email: 'ivy@example.com', role: 'member' });
    await call('POST', '/api/v1/auth/login', undefined, { email: 'gus@globex.test', password: PASSWORD });
  });
  afterAll(async () => {
    await su?.end();
    await users?.close();
    await mail?.close();
    await db?.drop();
  });

  it('lists the workspace entries newest first with actor, IP, user agent and time; never another workspace', async () => {
    const res = await call('GET', '/api/v1/audit-log', acme);
    expect(res.status).toBe(200);
    expect(res.body.data.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`)).toEqual([
      'member.invited:success',
      'auth.login:failure',
      'auth.login:success',
    ]);
    expect(res.body.data[0]).toEqual({
      id: expect.any(String),
      occurredAt: expect.any(String),
      action: 'member.invited',
      outcome: 'success',
      actor: { userId: acme.userId, name: 'Name of olive@acme.test', email: 'olive@acme.test', apiKey: null },
      target: { type: 'invite', id: expect.any(String) },
      ip: '127.0.0.1',
      userAgent: expect.any(String),
      metadata: { email: 'ivy@example.com', role: 'member' },
    });
    const globexIds = (await call('GET', '/api/v1/audit-log', globex)).body.data.map((e: { id: string }) => e.id);
    expect(globexIds).toHaveLength(1);
    expect(res.body.data.map((e: { id: string }) => e.id)).not.toContain(globexIds[0]);
  });

  it('filters by action, actor, outcome and time window', async () => {
    const failures = await call('GET', '/api/v1/audit-log?action=auth.login&outcome=failure', acme);
    expect(failures.body.data).toHaveLength(1);
    expect(failures.body.data[0]).toMatchObject({ action: 'auth.login', outcome: 'failure', metadata: { email: 'olive@acme.test' } });
    const byActor = await call('GET', `/api/v1/audit-log?actorUserId=${acme.userId}&action=member.invited`, acme);
    expect(byActor.body.data).toHaveLength(1);
    expect((await call('GET', `/api/v1/audit-log?actorUserId=${globex.userId}`, acme)).body.data).toEqual([]);

    const base = Date.now() - 10 * DAY;
    for (const offset of [0, 1, 2, 3]) await insertEntry(acme.workspaceId, new Date(base + offset * DAY));
    const from = new Date(base + DAY).toISOString();
    const to = new Date(base + 3 * DAY).toISOString();
    const window = await call('GET', `/api/v1/audit-log?action=records.exported&from=${from}&to=${to}`, acme);
    expect(window.body.data.map((e: { occurredAt: string }) => e.occurredAt)).toEqual([new Date(base + 2 * DAY).toISOString(), from]);
  });

  it('pages with a cursor across the whole log without gaps or repeats', async () => {
    const paged = await all(acme);
    const full = (await call('GET', '/api/v1/audit-log?limit=200', acme)).body.data;
    expect(paged).toEqual(full);
    const times = full.map((e: { occurredAt: string }) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('rejects bad filters with 400 naming each field', async () => {
    const res = await call(
      'GET',
      `/api/v1/audit-log?action=drop%20table&actorUserId=me&outcome=maybe&from=yesterday&limit=0&cursor=${encodeURIComponent("x' OR 1=1")}`,
      acme,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['action', 'actorUserId', 'from', 'limit', 'outcome']);
    const order = await call('GET', '/api/v1/audit-log?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z', acme);
    expect(order.body.errors).toEqual([{ field: 'to', message: 'to must be after from.' }]);
    expect((await call('GET', '/api/v1/audit-log?cursor=bm9wZQ', acme)).body.errors[0].field).toBe('cursor');
    expect((await call('GET', '/api/v1/audit-log?limit=201', acme)).body.errors[0].field).toBe('limit');
  });

  it('names the API key an action was taken with', async () => {
    const created = await call('POST', '/api/v1/api-keys', acme, { name: 'HR sync', role: 'admin' });
    expect((await call('POST', '/api/v1/invites', created.body.key, { email: 'bot-invited@example.com', role: 'viewer' })).status).toBe(
      201,
    );
    const [entry] = (await call('GET', '/api/v1/audit-log?action=member.invited', acme)).body.data;
    expect(entry.actor).toEqual({
      userId: acme.userId,
      name: 'Name of olive@acme.test',
      email: 'olive@acme.test',
      apiKey: { id: created.body.id, name: 'HR sync' },
    });
  });

  it('purges entries older than each workspace retention, records the purge, and is idempotent', async () => {
    expect((await call('PATCH', '/api/v1/workspaces/current/settings', acme, { auditRetentionDays: 30 })).status).toBe(200);
    const now = Date.now();
    await insertEntry(acme.workspaceId, new Date(now - 40 * DAY), 'auth.logout');
    await insertEntry(acme.workspaceId, new Date(now - 20 * DAY), 'auth.logout');
    await insertEntry(globex.workspaceId, new Date(now - 40 * DAY), 'auth.logout');
    await insertEntry(globex.workspaceId, new Date(now - 400 * DAY), 'auth.logout');

    const results = await users.app.get(AuditRetention).purgeExpired();
    expect(results.sort((a, b) => a.workspaceId.localeCompare(b.workspaceId))).toEqual(
      [
        { workspaceId: acme.workspaceId, deleted: 1 },
        { workspaceId: globex.workspaceId, deleted: 1 },
      ].sort((a, b) => a.workspaceId.localeCompare(b.workspaceId)),
    );
    const ages = async (s: Session) =>
      (await all(s, '&action=auth.logout')).map((e: { occurredAt: string }) => Math.round((now - Date.parse(e.occurredAt)) / DAY));
    expect(await ages(acme)).toEqual([20]);
    expect(await ages(globex)).toEqual([40]);
    const [purged] = (await call('GET', '/api/v1/audit-log?action=audit.purged', acme)).body.data;
    expect(purged).toMatchObject({ actor: null, metadata: { deleted: 1, retentionDays: 30 } });
    expect(await users.app.get(AuditRetention).purgeExpired()).toEqual([]);
  });

  it('keeps the log append-only for the service: only the retention function deletes, never inside the retention', async () => {
    const app = new pg.Client({ connectionString: db.urls.users!.appUrl });
    await app.connect();
    try {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.workspace_id', $1, true)`, [acme.workspaceId]);
      await expect(app.query(`DELETE FROM users.audit_log`)).rejects.toThrow(/permission denied|append-only/);
      await app.query('ROLLBACK');
      // Acme keeps 30 days: the app role cannot purge anything younger through the owner's function.
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.workspace_id', $1, true)`, [acme.workspaceId]);
      await expect(app.query(`SELECT users.purge_audit_log($1, now())`, [acme.workspaceId])).rejects.toThrow(/kept 30 days/);
      await app.query('ROLLBACK');
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.workspace_id', $1, true)`, [globex.workspaceId]);
      await expect(app.query(`SELECT users.purge_audit_log($1, now() - interval '300 days')`, [globex.workspaceId])).rejects.toThrow(
        /kept 365 days/,
      );
      await app.query('ROLLBACK');
      // The sweep's workspace list is the owner's: the app role alone still sees only its current workspace.
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.workspace_id', $1, true)`, [acme.workspaceId]);
      const { rows } = await app.query(`SELECT id FROM users.workspaces`);
      expect(rows.map((r) => r.id)).toEqual([acme.workspaceId]);
      const settings = await app.query(`SELECT workspace_id FROM users.workspace_settings`);
      expect(settings.rows.map((r) => r.workspace_id)).toEqual([acme.workspaceId]);
      await app.query('ROLLBACK');
    } finally {
      await app.end();
    }
  });
});
