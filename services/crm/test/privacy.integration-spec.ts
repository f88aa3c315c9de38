import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { http, type TestService, type TestTokenIssuer } from '@meridian/platform/testing';
import { startCrmUnderTest, type CrmUnderTest } from './support/crm-under-test.js';

const sha = (v: string) => createHash('sha256').update(v).digest('hex');

/**
 * GDPR erasure and subject export in crm (quality case 20, crm part). The analytics and
 * workflow consumers of crm.contact.erased.v1 have their own suites.
 */
describe('crm privacy: erase a person, export their data', () => {
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let su: pg.Client;
  let under: CrmUnderTest;
  const ws = randomUUID();
  const other = randomUUID();
  const admin = randomUUID();
  let adminToken: string;
  let otherToken: string;
  let managerToken: string;
  let pipeline: string;
  let stage: string;

  const one = async (sql: string, params: unknown[] = []) => (await su.query(sql, params)).rows[0];
  const count = async (sql: string, params: unknown[] = []) => Number((await su.query(sql, params)).rows[0].n);

  /** A person with a company, a deal, activities and tasks: some only theirs, some shared. */
  async function seedPerson(workspaceId = ws) {
    const person = randomUUID();
    const company = randomUUID();
    const deal = randomUUID();
    await su.query(`INSERT INTO crm.companies (id, workspace_id, name, domain) VALUES ($1, $2, 'Initech', $3)`, [
      company,
      workspaceId,
      `initech-${person.slice(0, 8)}.com`,
    ]);
    await su.query(
      `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, emails, phone, phones, company_id, owner_id)
       VALUES ($1, $2, 'Peter', 'Gibbons', $3, $4, '+14155550100', '{+14155550199}', $5, $6)`,
      [person, workspaceId, `peter-${person.slice(0, 8)}@initech.com`, [`Peter.Home-${person.slice(0, 8)}@Example.com`], company, admin],
    );
    await su.query(`INSERT INTO crm.deals (id, workspace_id, name, pipeline_id, stage_id) VALUES ($1, $2, 'TPS reports', $3, $4)`, [
      deal,
      workspaceId,
      workspaceId === ws ? pipeline : await otherPipeline(workspaceId),
      workspaceId === ws ? stage : await otherStage(workspaceId),
    ]);
    await su.query(`INSERT INTO crm.deal_contacts (workspace_id, deal_id, contact_id) VALUES ($1, $2, $3)`, [workspaceId, deal, person]);
    const act = (subject: string, companyId: string | null, dealId: string | null) =>
      su.query(
        `INSERT INTO crm.activities (id, workspace_id, type, subject, body, contact_id, company_id, deal_id) VALUES ($1, $2, 'call', $3, 'personal words', $4, $5, $6) RETURNING id`,
        [randomUUID(), workspaceId, subject, person, companyId, dealId],
      );
    const onlyTheirs = (await act('Only Peter', null, null)).rows[0].id as string;
    const shared = (await act('Peter and Initech', company, null)).rows[0].id as string;
    const task = (title: string, companyId: string | null, dealId: string | null) =>
      su.query(
        `INSERT INTO crm.tasks (id, workspace_id, title, notes, contact_id, company_id, deal_id) VALUES ($1, $2, $3, 'notes', $4, $5, $6) RETURNING id`,
        [randomUUID(), workspaceId, title, person, companyId, dealId],
      );
    const ownTask = (await task('Call Peter', null, null)).rows[0].id as string;
    const dealTask = (await task('Send Peter the TPS cover sheet', null, deal)).rows[0].id as string;
    return { person, company, deal, onlyTheirs, shared, ownTask, dealTask };
  }
  const pipelines = new Map<string, [string, string]>();
  async function ensurePipeline(workspaceId: string): Promise<[string, string]> {
    const known = pipelines.get(workspaceId);
    if (known) return known;
    const p = randomUUID();
    const s = randomUUID();
    await su.query(`INSERT INTO crm.pipelines (id, workspace_id, name, is_default) VALUES ($1, $2, 'Sales', true)`, [p, workspaceId]);
    await su.query(
      `INSERT INTO crm.pipeline_stages (id, workspace_id, pipeline_id, name, position) VALUES ($1, $2, $3, 'Qualification', 0)`,
      [s, workspaceId, p],
    );
    pipelines.set(workspaceId, [p, s]);
    return [p, s];
  }
  const otherPipeline = async (w: string) => (await ensurePipeline(w))[0];
  const otherStage = async (w: string) => (await ensurePipeline(w))[1];

  beforeAll(async () => {
    under = await startCrmUnderTest();
    ({ issuer, crm, su } = under);
    adminToken = await issuer.sign({ role: 'admin', workspaceId: ws, userId: admin });
    managerToken = await issuer.sign({ role: 'manager', workspaceId: ws });
    otherToken = await issuer.sign({ role: 'owner', workspaceId: other });
    [pipeline, stage] = await ensurePipeline(ws);
  });

  afterAll(async () => {
    await under?.close();
  });

  it('exports everything held on the person as JSON', async () => {
    const p = await seedPerson();
    const res = await http(crm.httpUrl, 'GET', `/api/v1/contacts/${p.person}/personal-data`, { token: managerToken });
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({
      id: p.person,
      firstName: 'Peter',
      lastName: 'Gibbons',
      phone: '+14155550100',
      otherPhones: ['+14155550199'],
    });
    expect(res.body.company).toMatchObject({ id: p.company, name: 'Initech' });
    expect(res.body.activities.map((a: { id: string }) => a.id).sort()).toEqual([p.onlyTheirs, p.shared].sort());
    expect(res.body.activities[0]).toHaveProperty('body', 'personal words');
    expect(res.body.tasks.map((t: { id: string }) => t.id).sort()).toEqual([p.ownTask, p.dealTask].sort());
    expect(res.body.deals).toEqual([expect.objectContaining({ id: p.deal, name: 'TPS reports', stageName: 'Qualification' })]);
  });

  it('erases the person: contact, own activities and tasks gone, shared ones stripped, addresses suppressed, event recorded', async () => {
    const p = await seedPerson();
    await su.query(`UPDATE crm.contacts SET last_name = 'Bolton' WHERE id = $1`, [p.person]);
    const contact = await one(`SELECT email, emails FROM crm.contacts WHERE id = $1`, [p.person]);
    const res = await http(crm.httpUrl, 'POST', `/api/v1/contacts/${p.person}/erase`, { token: adminToken });
    expect(res.status).toBe(204);

    expect(await count(`SELECT count(*) n FROM crm.contacts WHERE id = $1`, [p.person])).toBe(0);
    expect(await count(`SELECT count(*) n FROM crm.activities WHERE id = $1`, [p.onlyTheirs])).toBe(0);
    expect(await one(`SELECT contact_id, company_id, subject, body FROM crm.activities WHERE id = $1`, [p.shared])).toEqual({
      contact_id: null,
      company_id: p.company,
      subject: null,
      body: null,
    });
    expect(await count(`SELECT count(*) n FROM crm.tasks WHERE id = $1`, [p.ownTask])).toBe(0);
    const task = await one(`SELECT contact_id, deal_id, title, notes FROM crm.tasks WHERE id = $1`, [p.dealTask]);
    expect(task).toEqual({ contact_id: null, deal_id: p.deal, title: 'Task about an erased person', notes: null });
    expect(await count(`SELECT count(*) n FROM crm.deal_contacts WHERE contact_id = $1`, [p.person])).toBe(0);
    expect(await count(`SELECT count(*) n FROM crm.deals WHERE id = $1`, [p.deal])).toBe(1);
    expect(await count(`SELECT count(*) n FROM crm.companies WHERE id = $1`, [p.company])).toBe(1);
    // Nothing else in crm still names them.
    const anywhere = await count(
      `SELECT (SELECT count(*) FROM crm.activities WHERE contact_id = $1) + (SELECT count(*) FROM crm.tasks WHERE contact_id = $1) n`,
      [p.person],
    );
    expect(anywhere).toBe(0);

    // Suppressed by hash so a later import skips them (the import checks crm.suppressions).
    const hashes = (await su.query(`SELECT value_hash, kind FROM crm.suppressions WHERE workspace_id = $1`, [ws])).rows;
    expect(hashes).toEqual(
      expect.arrayContaining([
        { value_hash: sha(contact.email), kind: 'email' },
        { value_hash: sha(contact.emails[0].toLowerCase()), kind: 'email' },
        { value_hash: sha('+14155550100'), kind: 'phone' },
        { value_hash: sha('+14155550199'), kind: 'phone' },
      ]),
    );
    expect(JSON.stringify(hashes)).not.toContain('initech.com');

    // The search dictionary forgets a name word no one else has, and keeps a shared one.
    const words = await su.query(`SELECT word FROM crm.search_words WHERE workspace_id = $1 AND word IN ('bolton', 'peter')`, [ws]);
    expect(words.rows.map((r: { word: string }) => r.word)).toEqual(['peter']);

    const event = await one(`SELECT type, envelope FROM crm.outbox WHERE subject = $1 AND type = 'crm.contact.erased.v1'`, [p.person]);
    expect(event.envelope).toMatchObject({ workspaceId: ws, subject: p.person, data: { contactId: p.person } });

    expect((await http(crm.httpUrl, 'GET', `/api/v1/contacts/${p.person}/personal-data`, { token: adminToken })).status).toBe(404);
    expect((await http(crm.httpUrl, 'POST', `/api/v1/contacts/${p.person}/erase`, { token: adminToken })).status).toBe(404);
  });

  it('gives another workspace a 404 identical to a missing id, and erases nothing there', async () => {
    const p = await seedPerson();
    const cross = await http(crm.httpUrl, 'POST', `/api/v1/contacts/${p.person}/erase`, { token: otherToken });
    const missing = await http(crm.httpUrl, 'POST', `/api/v1/contacts/${randomUUID()}/erase`, { token: otherToken });
    expect(cross.status).toBe(404);
    const strip = (b: { instance?: string }) => ({ ...b, instance: undefined });
    expect(strip(cross.body)).toEqual(strip(missing.body));
    expect((await http(crm.httpUrl, 'GET', `/api/v1/contacts/${p.person}/personal-data`, { token: otherToken })).status).toBe(404);
    expect(await count(`SELECT count(*) n FROM crm.contacts WHERE id = $1`, [p.person])).toBe(1);
    expect(await count(`SELECT count(*) n FROM crm.suppressions WHERE workspace_id = $1`, [other])).toBe(0);
  });

  it("hides a person a 'team' member does not own, and needs records.erase / records.export", async () => {
    const p = await seedPerson();
    const team = await issuer.sign({ role: 'admin', workspaceId: ws, userId: randomUUID(), recordVisibility: 'team' });
    expect((await http(crm.httpUrl, 'POST', `/api/v1/contacts/${p.person}/erase`, { token: team })).status).toBe(404);
    expect((await http(crm.httpUrl, 'GET', `/api/v1/contacts/${p.person}/personal-data`, { token: team })).status).toBe(404);
    expect((await http(crm.httpUrl, 'POST', `/api/v1/contacts/${p.person}/erase`, { token: managerToken })).status).toBe(403);
    const member = await issuer.sign({ role: 'member', workspaceId: ws });
    expect((await http(crm.httpUrl, 'GET', `/api/v1/contacts/${p.person}/personal-data`, { token: member })).status).toBe(403);
    expect((await http(crm.httpUrl, 'POST', `/api/v1/contacts/not-a-uuid/erase`, { token: adminToken })).status).toBe(400);
    expect(await count(`SELECT count(*) n FROM crm.contacts WHERE id = $1`, [p.person])).toBe(1);
  });
});
