import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { http, type TestService, type TestTokenIssuer } from '@meridian/platform/testing';
import { startCrmUnderTest, type CrmUnderTest } from './support/crm-under-test.js';

interface Pair {
  id: string;
  object: string;
  reason: string;
  score: number;
  records: { id: string; firstName?: string; name?: string }[];
}

describe('crm duplicates and merge (real Postgres)', () => {
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let su: pg.Client;
  let under: CrmUnderTest;
  let ws: string;
  let token: string;
  const owner = randomUUID();

  const contact = async (values: Record<string, unknown>, workspaceId = ws) => {
    const id = randomUUID();
    const row = { first_name: '', last_name: '', owner_id: owner, ...values };
    const cols = Object.keys(row);
    await su.query(
      `INSERT INTO crm.contacts (id, workspace_id, ${cols.join(', ')}) VALUES ($1, $2, ${cols.map((_, i) => `$${i + 3}`).join(', ')})`,
      [id, workspaceId, ...Object.values(row)],
    );
    return id;
  };
  const company = async (name: string, domain: string | null, workspaceId = ws) => {
    const id = randomUUID();
    await su.query(`INSERT INTO crm.companies (id, workspace_id, name, domain, owner_id) VALUES ($1, $2, $3, $4, $5)`, [
      id,
      workspaceId,
      name,
      domain,
      owner,
    ]);
    return id;
  };
  const pairs = async (object: 'contacts' | 'companies', query = '', t = token) =>
    http(crm.httpUrl, 'GET', `/api/v1/${object}/duplicates${query}`, { token: t }) as Promise<{
      status: number;
      body: { data: Pair[]; nextCursor: string | null };
    }>;
  const key = (a: string, b: string) => [a, b].sort().join(':');

  beforeAll(async () => {
    under = await startCrmUnderTest();
    ({ issuer, crm, su } = under);
  });
  beforeEach(async () => {
    ws = randomUUID();
    token = await issuer.sign({ role: 'manager', workspaceId: ws, userId: owner });
  });
  afterAll(async () => {
    await under?.close();
  });

  it('suggests pairs by email (incl. other emails), phone and similar name in the same company, scored and explained', async () => {
    const acme = await company('Acme', 'acme.io');
    const a = await contact({ first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com' });
    const b = await contact({ first_name: 'A.', last_name: 'Lovelace', email: 'countess@example.com', emails: ['ada@example.com'] });
    const c = await contact({ first_name: 'Grace', last_name: 'Hopper', phone: '+14155550100' });
    const d = await contact({ first_name: 'G', last_name: 'H', phones: ['+14155550100'] });
    const e = await contact({ first_name: 'Katherine', last_name: 'Johnson', company_id: acme });
    const f = await contact({ first_name: 'Katherin', last_name: 'Johnson', company_id: acme });
    await contact({ first_name: 'Katherine', last_name: 'Johnson' }); // same name, no company: not suggested
    await contact({ first_name: 'Nobody', last_name: 'Else', email: 'nobody@example.com' });

    const res = await pairs('contacts');
    expect(res.status).toBe(200);
    const byKey = new Map(res.body.data.map((p) => [p.id, p]));
    expect(res.body.data).toHaveLength(3);
    expect(byKey.get(key(a, b))).toMatchObject({ object: 'contacts', reason: 'email', score: 1 });
    expect(byKey.get(key(c, d))).toMatchObject({ reason: 'phone', score: 0.9 });
    const name = byKey.get(key(e, f))!;
    expect(name.reason).toBe('name_company');
    expect(name.score).toBeGreaterThan(0.7);
    expect(name.score).toBeLessThan(0.9);
    expect(name.records.map((r) => r.id).sort()).toEqual([e, f].sort());
    expect(res.body.data.map((p) => p.score)).toEqual([...res.body.data.map((p) => p.score)].sort((x, y) => y - x));
  });

  it('pages with a keyset cursor, leaves dismissed pairs out, and rejects a forged cursor', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const x = await contact({ first_name: `P${i}`, email: `same${i}@example.com` });
      const y = await contact({ first_name: `Q${i}`, email: `same${i}@example.com` });
      made.push(key(x, y));
    }
    const first = await pairs('contacts', '?limit=2');
    const second = await pairs('contacts', `?limit=2&cursor=${first.body.nextCursor}`);
    const third = await pairs('contacts', `?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.nextCursor).toBeNull();
    const seen = [...first.body.data, ...second.body.data, ...third.body.data].map((p) => p.id);
    expect(seen.sort()).toEqual([...made].sort());

    const [x, y] = made[0]!.split(':') as [string, string];
    const dismiss = await http(crm.httpUrl, 'POST', '/api/v1/contacts/duplicates/dismiss', { token, body: { ids: [y, x] } });
    expect(dismiss.status).toBe(204);
    const after = await pairs('contacts', '?limit=100');
    expect(after.body.data.map((p) => p.id)).not.toContain(made[0]);
    expect(after.body.data).toHaveLength(4);

    const forged = await pairs('contacts', '?cursor=Zm9vfGJhcg');
    expect(forged.status).toBe(400);
    expect((forged.body as unknown as { errors: { field: string }[] }).errors[0]!.field).toBe('cursor');
  });

  it('suggests companies with the same domain (ignoring www.) or the same name up to case, punctuation and legal suffix', async () => {
    const a = await company('Initech', 'initech.com');
    const b = await company('Initech Software', 'www.initech.com');
    const c = await company('Globex, Inc.', null);
    const d = await company('GLOBEX', 'globex.example');
    await company('Umbrella', 'umbrella.co');
    const res = await pairs('companies');
    const byKey = new Map(res.body.data.map((p) => [p.id, p]));
    expect(byKey.get(key(a, b))).toMatchObject({ object: 'companies', reason: 'domain', score: 1 });
    expect(byKey.get(key(c, d))).toMatchObject({ reason: 'name', score: 0.8 });
    expect(res.body.data).toHaveLength(2);
  });

  it('merges contacts: chosen values, unioned emails/phones/tags, custom merged, timeline, tasks and deal links moved, events recorded', async () => {
    const pipeline = randomUUID();
    const stage = randomUUID();
    await su.query(`INSERT INTO crm.pipelines (id, workspace_id, name) VALUES ($1, $2, 'Sales')`, [pipeline, ws]);
    await su.query(`INSERT INTO crm.pipeline_stages (id, workspace_id, pipeline_id, name, position) VALUES ($1, $2, $3, 'Open', 0)`, [
      stage,
      ws,
      pipeline,
    ]);
    const shared = randomUUID();
    const onlyDup = randomUUID();
    for (const deal of [shared, onlyDup]) {
      await su.query(`INSERT INTO crm.deals (id, workspace_id, name, pipeline_id, stage_id) VALUES ($1, $2, 'Deal', $3, $4)`, [
        deal,
        ws,
        pipeline,
        stage,
      ]);
    }
    const primary = await contact({
      first_name: 'Ada',
      last_name: '',
      email: 'ada@example.com',
      title: null,
      tags: ['vip'],
      custom: { tier: 'gold' },
    });
    const dup = await contact({
      first_name: 'Augusta Ada',
      last_name: 'King',
      email: 'countess@example.com',
      emails: ['ADA.KING@example.com'],
      phone: '+442079460958',
      title: 'Countess',
      tags: ['math', 'vip'],
      custom: { tier: 'silver', region: 'UK' },
      last_activity_at: new Date('2026-01-02T03:04:05Z'),
    });
    await su.query(`INSERT INTO crm.deal_contacts (workspace_id, deal_id, contact_id) VALUES ($1, $2, $3), ($1, $2, $4), ($1, $5, $4)`, [
      ws,
      shared,
      primary,
      dup,
      onlyDup,
    ]);
    const activity = randomUUID();
    await su.query(
      `INSERT INTO crm.activities (id, workspace_id, type, subject, contact_id) VALUES ($1, $2, 'note', 'met at the ball', $3)`,
      [activity, ws, dup],
    );
    const task = randomUUID();
    await su.query(`INSERT INTO crm.tasks (id, workspace_id, title, contact_id) VALUES ($1, $2, 'send notes', $3)`, [task, ws, dup]);

    const res = await http(crm.httpUrl, 'POST', '/api/v1/contacts/merge', {
      token,
      body: { primaryId: primary, duplicateIds: [dup], fieldChoices: { firstName: dup, 'custom.tier': dup } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: primary,
      firstName: 'Augusta Ada', // chosen
      lastName: 'King', // primary's was empty
      email: 'ada@example.com', // primary's
      phone: '+442079460958',
      title: 'Countess',
      custom: { tier: 'silver', region: 'UK' },
      lastActivityAt: '2026-01-02T03:04:05.000Z',
    });
    expect([...res.body.otherEmails].sort()).toEqual(['ada.king@example.com', 'countess@example.com']);
    expect([...res.body.tags].sort()).toEqual(['math', 'vip']);

    const q = async (sql: string, params: unknown[]) => (await su.query(sql, params)).rows;
    expect(await q(`SELECT id FROM crm.contacts WHERE id = $1`, [dup])).toEqual([]);
    expect(await q(`SELECT contact_id FROM crm.activities WHERE id = $1`, [activity])).toEqual([{ contact_id: primary }]);
    expect(await q(`SELECT contact_id FROM crm.tasks WHERE id = $1`, [task])).toEqual([{ contact_id: primary }]);
    const links = await q(`SELECT deal_id FROM crm.deal_contacts WHERE contact_id = $1 ORDER BY deal_id`, [primary]);
    expect(links.map((l: { deal_id: string }) => l.deal_id)).toEqual([shared, onlyDup].sort());

    const events = await q(`SELECT type, subject, envelope FROM crm.outbox WHERE workspace_id = $1 ORDER BY seq`, [ws]);
    const updated = events.find((e: { type: string }) => e.type === 'crm.contact.updated.v1');
    expect(updated.subject).toBe(primary);
    const changed = updated.envelope.data.changes.map((c: { field: string }) => c.field);
    expect(changed).toEqual(expect.arrayContaining(['firstName', 'lastName', 'otherEmails', 'phone', 'title', 'tags', 'custom']));
    expect(changed).not.toContain('email');
    const deleted = events.find((e: { type: string }) => e.type === 'crm.contact.deleted.v1');
    expect(deleted.envelope.data).toEqual({ contactId: dup, mergedIntoId: primary });
  });

  it('merges companies: people, deals and timeline move to the primary, whose domain may come from the duplicate', async () => {
    const primary = await company('Initech', null);
    const dup = await company('Initech LLC', 'initech.com');
    const person = await contact({ first_name: 'Peter', company_id: dup });
    const res = await http(crm.httpUrl, 'POST', '/api/v1/companies/merge', { token, body: { primaryId: primary, duplicateIds: [dup] } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: primary, name: 'Initech', domain: 'initech.com' });
    expect((await su.query(`SELECT company_id FROM crm.contacts WHERE id = $1`, [person])).rows[0].company_id).toBe(primary);
    expect((await su.query(`SELECT count(*)::int n FROM crm.companies WHERE id = $1`, [dup])).rows[0].n).toBe(0);
    const deleted = (await su.query(`SELECT envelope FROM crm.outbox WHERE subject = $1`, [dup])).rows[0].envelope;
    expect(deleted).toMatchObject({ type: 'crm.company.deleted.v1', data: { companyId: dup, mergedIntoId: primary } });
  });

  it("refuses what the caller cannot see: another workspace's or another owner's record is a 404 and nothing changes", async () => {
    const other = randomUUID();
    const mine = await contact({ first_name: 'Mine', email: 'x@example.com' });
    const theirs = await contact({ first_name: 'Theirs', email: 'x@example.com' }, other);
    const cross = await http(crm.httpUrl, 'POST', '/api/v1/contacts/merge', { token, body: { primaryId: mine, duplicateIds: [theirs] } });
    expect(cross.status).toBe(404);
    expect((await su.query(`SELECT count(*)::int n FROM crm.contacts WHERE id = $1`, [theirs])).rows[0].n).toBe(1);
    expect((await http(crm.httpUrl, 'POST', '/api/v1/contacts/duplicates/dismiss', { token, body: { ids: [mine, theirs] } })).status).toBe(
      404,
    );
    expect((await pairs('contacts')).body.data).toEqual([]);

    const someoneElse = await contact({ first_name: 'Colleague', email: 'x@example.com', owner_id: randomUUID() });
    const team = await issuer.sign({ role: 'manager', workspaceId: ws, userId: owner, recordVisibility: 'team' });
    expect(
      (await http(crm.httpUrl, 'POST', '/api/v1/contacts/merge', { token: team, body: { primaryId: mine, duplicateIds: [someoneElse] } }))
        .status,
    ).toBe(404);
    expect((await pairs('contacts', '', team)).body.data).toEqual([]);
    expect((await pairs('contacts')).body.data.map((p) => p.id)).toEqual([key(mine, someoneElse)]);

    const member = await issuer.sign({ role: 'member', workspaceId: ws, userId: owner });
    expect(
      (await http(crm.httpUrl, 'POST', '/api/v1/contacts/merge', { token: member, body: { primaryId: mine, duplicateIds: [someoneElse] } }))
        .status,
    ).toBe(403);
  });

  it('validates merge bodies, naming each field', async () => {
    const a = await contact({ first_name: 'A' });
    const b = await contact({ first_name: 'B' });
    const self = await http(crm.httpUrl, 'POST', '/api/v1/contacts/merge', { token, body: { primaryId: a, duplicateIds: [a] } });
    expect(self.status).toBe(400);
    expect(self.body.errors[0].field).toBe('duplicateIds');
    const badChoice = await http(crm.httpUrl, 'POST', '/api/v1/contacts/merge', {
      token,
      body: { primaryId: a, duplicateIds: [b], fieldChoices: { firstName: randomUUID(), workspaceId: b } },
    });
    expect(badChoice.status).toBe(400);
    expect(badChoice.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'fieldChoices.firstName',
      'fieldChoices.workspaceId',
    ]);
    expect((await su.query(`SELECT count(*)::int n FROM crm.contacts WHERE id = ANY($1)`, [[a, b]])).rows[0].n).toBe(2);
  });
});
