import pg from 'pg';
import { GrpcClient } from '@meridian/platform';
import { randomUUID } from 'node:crypto';
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
import { crmService } from '../src/service.js';

interface Session {
  token: string;
  workspaceId: string;
  userId: string;
}

type Row = Record<string, unknown> & { id: string };

describe('crm records: companies, contacts and deals on the generic engine (real Postgres)', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let a: Session;
  let b: Session;
  let su: pg.Client;

  const session = async (role: 'owner' | 'manager' | 'member' = 'owner', workspaceId: string = randomUUID()): Promise<Session> => {
    const userId = randomUUID();
    return { token: await issuer.sign({ role, workspaceId, userId }), workspaceId, userId };
  };
  const post = (s: Session, path: string, body: unknown) => http(crm.httpUrl, 'POST', path, { token: s.token, body });
  const get = (s: Session, path: string) => http(crm.httpUrl, 'GET', path, { token: s.token });
  const list = (s: Session, object: string, params: Record<string, string>) =>
    get(s, `/api/v1/${object}?${new URLSearchParams(params).toString()}`);

  /** Every page of a list, following cursors. */
  async function allPages(s: Session, object: string, params: Record<string, string>): Promise<Row[]> {
    const out: Row[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await list(s, object, { ...params, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.nextCursor;
      if (!cursor) return out;
    }
    throw new Error('too many pages');
  }

  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
    issuer = await startTestTokenIssuer();
    crm = await startTestService(crmService, db, { AUTH_JWKS_URL: issuer.jwksUrl });
    a = await session();
    b = await session();
    su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
  });

  afterAll(async () => {
    await su?.end();
    await crm?.close();
    await issuer?.close();
    await db?.drop();
  });

  describe('companies', () => {
    it('normalises domains, keeps them unique per workspace and answers 409 naming domain', async () => {
      const acme = await post(a, '/api/v1/companies', {
        name: 'Acme',
        domain: 'https://www.ACME.com/about',
        employees: 40,
        annualRevenue: 1250000,
      });
      expect(acme.status).toBe(201);
      expect(acme.body).toMatchObject({ name: 'Acme', domain: 'acme.com', employees: 40, annualRevenue: '1250000.00', contactCount: 0 });
      const dup = await post(a, '/api/v1/companies', { name: 'Acme 2', domain: 'acme.com' });
      expect(dup.status).toBe(409);
      expect(dup.body.errors[0].field).toBe('domain');
      // Another workspace may use the same domain.
      expect((await post(b, '/api/v1/companies', { name: 'Acme', domain: 'acme.com' })).status).toBe(201);
      const bad = await post(a, '/api/v1/companies', { name: '', domain: 'not a domain', employees: 1.5 });
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['domain', 'employees', 'name']);
    });
  });

  describe('contacts: CRUD, PATCH events and custom fields', () => {
    it('patches only sent fields, null clears, and the updated event carries old and new values', async () => {
      const company = await post(a, '/api/v1/companies', { name: 'Initech' });
      const c = await post(a, '/api/v1/contacts', {
        firstName: 'Peter',
        lastName: 'Gibbons',
        email: 'peter@initech.com',
        title: 'Engineer',
        companyId: company.body.id,
        tags: ['tps'],
        lifecycleStage: 'lead',
      });
      expect(c.status).toBe(201);
      expect(c.body).toMatchObject({ companyName: 'Initech', ownerId: a.userId, tags: ['tps'], lifecycleStage: 'lead' });
      const patched = await http(crm.httpUrl, 'PATCH', `/api/v1/contacts/${c.body.id}`, {
        token: a.token,
        body: { title: null, lifecycleStage: 'customer', workspaceId: b.workspaceId, id: randomUUID(), createdBy: 'x' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        id: c.body.id,
        title: null,
        lifecycleStage: 'customer',
        firstName: 'Peter',
        email: 'peter@initech.com',
      });
      const event = await eventually(async () => {
        const r = await su.query(`SELECT envelope FROM crm.outbox WHERE type = 'crm.contact.updated.v1' AND subject = $1`, [c.body.id]);
        return r.rows[0]?.envelope;
      });
      const changes = event.data.changes as { field: string; oldJson: string; newJson: string }[];
      expect(changes).toEqual(
        expect.arrayContaining([
          { field: 'title', oldJson: '"Engineer"', newJson: 'null' },
          { field: 'lifecycleStage', oldJson: '"lead"', newJson: '"customer"' },
        ]),
      );
      expect(changes).toHaveLength(2);
      // B cannot read, patch or delete A's contact: the same 404 as a missing id.
      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { title: 'x' }],
        ['DELETE', undefined],
      ] as const) {
        const res = await http(crm.httpUrl, method, `/api/v1/contacts/${c.body.id}`, { token: b.token, ...(body ? { body } : {}) });
        expect(res.status).toBe(404);
      }
      const removed = await http(crm.httpUrl, 'DELETE', `/api/v1/contacts/${c.body.id}`, { token: a.token });
      expect(removed.status).toBe(204);
      expect((await get(a, `/api/v1/contacts/${c.body.id}`)).status).toBe(404);
    });

    it('validates custom values by type, merges them key by key, and filters and sorts by them', async () => {
      const ws = await session();
      const field = (body: unknown) => post(ws, '/api/v1/fields', body);
      expect((await field({ object: 'contacts', label: 'Renewal date', type: 'date' })).body.key).toBe('renewal_date');
      expect((await field({ object: 'contacts', key: 'score', label: 'Score', type: 'number' })).status).toBe(201);
      expect(
        (
          await field({
            object: 'contacts',
            key: 'tier',
            label: 'Tier',
            type: 'select',
            options: [
              { value: 'gold', label: 'Gold' },
              { value: 'silver', label: 'Silver' },
            ],
          })
        ).status,
      ).toBe(201);
      expect((await field({ object: 'contacts', key: 'score', label: 'Again', type: 'text' })).status).toBe(409);
      expect((await field({ object: 'contacts', label: 'Bad', type: 'select' })).body.errors[0].field).toBe('options');

      const bad = await post(ws, '/api/v1/contacts', {
        firstName: 'X',
        custom: { score: 'high', tier: 'bronze', renewal_date: '2026-13-40', nope: 1 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'custom.nope',
        'custom.renewal_date',
        'custom.score',
        'custom.tier',
      ]);

      const ids: string[] = [];
      for (const [name, score, tier] of [
        ['Low', 10, 'silver'],
        ['High', 90, 'gold'],
        ['Mid', 50, 'gold'],
        ['None', null, null],
      ] as const) {
        const res = await post(ws, '/api/v1/contacts', { firstName: name, custom: { score, tier } });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      const merged = await http(crm.httpUrl, 'PATCH', `/api/v1/contacts/${ids[0]}`, {
        token: ws.token,
        body: { custom: { renewal_date: '2027-01-31' } },
      });
      expect(merged.body.custom).toEqual({ score: 10, tier: 'silver', renewal_date: '2027-01-31' });
      const cleared = await http(crm.httpUrl, 'PATCH', `/api/v1/contacts/${ids[0]}`, { token: ws.token, body: { custom: { tier: null } } });
      expect(cleared.body.custom).toEqual({ score: 10, renewal_date: '2027-01-31' });

      const gold = await list(ws, 'contacts', {
        filter: JSON.stringify({ and: [{ field: 'custom.tier', op: 'eq', value: 'gold' }] }),
        sort: '-custom.score',
      });
      expect(gold.body.data.map((c: Row) => c.firstName)).toEqual(['High', 'Mid']);
      const byScore = await allPages(ws, 'contacts', { sort: 'custom.score', limit: '1' });
      expect(byScore.map((c) => c.firstName)).toEqual(['Low', 'Mid', 'High', 'None']);
      const between = await list(ws, 'contacts', {
        filter: JSON.stringify({ and: [{ field: 'custom.score', op: 'between', value: [20, 95] }] }),
      });
      expect(between.body.data.map((c: Row) => c.firstName).sort()).toEqual(['High', 'Mid']);
    });
  });

  describe('lists: filters, sorts, keyset pages, totals, field selection', () => {
    let ws: Session;
    beforeAll(async () => {
      ws = await session();
      const people = ['Ann', 'bob', 'Cid', 'dee', 'Eve', 'fay', 'Gus', 'hal', 'Ivy', 'jon', 'Kim', 'lou', 'Max', 'ned', 'Oda'];
      for (const [i, name] of people.entries()) {
        const res = await post(ws, '/api/v1/contacts', {
          firstName: name,
          lastName: i % 3 === 0 ? 'Same' : `L${i}`,
          email: i % 4 === 0 ? null : `${name.toLowerCase()}@ex${i % 2}.com`,
          lifecycleStage: i % 2 ? 'lead' : 'customer',
          tags: i % 5 === 0 ? ['vip'] : [],
        });
        expect(res.status).toBe(201);
      }
    });

    it.each([
      ['-createdAt'],
      ['firstName'],
      ['-firstName'],
      ['email'],
      ['-email'],
      ['lastName,-firstName'],
      ['-lastName,email'],
      ['lifecycleStage,-email'],
    ])('pages by %s exactly as one big page orders them (no row lost or repeated, NULLs included)', async (sort) => {
      const whole = await list(ws, 'contacts', { sort, limit: '200' });
      const paged = await allPages(ws, 'contacts', { sort, limit: '4' });
      expect(paged.map((r) => r.id)).toEqual(whole.body.data.map((r: Row) => r.id));
      expect(new Set(paged.map((r) => r.id)).size).toBe(15);
    });

    it('sorts text case-insensitively and puts empty values last ascending', async () => {
      const byName = await list(ws, 'contacts', { sort: 'firstName', limit: '3' });
      expect(byName.body.data.map((r: Row) => r.firstName)).toEqual(['Ann', 'bob', 'Cid']);
      const byEmail = await allPages(ws, 'contacts', { sort: 'email', limit: '5' });
      expect(byEmail.slice(-4).every((r) => r.email === null)).toBe(true);
    });

    it('filters with and/or groups, every op, tags, and "me"', async () => {
      const f = async (filter: unknown) =>
        (await list(ws, 'contacts', { filter: JSON.stringify(filter), limit: '200' })).body.data
          .map((r: Row) => r.firstName as string)
          .sort((x: string, y: string) => x.localeCompare(y));
      expect(await f({ and: [{ field: 'firstName', op: 'eq', value: 'ANN' }] })).toEqual(['Ann']);
      expect(await f({ and: [{ field: 'firstName', op: 'startsWith', value: 'j' }] })).toEqual(['jon']);
      expect(await f({ and: [{ field: 'email', op: 'contains', value: '@EX1' }] })).toHaveLength(7);
      expect(await f({ and: [{ field: 'email', op: 'isEmpty' }] })).toEqual(['Ann', 'Eve', 'Ivy', 'Max']);
      expect(await f({ and: [{ field: 'tags', op: 'contains', value: 'vip' }] })).toEqual(['Ann', 'fay', 'Kim']);
      expect(await f({ and: [{ field: 'firstName', op: 'in', value: ['ann', 'BOB', 'zed'] }] })).toEqual(['Ann', 'bob']);
      expect(
        await f({
          or: [
            { field: 'lastName', op: 'eq', value: 'same' },
            {
              and: [
                { field: 'lifecycleStage', op: 'eq', value: 'lead' },
                { field: 'firstName', op: 'lt', value: 'c' },
              ],
            },
          ],
        }),
      ).toEqual(['Ann', 'bob', 'dee', 'Gus', 'jon', 'Max']);
      expect(
        await f({
          and: [
            { field: 'ownerId', op: 'eq', value: 'me' },
            { field: 'firstName', op: 'neq', value: 'ann' },
          ],
        }),
      ).toHaveLength(14);
      expect(await f({ and: [{ field: 'createdAt', op: 'gte', value: '2000-01-01T00:00:00Z' }] })).toHaveLength(15);
    });

    it('returns totals (exact when small) and only the requested fields', async () => {
      const res = await list(ws, 'contacts', {
        total: 'true',
        limit: '2',
        fields: 'firstName,email',
        filter: JSON.stringify({ and: [{ field: 'lifecycleStage', op: 'eq', value: 'lead' }] }),
      });
      expect(res.body.total).toEqual({ count: 7, estimated: false });
      expect(Object.keys(res.body.data[0]).sort()).toEqual(['email', 'firstName', 'id']);
    });

    it('aggregates per group', async () => {
      const res = await get(ws, '/api/v1/contacts/aggregate?groupBy=lifecycleStage');
      expect(res.body.data).toEqual([
        { key: 'customer', count: 8, value: null },
        { key: 'lead', count: 7, value: null },
      ]);
    });

    it.each([
      ['filter', { filter: '{"and":[{"field":"password","op":"eq","value":1}]}' }],
      ['filter', { filter: '{"and":[{"field":"firstName","op":"regex","value":"x"}]}' }],
      ['filter', { filter: 'not json' }],
      ['filter', { filter: '{"and":[{"field":"createdAt","op":"gt","value":"yesterday"}]}' }],
      ['filter', { filter: '{"and":[{"field":"custom.x\'; DROP TABLE crm.contacts; --","op":"eq","value":1}]}' }],
      ['sort', { sort: 'phone' }],
      ['sort', { sort: 'first_name; DROP TABLE crm.contacts' }],
      ['sort', { sort: 'custom.nope' }],
      ['cursor', { cursor: Buffer.from('{"s":"-createdAt","v":["x"],"i":"nope"}').toString('base64url') }],
      [
        'cursor',
        {
          sort: 'firstName',
          cursor: Buffer.from(JSON.stringify({ s: '-createdAt', v: ['2020-01-01'], i: randomUUID() })).toString('base64url'),
        },
      ],
      ['fields', { fields: 'firstName,workspace_id' }],
      ['limit', { limit: '201' }],
    ])('answers a bad %s with 400 naming it', async (param, params) => {
      const res = await list(ws, 'contacts', params as Record<string, string>);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe(param);
      expect((await su.query(`SELECT count(*)::int AS n FROM crm.contacts`)).rows[0].n).toBeGreaterThan(0);
    });
  });

  describe('deals', () => {
    it('start in the default pipeline, close when moved to Won, and emit stage_changed', async () => {
      const ws = await session();
      const company = await post(ws, '/api/v1/companies', { name: 'Globex' });
      const contact = await post(ws, '/api/v1/contacts', { firstName: 'Hank', companyId: company.body.id });
      const deal = await post(ws, '/api/v1/deals', {
        name: 'Globex renewal',
        amount: '12500.5',
        currency: 'eur',
        companyId: company.body.id,
        contactIds: [contact.body.id],
      });
      expect(deal.status).toBe(201);
      expect(deal.body).toMatchObject({
        amount: '12500.50',
        currency: 'EUR',
        stageName: 'Qualification',
        status: 'open',
        probability: 10,
        contactIds: [contact.body.id],
        companyName: 'Globex',
      });
      const byContact = await list(ws, 'deals', {
        filter: JSON.stringify({ and: [{ field: 'contactIds', op: 'contains', value: contact.body.id }] }),
      });
      expect(byContact.body.data.map((d: Row) => d.id)).toEqual([deal.body.id]);
      const other = await list(ws, 'deals', {
        filter: JSON.stringify({ and: [{ field: 'contactIds', op: 'contains', value: randomUUID() }] }),
      });
      expect(other.body.data).toEqual([]);
      const pipelines = await get(ws, '/api/v1/pipelines');
      const won = pipelines.body.data[0].stages.find((s: { kind: string }) => s.kind === 'won');
      const moved = await http(crm.httpUrl, 'PATCH', `/api/v1/deals/${deal.body.id}`, { token: ws.token, body: { stageId: won.id } });
      expect(moved.body).toMatchObject({ status: 'won', stageName: won.name, probability: 100 });
      expect(moved.body.closedAt).not.toBeNull();
      const types = await eventually(async () => {
        const r = await su.query(`SELECT type FROM crm.outbox WHERE subject = $1 ORDER BY seq`, [deal.body.id]);
        return r.rows.length >= 3 ? r.rows.map((x: { type: string }) => x.type) : undefined;
      });
      expect(types).toEqual(['crm.deal.created.v1', 'crm.deal.updated.v1', 'crm.deal.stage_changed.v1']);
      const sums = await get(ws, `/api/v1/deals/aggregate?groupBy=stageId&metric=sum&field=amount`);
      expect(sums.body.data).toEqual([{ key: won.id, count: 1, value: '12500.50' }]);
      const foreignStage = await http(crm.httpUrl, 'PATCH', `/api/v1/deals/${deal.body.id}`, {
        token: ws.token,
        body: { stageId: randomUUID() },
      });
      expect(foreignStage.body.errors[0].field).toBe('stageId');
      const foreignContact = await post(ws, '/api/v1/deals', { name: 'X', contactIds: [randomUUID()] });
      expect(foreignContact.body.errors[0].field).toBe('contactIds');
    });
  });

  describe('bulk', () => {
    it('tags, assigns and deletes inline; a filter runs as a job with progress', async () => {
      const ws = await session();
      const manager = await session('manager', ws.workspaceId);
      const member = await session('member', ws.workspaceId);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await post(ws, '/api/v1/contacts', { firstName: `Bulk${i}`, tags: ['old'] })).body.id);
      const tagged = await post(ws, '/api/v1/contacts/bulk', { action: 'tag', ids: ids.slice(0, 3), tags: ['new'] });
      expect(tagged.body).toEqual({ affected: 3 });
      expect((await get(ws, `/api/v1/contacts/${ids[0]}`)).body.tags).toEqual(['old', 'new']);
      const owner = randomUUID();
      expect((await post(ws, '/api/v1/contacts/bulk', { action: 'assign', ids: [...ids, randomUUID()], ownerId: owner })).body).toEqual({
        affected: 6,
      });
      expect((await post(member, '/api/v1/contacts/bulk', { action: 'delete', ids })).status).toBe(403);
      expect((await post(ws, '/api/v1/contacts/bulk', { action: 'tag', ids: Array(1001).fill(ids[0]) })).body.errors[0].field).toBe('ids');

      const job = await post(manager, '/api/v1/contacts/bulk', {
        action: 'delete',
        filter: { and: [{ field: 'tags', op: 'contains', value: 'new' }] },
      });
      expect(job.body).toMatchObject({ status: 'queued' });
      const done = await eventually(async () => {
        const res = await get(manager, `/api/v1/contacts/bulk/${job.body.jobId}`);
        return res.body.status === 'completed' ? res.body : undefined;
      });
      expect(done).toMatchObject({ total: 3, processed: 3, result: { affected: 3 } });
      expect((await list(ws, 'contacts', { limit: '200' })).body.data).toHaveLength(3);
      expect((await get(b, `/api/v1/contacts/bulk/${job.body.jobId}`)).status).toBe(404);
    });
  });

  describe('gRPC crm.v1.RecordService', () => {
    it('serves companies and deals to their workspace only, and logs activities and tasks once per idempotency key', async () => {
      const company = await post(a, '/api/v1/companies', { name: 'Grpc Co', domain: 'grpc.example' });
      const deal = await post(a, '/api/v1/deals', { name: 'Grpc deal', amount: 10, companyId: company.body.id });
      const client = new GrpcClient({
        address: `127.0.0.1:${crm.grpcPort}`,
        protoFile: 'crm/v1/record_service.proto',
        service: 'crm.v1.RecordService',
        deadlineMs: 3000,
      });
      try {
        const mine = { workspaceId: a.workspaceId };
        const got = await client.call<object, { company: { name: string; domain: string } }>(
          'getCompany',
          { companyId: company.body.id },
          mine,
        );
        expect(got.company).toMatchObject({ name: 'Grpc Co', domain: 'grpc.example' });
        const d = await client.call<object, { deal: { name: string; stageName: string; amount: string } }>(
          'getDeal',
          { dealId: deal.body.id },
          mine,
        );
        expect(d.deal).toMatchObject({ name: 'Grpc deal', stageName: 'Qualification', amount: '10.00' });
        await expect(client.call('getDeal', { dealId: deal.body.id }, { workspaceId: b.workspaceId })).rejects.toMatchObject({
          code: 'NOT_FOUND',
        });
        const log = () =>
          client.call<object, { activity: { id: string } }>(
            'logActivity',
            { idempotencyKey: 'run-1:step-2', type: 'email', subject: 'Follow-up sent', dealId: deal.body.id },
            mine,
          );
        const first = await log();
        expect((await log()).activity.id).toBe(first.activity.id);
        const task = await client.call<object, { task: { title: string; dealId: string } }>(
          'createTask',
          { idempotencyKey: 'run-1:step-3', title: 'Call back', dealId: deal.body.id },
          mine,
        );
        expect(task.task).toMatchObject({ title: 'Call back', dealId: deal.body.id });
        const timeline = await get(a, `/api/v1/activities?dealId=${deal.body.id}`);
        expect(timeline.body.data.map((x: Row) => x.id)).toEqual([first.activity.id]);
      } finally {
        client.close();
      }
    });
  });
});
