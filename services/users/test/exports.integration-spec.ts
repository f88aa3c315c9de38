import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  eventually,
  freePort,
  http,
  startTestService,
  type TestDatabase,
  type TestService,
} from '@meridian/platform/testing';
import { analyticsService } from '../../analytics/src/service.js';
import { crmService } from '../../crm/src/service.js';
import { workflowService } from '../../workflow/src/service.js';
import { usersService } from '../src/service.js';

/** Reads every JSON entry of a zip (python3's zipfile: no zip reader in Node's standard library). */
function readZip(path: string): Record<string, unknown> {
  const script =
    'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({n: json.loads(z.read(n)) for n in z.namelist()}))';
  return JSON.parse(execFileSync('python3', ['-c', script, path]).toString()) as Record<string, unknown>;
}

describe('users: workspace data export', () => {
  let db: TestDatabase;
  let dir: string;
  const running: TestService[] = [];
  let users: TestService;
  let crm: TestService;
  let analytics: TestService;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meridian-export-'));
    db = await createTestDatabase(['users', 'crm', 'workflow', 'analytics']);
    // gRPC ports are chosen up front so users knows where to stream exports from.
    const [crmPort, workflowPort, analyticsPort] = [await freePort(), await freePort(), await freePort()];
    users = await startTestService(usersService, db, {
      EXPORTS_DIR: join(dir, 'exports'),
      CRM_GRPC_URL: `127.0.0.1:${crmPort}`,
      WORKFLOW_GRPC_URL: `127.0.0.1:${workflowPort}`,
      ANALYTICS_GRPC_URL: `127.0.0.1:${analyticsPort}`,
    });
    const jwks = { AUTH_JWKS_URL: `${users.httpUrl}/api/v1/auth/jwks.json` };
    crm = await startTestService(crmService, db, { ...jwks, GRPC_PORT: String(crmPort) });
    analytics = await startTestService(analyticsService, db, {
      ...jwks,
      GRPC_PORT: String(analyticsPort),
      DUCKDB_PATH: join(dir, 'w.duckdb'),
    });
    const workflow = await startTestService(workflowService, db, {
      ...jwks,
      GRPC_PORT: String(workflowPort),
      CRM_GRPC_URL: `127.0.0.1:${crmPort}`,
    });
    running.push(users, crm, analytics, workflow);
  });
  afterAll(async () => {
    for (const s of running.reverse()) await s.close();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("gathers every service's data for the workspace into one archive, with progress", async () => {
    const owner = (
      await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
        body: { email: 'exp@example.com', password: 'a long enough password', name: 'O', workspaceName: 'W' },
      })
    ).body;
    const other = (
      await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
        body: { email: 'other@example.com', password: 'a long enough password', name: 'X', workspaceName: 'X' },
      })
    ).body;
    for (const n of ['Ada', 'Grace']) {
      await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
        token: owner.accessToken,
        body: { firstName: n, lastName: 'T', email: `${n}@example.com` },
      });
    }
    await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: other.accessToken,
      body: { firstName: 'Not', lastName: 'Mine', email: 'no@example.com' },
    });
    // Let the warehouse and workflow catch up, so their parts of the archive are not empty.
    await eventually(async () => {
      const report = await http(analytics.httpUrl, 'GET', '/api/v1/reports/contacts-created', { token: owner.accessToken });
      return (report.body.data as { count: number }[]).reduce((sum, d) => sum + d.count, 0) === 2;
    });

    const started = await http(users.httpUrl, 'POST', '/api/v1/workspaces/current/exports', { token: owner.accessToken });
    expect(started.status).toBe(202);
    expect((await http(users.httpUrl, 'POST', '/api/v1/workspaces/current/exports', { token: owner.accessToken })).status).toBe(409);
    const done = await eventually(async () => {
      const r = await http(users.httpUrl, 'GET', `/api/v1/workspaces/current/exports/${started.body.id}`, { token: owner.accessToken });
      return r.body.status === 'done' ? r.body : r.body.status === 'failed' ? Promise.reject(new Error(r.body.error)) : undefined;
    }, 30_000);
    expect(done.progress).toBe(100);
    expect(done.summary.skipped).toEqual([{ service: 'communication', reason: 'not configured in this deployment' }]);

    const res = await fetch(`${users.httpUrl}/api/v1/workspaces/current/exports/${started.body.id}/download`, {
      headers: { authorization: `Bearer ${owner.accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('meridian-export-');
    const file = join(dir, 'download.zip');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const entries = readZip(file);
    const contacts = entries['crm/contacts.json'] as { first_name: string; workspace_id: string }[];
    expect(contacts.map((c) => c.first_name).sort()).toEqual(['Ada', 'Grace']);
    expect(new Set(contacts.map((c) => c.workspace_id))).toEqual(new Set([owner.workspace.id]));
    expect((entries['workflow/triggers.json'] as unknown[]).length).toBe(2);
    expect((entries['analytics/contact_created_facts.json'] as unknown[]).length).toBe(2);
    expect((entries['users/members.json'] as { email: string }[]).map((m) => m.email)).toEqual(['exp@example.com']);
    expect(entries['manifest.json']).toMatchObject({ workspaceId: owner.workspace.id });

    // Another workspace cannot see or download it: 404 like a missing id.
    expect(
      (await http(users.httpUrl, 'GET', `/api/v1/workspaces/current/exports/${started.body.id}`, { token: other.accessToken })).status,
    ).toBe(404);
    expect(
      (
        await fetch(`${users.httpUrl}/api/v1/workspaces/current/exports/${started.body.id}/download`, {
          headers: { authorization: `Bearer ${other.accessToken}` },
        })
      ).status,
    ).toBe(404);
  });
});
