import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { createEventBus, createLogger, newEvent } from '@meridian/platform';
import { eventually, http, type TestDatabase, type TestService, type TestTokenIssuer } from '@meridian/platform/testing';
import { startCrmUnderTest, type CrmUnderTest } from './support/crm-under-test.js';

interface Stage {
  id: string;
  name: string;
  position: number;
  probability: number;
  kind: string;
}
interface Pipeline {
  id: string;
  name: string;
  isDefault: boolean;
  position: number;
  stages: Stage[];
}

describe('crm pipelines and stages (real Postgres)', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let su: pg.Client;
  let under: CrmUnderTest;

  const owner = async (workspaceId = randomUUID()) => ({ workspaceId, token: await issuer.sign({ role: 'owner', workspaceId }) });
  const call = (token: string, method: string, path: string, body?: unknown) =>
    http(crm.httpUrl, method, path, { token, ...(body !== undefined ? { body } : {}) });
  const pipelinesOf = async (token: string): Promise<Pipeline[]> => (await call(token, 'GET', '/api/v1/pipelines')).body.data;
  /** A deal placed straight in the table: deals' own API is tested by its module. */
  const insertDeal = async (workspaceId: string, pipelineId: string, stageId: string) => {
    const id = randomUUID();
    await su.query(`INSERT INTO crm.deals (id, workspace_id, name, pipeline_id, stage_id) VALUES ($1, $2, 'Deal', $3, $4)`, [
      id,
      workspaceId,
      pipelineId,
      stageId,
    ]);
    return id;
  };

  beforeAll(async () => {
    under = await startCrmUnderTest();
    ({ db, issuer, crm, su } = under);
  });

  afterAll(async () => {
    await under?.close();
  });

  it('gives every workspace the default Sales pipeline lazily, exactly once under concurrent first reads', async () => {
    const a = await owner();
    const lists = await Promise.all(Array.from({ length: 6 }, () => pipelinesOf(a.token)));
    const ids = new Set(lists.map((l) => l[0]?.id));
    expect(ids.size).toBe(1);
    const [sales] = lists[0]!;
    expect(sales).toMatchObject({ name: 'Sales', isDefault: true, position: 0 });
    expect(sales!.stages.map((s) => [s.name, s.probability, s.kind, s.position])).toEqual([
      ['Qualification', 10, 'open', 0],
      ['Meeting booked', 20, 'open', 1],
      ['Proposal', 50, 'open', 2],
      ['Negotiation', 75, 'open', 3],
      ['Won', 100, 'won', 4],
      ['Lost', 0, 'lost', 5],
    ]);
    const { rows } = await su.query(`SELECT count(*)::int AS n FROM crm.pipelines WHERE workspace_id = $1`, [a.workspaceId]);
    expect(rows[0].n).toBe(1);
  });

  it('creates the default pipeline when users.workspace.created.v1 arrives, once even if delivered twice', async () => {
    const workspaceId = randomUUID();
    const bus = createEventBus({ kind: 'postgres', connectionString: db.urls.crm!.migrationUrl, logger: createLogger('test', 'silent') });
    await bus.start();
    try {
      const event = newEvent({
        type: 'users.workspace.created.v1',
        source: 'meridian/users',
        workspaceId,
        subject: workspaceId,
        data: { workspaceId, name: 'Acme', ownerUserId: randomUUID() },
      });
      await bus.publish([event]);
      await bus.publish([{ ...event }]);
      const created = await eventually(async () => {
        const r = await su.query(`SELECT id, name, is_default FROM crm.pipelines WHERE workspace_id = $1`, [workspaceId]);
        return r.rows.length > 0 ? r.rows : undefined;
      });
      expect(created).toEqual([expect.objectContaining({ name: 'Sales', is_default: true })]);
      const stages = await su.query(`SELECT count(*)::int AS n FROM crm.pipeline_stages WHERE workspace_id = $1`, [workspaceId]);
      expect(stages.rows[0].n).toBe(6);
      // The lazy path then finds it instead of making a second one.
      const { token } = await owner(workspaceId);
      expect((await pipelinesOf(token)).map((p) => p.id)).toEqual([created[0].id]);
    } finally {
      await bus.stop();
    }
  });

  it('creates a pipeline with its stages, requires open, won and lost stages, and ignores mass assignment', async () => {
    const a = await owner();
    const b = await owner();
    const res = await call(a.token, 'POST', '/api/v1/pipelines', {
      name: 'Renewals',
      isDefault: true,
      workspaceId: b.workspaceId,
      id: '00000000-0000-4000-8000-000000000000',
      stages: [
        { name: 'Due', probability: 40 },
        { name: 'Renewed', kind: 'won' },
        { name: 'Churned', kind: 'lost' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Renewals', isDefault: false, position: 1 });
    expect(res.body.id).not.toBe('00000000-0000-4000-8000-000000000000');
    expect(res.body.stages.map((s: Stage) => [s.name, s.probability, s.kind])).toEqual([
      ['Due', 40, 'open'],
      ['Renewed', 100, 'won'],
      ['Churned', 0, 'lost'],
    ]);
    expect((await pipelinesOf(a.token)).map((p) => [p.name, p.isDefault])).toEqual([
      ['Sales', true],
      ['Renewals', false],
    ]);
    expect((await pipelinesOf(b.token)).map((p) => p.name)).toEqual(['Sales']);

    const noWon = await call(a.token, 'POST', '/api/v1/pipelines', {
      name: 'Broken',
      stages: [{ name: 'A' }, { name: 'B' }, { name: 'C', kind: 'lost' }],
    });
    expect(noWon.status).toBe(400);
    expect(noWon.body.errors).toEqual([{ field: 'stages', message: 'A pipeline needs at least one won stage.' }]);
    const dupe = await call(a.token, 'POST', '/api/v1/pipelines', { name: 'renewals' });
    expect(dupe.status).toBe(409);
    expect(dupe.body.errors[0].field).toBe('name');
    const defaults = await call(a.token, 'POST', '/api/v1/pipelines', { name: 'Partners' });
    expect(defaults.body.stages).toHaveLength(6);
  });

  it('renames, switches the default and reorders pipelines; refuses to delete the default or one with deals', async () => {
    const a = await owner();
    const [sales] = await pipelinesOf(a.token);
    const other = (await call(a.token, 'POST', '/api/v1/pipelines', { name: 'Second' })).body as Pipeline;

    const renamed = await call(a.token, 'PATCH', `/api/v1/pipelines/${other.id}`, { name: 'Enterprise', isDefault: true, position: 0 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Enterprise', isDefault: true, position: 0 });
    expect((await pipelinesOf(a.token)).map((p) => [p.name, p.isDefault, p.position])).toEqual([
      ['Enterprise', true, 0],
      ['Sales', false, 1],
    ]);
    const unset = await call(a.token, 'PATCH', `/api/v1/pipelines/${other.id}`, { isDefault: false });
    expect(unset.status).toBe(400);
    expect(unset.body.errors[0].field).toBe('isDefault');

    expect((await call(a.token, 'DELETE', `/api/v1/pipelines/${other.id}`)).status).toBe(409);
    await insertDeal(a.workspaceId, sales!.id, sales!.stages[0]!.id);
    const withDeals = await call(a.token, 'DELETE', `/api/v1/pipelines/${sales!.id}`);
    expect(withDeals.status).toBe(409);
    expect(withDeals.body.detail).toContain('1 deal');

    const empty = (await call(a.token, 'POST', '/api/v1/pipelines', { name: 'Empty' })).body as Pipeline;
    expect((await call(a.token, 'DELETE', `/api/v1/pipelines/${empty.id}`)).status).toBe(204);
    expect((await call(a.token, 'GET', `/api/v1/pipelines/${empty.id}`)).status).toBe(404);
    const { rows } = await su.query(`SELECT count(*)::int AS n FROM crm.pipeline_stages WHERE pipeline_id = $1`, [empty.id]);
    expect(rows[0].n).toBe(0);
  });

  it('keeps one default and dense positions under concurrent creates, default switches, moves and deletes', async () => {
    const a = await owner();
    const created = await Promise.all(['P1', 'P2', 'P3', 'P4'].map((name) => call(a.token, 'POST', '/api/v1/pipelines', { name })));
    expect(created.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const [p1, p2, p3, p4] = created.map((r) => r.body as Pipeline);
    const writes = await Promise.all([
      call(a.token, 'PATCH', `/api/v1/pipelines/${p1!.id}`, { isDefault: true }),
      call(a.token, 'PATCH', `/api/v1/pipelines/${p2!.id}`, { isDefault: true, position: 0 }),
      call(a.token, 'PATCH', `/api/v1/pipelines/${p3!.id}`, { position: 0 }),
      call(a.token, 'DELETE', `/api/v1/pipelines/${p4!.id}`),
    ]);
    expect(writes.map((r) => r.status)).toEqual([200, 200, 200, 204]);
    const after = await pipelinesOf(a.token);
    expect(after.filter((p) => p.isDefault)).toHaveLength(1);
    expect(after.map((p) => p.position)).toEqual([0, 1, 2, 3]);
    expect(after.map((p) => p.name).sort()).toEqual(['P1', 'P2', 'P3', 'Sales']);
  });

  it('adds, reorders and edits stages with dense positions and keeps a won and a lost stage', async () => {
    const a = await owner();
    const p = (await call(a.token, 'POST', '/api/v1/pipelines', { name: 'Stages' })).body as Pipeline;
    const added = await call(a.token, 'POST', `/api/v1/pipelines/${p.id}/stages`, { name: 'Contract sent', probability: 90 });
    expect(added.status).toBe(201);
    const names = (x: Pipeline) => x.stages.map((s) => s.name);
    expect(names(added.body)).toEqual(['Qualification', 'Meeting booked', 'Proposal', 'Negotiation', 'Contract sent', 'Won', 'Lost']);
    expect(added.body.stages.map((s: Stage) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);

    const sent = added.body.stages[4] as Stage;
    const moved = await call(a.token, 'PATCH', `/api/v1/pipelines/${p.id}/stages/${sent.id}`, {
      position: 0,
      name: 'Sent',
      probability: 5,
    });
    expect(moved.status).toBe(200);
    expect(names(moved.body)).toEqual(['Sent', 'Qualification', 'Meeting booked', 'Proposal', 'Negotiation', 'Won', 'Lost']);
    expect(moved.body.stages[0]).toMatchObject({ name: 'Sent', probability: 5, position: 0 });
    expect(moved.body.stages.map((s: Stage) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);

    const won = moved.body.stages[5] as Stage;
    const lost = moved.body.stages[6] as Stage;
    const lastWon = await call(a.token, 'DELETE', `/api/v1/pipelines/${p.id}/stages/${won.id}`);
    expect(lastWon.status).toBe(409);
    expect(lastWon.body.detail).toBe('A pipeline keeps at least one won stage.');
    const noLost = await call(a.token, 'PATCH', `/api/v1/pipelines/${p.id}/stages/${lost.id}`, { kind: 'open' });
    expect(noLost.status).toBe(409);
    expect(noLost.body.errors[0].field).toBe('kind');
    const dupe = await call(a.token, 'PATCH', `/api/v1/pipelines/${p.id}/stages/${sent.id}`, { name: 'proposal' });
    expect(dupe.status).toBe(409);
    expect(dupe.body.errors[0].field).toBe('name');

    // A second won stage makes the first deletable.
    await call(a.token, 'POST', `/api/v1/pipelines/${p.id}/stages`, { name: 'Won (partner)', kind: 'won' });
    const deleted = await call(a.token, 'DELETE', `/api/v1/pipelines/${p.id}/stages/${won.id}`);
    expect(deleted.status).toBe(200);
    expect(names(deleted.body)).toEqual(['Sent', 'Qualification', 'Meeting booked', 'Proposal', 'Negotiation', 'Lost', 'Won (partner)']);
    expect(deleted.body.stages.map((s: Stage) => s.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses to delete a stage holding deals unless they move, and then sends stage_changed for each deal', async () => {
    const a = await owner();
    const [sales] = await pipelinesOf(a.token);
    const [qualification, meeting] = sales!.stages;
    const won = sales!.stages.find((s) => s.kind === 'won')!;
    const dealIds = [await insertDeal(a.workspaceId, sales!.id, meeting!.id), await insertDeal(a.workspaceId, sales!.id, meeting!.id)];

    const blocked = await call(a.token, 'DELETE', `/api/v1/pipelines/${sales!.id}/stages/${meeting!.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.errors[0].field).toBe('moveTo');
    const kindChange = await call(a.token, 'PATCH', `/api/v1/pipelines/${sales!.id}/stages/${meeting!.id}`, { kind: 'won' });
    expect(kindChange.status).toBe(409);
    const badTarget = await call(a.token, 'DELETE', `/api/v1/pipelines/${sales!.id}/stages/${meeting!.id}?moveTo=${randomUUID()}`);
    expect(badTarget.status).toBe(404);
    expect(badTarget.body.errors[0].field).toBe('moveTo');

    const moved = await call(a.token, 'DELETE', `/api/v1/pipelines/${sales!.id}/stages/${meeting!.id}?moveTo=${won.id}`);
    expect(moved.status).toBe(200);
    expect(moved.body.stages.map((s: Stage) => s.name)).not.toContain('Meeting booked');
    const deals = await su.query(`SELECT stage_id, status, closed_at FROM crm.deals WHERE id = ANY($1::uuid[])`, [dealIds]);
    for (const d of deals.rows) expect(d).toMatchObject({ stage_id: won.id, status: 'won', closed_at: expect.any(Date) });
    const events = await su.query(
      `SELECT subject, envelope FROM crm.outbox WHERE type = 'crm.deal.stage_changed.v1' AND workspace_id = $1`,
      [a.workspaceId],
    );
    expect(events.rows.map((r) => r.subject).sort()).toEqual([...dealIds].sort());
    expect(events.rows[0].envelope.data).toMatchObject({
      fromStageId: meeting!.id,
      toStageId: won.id,
      deal: { stageId: won.id, stageName: 'Won', status: 'won', pipelineId: sales!.id },
    });
    const updates = await su.query(`SELECT subject, envelope FROM crm.outbox WHERE type = 'crm.deal.updated.v1' AND workspace_id = $1`, [
      a.workspaceId,
    ]);
    expect(updates.rows.map((r) => r.subject).sort()).toEqual([...dealIds].sort());
    const changed = updates.rows[0].envelope.data.changes.map((c: { field: string }) => c.field);
    expect(changed).toEqual(expect.arrayContaining(['stageId', 'stageName', 'status', 'closedAt']));
    // The first open stage is still where new deals start.
    expect(qualification!.kind).toBe('open');
  });

  it("answers 404 for another workspace's pipeline and stages, as for a missing id", async () => {
    const a = await owner();
    const b = await owner();
    const [theirs] = await pipelinesOf(b.token);
    const stage = theirs!.stages[0]!;
    const missing = await call(a.token, 'GET', `/api/v1/pipelines/${randomUUID()}`);
    const cross = await call(a.token, 'GET', `/api/v1/pipelines/${theirs!.id}`);
    expect(cross.status).toBe(404);
    expect({ ...cross.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    expect((await call(a.token, 'PATCH', `/api/v1/pipelines/${theirs!.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await call(a.token, 'DELETE', `/api/v1/pipelines/${theirs!.id}`)).status).toBe(404);
    expect((await call(a.token, 'POST', `/api/v1/pipelines/${theirs!.id}/stages`, { name: 'X' })).status).toBe(404);
    expect((await call(a.token, 'PATCH', `/api/v1/pipelines/${theirs!.id}/stages/${stage.id}`, { name: 'X' })).status).toBe(404);
    expect((await call(a.token, 'DELETE', `/api/v1/pipelines/${theirs!.id}/stages/${stage.id}`)).status).toBe(404);
    const [mine] = await pipelinesOf(a.token);
    expect((await call(a.token, 'PATCH', `/api/v1/pipelines/${mine!.id}/stages/${stage.id}`, { name: 'X' })).status).toBe(404);
    expect((await pipelinesOf(b.token))[0]!.name).toBe('Sales');
  });

  it('lets every role read pipelines but only settings managers change them', async () => {
    const workspaceId = randomUUID();
    const viewer = await issuer.sign({ role: 'viewer', workspaceId });
    const manager = await issuer.sign({ role: 'manager', workspaceId });
    expect((await pipelinesOf(viewer))[0]!.name).toBe('Sales');
    expect((await call(manager, 'POST', '/api/v1/pipelines', { name: 'Nope' })).status).toBe(403);
  });
});
