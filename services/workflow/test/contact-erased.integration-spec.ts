import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createEventBus, createLogger, newEvent, type EventBus } from '@meridian/platform';
import { createTestDatabase, eventually, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { workflowService } from '../src/service.js';

/** Quality case 20, workflow part: crm.contact.erased.v1 removes what workflow holds on the person. */
describe('workflow: GDPR erasure of a contact', () => {
  let db: TestDatabase;
  let workflow: TestService;
  let bus: EventBus;
  let su: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase(['crm', 'workflow']);
    // crm is not running: the erasure handler needs nothing from it.
    workflow = await startTestService(workflowService, db, { CRM_GRPC_URL: '127.0.0.1:1', AUTH_JWKS_URL: 'http://127.0.0.1:1/jwks.json' });
    bus = createEventBus({ kind: 'postgres', connectionString: db.urls.crm!.migrationUrl, logger: createLogger('test', 'silent') });
    await bus.start();
    su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
  });

  afterAll(async () => {
    await su?.end();
    await bus?.stop();
    await workflow?.close();
    await db?.drop();
  });

  /** A trigger as ContactCreatedTrigger records it: the person's name and email in subject_label. */
  const observe = (workspaceId: string, contactId: string, label: string) =>
    su.query(
      `INSERT INTO workflow.triggers (event_id, workspace_id, event_type, subject_id, subject_label) VALUES ($1, $2, 'crm.contact.created.v1', $3, $4)`,
      [randomUUID(), workspaceId, contactId, label],
    );
  const triggersOf = async (workspaceId: string) =>
    (await su.query(`SELECT subject_id FROM workflow.triggers WHERE workspace_id = $1 ORDER BY subject_label`, [workspaceId])).rows.map(
      (r: { subject_id: string }) => r.subject_id,
    );

  it("deletes the person's workflow state in their workspace only", async () => {
    const ws = randomUUID();
    const otherWs = randomUUID();
    const [gone, stays] = [randomUUID(), randomUUID()];
    await observe(ws, gone, 'Peter Gibbons <peter@initech.com>');
    await observe(ws, stays, 'Samir N <samir@initech.com>');
    await observe(otherWs, gone, 'Peter Gibbons <peter@other.example>');

    await bus.publish([
      newEvent({ type: 'crm.contact.erased.v1', source: 'meridian/crm', workspaceId: ws, subject: gone, data: { contactId: gone } }),
    ]);
    await eventually(async () => (await triggersOf(ws)).length === 1);
    expect(await triggersOf(ws)).toEqual([stays]);
    expect(await triggersOf(otherWs)).toEqual([gone]);
    const labels = await su.query(`SELECT count(*)::int AS n FROM workflow.triggers WHERE subject_label LIKE '%peter@initech.com%'`);
    expect(labels.rows[0].n).toBe(0);
  });
});
