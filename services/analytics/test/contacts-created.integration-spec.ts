import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createEventBus, createLogger, GrpcClient, type EventBus, type EventEnvelope } from '@meridian/platform';
import { createTestDatabase, eventually, http, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { usersService } from '../../users/src/service.js';
import { crmService } from '../../crm/src/service.js';
import { workflowService } from '../../workflow/src/service.js';
import { analyticsService } from '../src/service.js';

/**
 * The slice end to end, in-process: crm writes crm.contact.created.v1 through its outbox,
 * the Postgres bus delivers it to analytics (DuckDB) and workflow (which reads the contact
 * back from crm over gRPC with tenant metadata).
 */
describe('contacts-created slice', () => {
  let db: TestDatabase;
  let dir: string;
  const running: TestService[] = [];
  let users: TestService;
  let crm: TestService;
  let analytics: TestService;
  let workflow: TestService;

  const today = new Date().toISOString().slice(0, 10);
  const signUp = async (email: string) => {
    const res = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
      body: { email, password: 'a long enough password', name: 'Tester', workspaceName: 'Team' },
    });
    return { token: res.body.accessToken as string, workspaceId: res.body.workspace.id as string };
  };
  const countToday = async (token: string) => {
    const res = await http(analytics.httpUrl, 'GET', '/api/v1/reports/contacts-created', { token });
    expect(res.status).toBe(200);
    return (res.body.data as { day: string; count: number }[]).find((d) => d.day === today)?.count ?? 0;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meridian-analytics-'));
    db = await createTestDatabase(['users', 'crm', 'analytics', 'workflow']);
    users = await startTestService(usersService, db);
    const jwks = { AUTH_JWKS_URL: `${users.httpUrl}/api/v1/auth/jwks.json` };
    crm = await startTestService(crmService, db, jwks);
    analytics = await startTestService(analyticsService, db, { ...jwks, DUCKDB_PATH: join(dir, 'warehouse.duckdb') });
    workflow = await startTestService(workflowService, db, { ...jwks, CRM_GRPC_URL: `127.0.0.1:${crm.grpcPort}` });
    running.push(users, crm, analytics, workflow);
  });

  afterAll(async () => {
    for (const s of running.reverse()) await s.close();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts contacts per workspace in the warehouse, and workflow reads each over gRPC', async () => {
    const a = await signUp('slice-a@example.com');
    const b = await signUp('slice-b@example.com');
    const names = ['Ada', 'Grace', 'Katherine'];
    for (const n of names) {
      const res = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
        token: a.token,
        body: { firstName: n, lastName: 'Test', email: `${n}@example.com` },
      });
      expect(res.status).toBe(201);
    }
    await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: b.token,
      body: { firstName: 'Bea', lastName: 'B', email: 'bea@example.com' },
    });

    await eventually(async () => (await countToday(a.token)) === 3);
    await eventually(async () => (await countToday(b.token)) === 1);

    const triggers = new GrpcClient({
      address: `127.0.0.1:${workflow.grpcPort}`,
      protoFile: 'workflow/v1/trigger_service.proto',
      service: 'workflow.v1.TriggerService',
      deadlineMs: 2000,
    });
    try {
      const seen = await eventually(async () => {
        const res = await triggers.call<{ pageSize: number }, { triggers: { subjectLabel: string }[] }>(
          'listTriggers',
          { pageSize: 10 },
          { workspaceId: a.workspaceId },
        );
        return res.triggers.length === 3 ? res.triggers : undefined;
      });
      expect(seen.map((t) => t.subjectLabel.split(' ')[0]).sort()).toEqual([...names].sort());
      const other = await triggers.call<{ pageSize: number }, { triggers: unknown[] }>(
        'listTriggers',
        { pageSize: 10 },
        { workspaceId: b.workspaceId },
      );
      expect(other.triggers).toHaveLength(1);
    } finally {
      triggers.close();
    }
  });

  it('counts an event delivered twice once', async () => {
    const a = await signUp('dupe@example.com');
    await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: { firstName: 'Once', lastName: 'Only', email: 'once@example.com' },
    });
    await eventually(async () => (await countToday(a.token)) === 1);

    const su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    const { rows } = await su.query<{ envelope: EventEnvelope }>(`SELECT envelope FROM crm.outbox WHERE workspace_id = $1`, [
      a.workspaceId,
    ]);
    await su.end();
    expect(rows).toHaveLength(1);
    const bus: EventBus = createEventBus({
      kind: 'postgres',
      connectionString: db.urls.crm!.migrationUrl,
      logger: createLogger('test', 'silent'),
    });
    await bus.start();
    try {
      await bus.publish([rows[0]!.envelope]);
      await bus.publish([rows[0]!.envelope]);
      // Give both consumers time to receive the re-publications.
      await new Promise((r) => setTimeout(r, 3000));
      expect(await countToday(a.token)).toBe(1);
    } finally {
      await bus.stop();
    }
  });

  it('validates report parameters', async () => {
    const a = await signUp('params@example.com');
    const res = await http(analytics.httpUrl, 'GET', '/api/v1/reports/contacts-created?from=yesterday', { token: a.token });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('from');
  });
});
