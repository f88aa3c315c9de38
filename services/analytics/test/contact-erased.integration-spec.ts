import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventBus, createLogger, GrpcClient, newEvent, type EventBus } from '@meridian/platform';
import {
  createTestDatabase,
  eventually,
  http,
  startTestService,
  startTestTokenIssuer,
  type TestDatabase,
  type TestService,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { analyticsService } from '../src/service.js';

/** Quality case 20, analytics part: crm.contact.erased.v1 removes the person from the warehouse. */
describe('analytics: GDPR erasure of a contact', () => {
  let db: TestDatabase;
  let dir: string;
  let issuer: TestTokenIssuer;
  let analytics: TestService;
  let bus: EventBus;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'meridian-erase-'));
    db = await createTestDatabase(['crm', 'analytics']);
    issuer = await startTestTokenIssuer();
    analytics = await startTestService(analyticsService, db, { AUTH_JWKS_URL: issuer.jwksUrl, DUCKDB_PATH: join(dir, 'warehouse.duckdb') });
    bus = createEventBus({ kind: 'postgres', connectionString: db.urls.crm!.migrationUrl, logger: createLogger('test', 'silent') });
    await bus.start();
  });

  afterAll(async () => {
    await bus?.stop();
    await analytics?.close();
    await issuer?.close();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const created = (workspaceId: string, contactId: string) =>
    newEvent({
      type: 'crm.contact.created.v1',
      source: 'meridian/crm',
      workspaceId,
      subject: contactId,
      data: { contact: { id: contactId, workspaceId, createdAt: new Date().toISOString() } },
    });
  const erased = (workspaceId: string, contactId: string) =>
    newEvent({ type: 'crm.contact.erased.v1', source: 'meridian/crm', workspaceId, subject: contactId, data: { contactId } });

  async function warehouseContacts(workspaceId: string): Promise<string[]> {
    const client = new GrpcClient({
      address: `127.0.0.1:${analytics.grpcPort}`,
      protoFile: 'analytics/v1/export_service.proto',
      service: 'analytics.v1.ExportService',
      deadlineMs: 5000,
    });
    try {
      const ids: string[] = [];
      for await (const chunk of client.serverStream<object, { jsonLines: string; count: number }>('exportWorkspace', {}, { workspaceId })) {
        if (chunk.count) ids.push(...chunk.jsonLines.split('\n').map((l) => (JSON.parse(l) as { contactId: string }).contactId));
      }
      return ids.sort();
    } finally {
      client.close();
    }
  }

  it("deletes the person's facts, and only theirs, once the event arrives", async () => {
    const ws = randomUUID();
    const otherWs = randomUUID();
    const [gone, stays] = [randomUUID(), randomUUID()];
    await bus.publish([created(ws, gone), created(ws, stays), created(otherWs, gone)]);
    await eventually(async () => (await warehouseContacts(ws)).length === 2);
    await eventually(async () => (await warehouseContacts(otherWs)).length === 1);

    await bus.publish([erased(ws, gone)]);
    await eventually(async () => (await warehouseContacts(ws)).length === 1);
    expect(await warehouseContacts(ws)).toEqual([stays]);
    // Same contact id in another workspace is another tenant's record: untouched.
    expect(await warehouseContacts(otherWs)).toEqual([gone]);

    // The report no longer counts them.
    const token = await issuer.sign({ role: 'viewer', workspaceId: ws });
    const report = await http(analytics.httpUrl, 'GET', '/api/v1/reports/contacts-created', { token });
    expect(report.body.data.reduce((n: number, d: { count: number }) => n + d.count, 0)).toBe(1);

    // A redelivered erasure is harmless.
    await bus.publish([erased(ws, gone)]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await warehouseContacts(ws)).toEqual([stays]);
  });
});
