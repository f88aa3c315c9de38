import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { http, type TestService, type TestTokenIssuer } from '@meridian/platform/testing';
import { startCrmUnderTest, type CrmUnderTest } from './support/crm-under-test.js';

interface Hit {
  object: string;
  id: string;
  title: string;
  subtitle: string | null;
  score: number;
}

describe('crm global search (real Postgres, pg_trgm)', () => {
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let su: pg.Client;
  let under: CrmUnderTest;
  const wsA = randomUUID();
  const wsB = randomUUID();
  const ownerA = randomUUID();
  const memberA = randomUUID();
  let tokenA: string;
  let tokenB: string;
  let teamToken: string;
  const ids: Record<string, string> = {};

  const contact = async (
    ws: string,
    key: string,
    first: string,
    last: string,
    email: string | null,
    phone: string | null,
    owner = ownerA,
    companyId: string | null = null,
  ) => {
    ids[key] = randomUUID();
    await su.query(
      `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, phone, owner_id, company_id, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), now())`,
      [ids[key], ws, first, last, email, phone, owner, companyId],
    );
  };
  const search = async (q: string, token = tokenA, extra = '') => {
    const res = await http(crm.httpUrl, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`, { token });
    return res as { status: number; body: { data: Hit[]; errors?: { field: string }[] } };
  };

  beforeAll(async () => {
    under = await startCrmUnderTest();
    ({ issuer, crm, su } = under);
    tokenA = await issuer.sign({ role: 'viewer', workspaceId: wsA, userId: ownerA });
    tokenB = await issuer.sign({ role: 'owner', workspaceId: wsB });
    teamToken = await issuer.sign({ role: 'member', workspaceId: wsA, userId: memberA, recordVisibility: 'team' });

    const acme = randomUUID();
    ids.acme = acme;
    await su.query(`INSERT INTO crm.companies (id, workspace_id, name, domain, owner_id) VALUES ($1, $2, 'Acme Robotics', 'acme.io', $3)`, [
      acme,
      wsA,
      ownerA,
    ]);
    await su.query(`INSERT INTO crm.companies (id, workspace_id, name, domain, owner_id) VALUES ($1, $2, 'Globex', 'globex.com', $3)`, [
      randomUUID(),
      wsA,
      ownerA,
    ]);
    await contact(wsA, 'john', 'John', 'Smith', 'john.smith@acme.io', '+14155550123', ownerA, acme);
    await contact(wsA, 'johanna', 'Johanna', 'Smithers', 'jo@example.com', null);
    await contact(wsA, 'jane', 'Jane', 'Doe', 'jane@example.com', '+442079460958');
    await contact(wsA, 'katherine', 'Katherine', 'Hernandez', 'k.hernandez@example.com', null);
    await contact(wsA, 'percent', 'Per%cent', 'Under_score', 'odd\\name@example.com', null);
    await contact(wsA, 'memberOwn', 'Marta', 'Mine', 'marta@example.com', null, memberA);
    for (let i = 0; i < 30; i++) await contact(wsA, `filler${i}`, `Person${i}`, `Filler`, `p${i}@example.com`, null);
    await contact(wsB, 'johnB', 'John', 'Smith', 'john.smith@other.example', '+14155550123');

    const pipeline = randomUUID();
    const stage = randomUUID();
    await su.query(`INSERT INTO crm.pipelines (id, workspace_id, name, is_default) VALUES ($1, $2, 'Sales', true)`, [pipeline, wsA]);
    await su.query(
      `INSERT INTO crm.pipeline_stages (id, workspace_id, pipeline_id, name, position, probability) VALUES ($1, $2, $3, 'Proposal', 0, 50)`,
      [stage, wsA, pipeline],
    );
    ids.deal = randomUUID();
    await su.query(
      `INSERT INTO crm.deals (id, workspace_id, name, amount, pipeline_id, stage_id, owner_id) VALUES ($1, $2, 'Acme renewal 2027', 12500, $3, $4, $5)`,
      [ids.deal, wsA, pipeline, stage, ownerA],
    );
  });

  afterAll(async () => {
    await under?.close();
  });

  it('finds a contact by name prefix, ranking exact matches first, with title and subtitle', async () => {
    const res = await search('john');
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toEqual({
      object: 'contacts',
      id: ids.john,
      title: 'John Smith',
      subtitle: 'john.smith@acme.io · Acme Robotics',
      score: 1,
    });
    expect(res.body.data.map((h) => h.id)).toContain(ids.johanna);
    const johanna = res.body.data.find((h) => h.id === ids.johanna)!;
    expect(johanna.score).toBeLessThan(1);
  });

  it('is typo tolerant ("jonh smth" finds John Smith, "katherin hernandes" finds Katherine Hernandez)', async () => {
    expect((await search('jonh smth')).body.data.map((h) => h.id)).toContain(ids.john);
    const kat = await search('katherin hernandes');
    expect(kat.body.data[0]?.id).toBe(ids.katherine);
  });

  it('corrects typed words against the name dictionary, which follows inserts and renames', async () => {
    expect((await search('hernandes.katherin77')).body.data[0]?.id).toBe(ids.katherine);
    await su.query(`UPDATE crm.contacts SET last_name = 'Vaughan' WHERE id = $1`, [ids.jane]);
    expect((await search('jane vaugahn')).body.data[0]?.id).toBe(ids.jane);
    const words = await su.query(`SELECT word FROM crm.search_words WHERE workspace_id = $1 AND word IN ('vaughan', 'smith')`, [wsA]);
    expect(words.rows.map((r: { word: string }) => r.word).sort()).toEqual(['smith', 'vaughan']);
  });

  it('finds people by email, email prefix and phone digits in any format', async () => {
    expect((await search('jane@example.com')).body.data[0]).toMatchObject({ id: ids.jane, score: 1 });
    expect((await search('k.hern')).body.data[0]?.id).toBe(ids.katherine);
    expect((await search('+1 (415) 555-0123')).body.data[0]).toMatchObject({ id: ids.john, score: 1 });
    expect((await search('4155550123')).body.data.map((h) => h.id)).toContain(ids.john);
    expect((await search('2079460958')).body.data.map((h) => h.id)).toContain(ids.jane);
  });

  it('finds companies by name and domain and deals by name, and filters by object', async () => {
    const acme = await search('acme');
    expect(acme.body.data.map((h) => h.object)).toEqual(expect.arrayContaining(['companies', 'deals']));
    expect(acme.body.data.find((h) => h.object === 'companies')).toMatchObject({
      id: ids.acme,
      title: 'Acme Robotics',
      subtitle: 'acme.io',
    });
    expect(acme.body.data.find((h) => h.object === 'deals')).toMatchObject({ id: ids.deal, subtitle: 'Proposal · 12500.00 USD' });
    expect((await search('globex.com')).body.data[0]).toMatchObject({ object: 'companies', title: 'Globex', score: 1 });
    expect((await search('acme robtics')).body.data[0]).toMatchObject({ id: ids.acme });
    const onlyDeals = await search('acme', tokenA, '&objects=deals');
    expect(onlyDeals.body.data.map((h) => h.object)).toEqual(['deals']);
  });

  it('caps limit and validates parameters', async () => {
    expect((await search('filler', tokenA, '&limit=5')).body.data).toHaveLength(5);
    expect((await search('filler', tokenA, '&limit=500')).status).toBe(400);
    expect((await search('filler', tokenA, '&objects=users')).body.errors?.[0]?.field).toBe('objects');
    const empty = await search('   ');
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.[0]?.field).toBe('q');
  });

  it("never returns another workspace's records", async () => {
    const b = await search('john smith', tokenB);
    expect(b.body.data.map((h) => h.id)).toEqual([ids.johnB]);
    const a = await search('john smith');
    expect(a.body.data.map((h) => h.id)).not.toContain(ids.johnB);
    expect((await search('other.example')).body.data.map((h) => h.id)).not.toContain(ids.johnB);
    expect((await search('+14155550123')).body.data.map((h) => h.id)).toEqual([ids.john]);
  });

  it("applies 'team' visibility: a member sees only records they own", async () => {
    const res = await search('ma', teamToken);
    expect(res.body.data.map((h) => h.id)).toEqual([ids.memberOwn]);
    expect((await search('john', teamToken)).body.data).toEqual([]);
  });

  it('treats quotes, wildcards, backslashes, unicode and long strings as plain text (quality case 10)', async () => {
    const inputs = [
      "'; DROP TABLE crm.contacts; --",
      "' OR '1'='1",
      '%',
      '_',
      '%%%',
      '\\',
      '\\%',
      'a\\',
      '"quoted"',
      'Zoë Ünïcödé 😀',
      '\u0000',
      'x'.repeat(200),
      '$1',
      '<% >%',
    ];
    for (const q of inputs) {
      const res = await search(q);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) for (const hit of res.body.data) expect(hit.id).not.toBe(ids.johnB);
    }
    // Wildcards are literal: only the contact whose name holds a '%' (or '_', '\\') is a prefix
    // match (score >= 0.95); "Person…" may follow as a weaker trigram match.
    const prefixMatches = async (q: string) => (await search(q)).body.data.filter((h) => h.score >= 0.95).map((h) => h.id);
    expect(await prefixMatches('per%')).toEqual([ids.percent]);
    expect(await prefixMatches('under_')).toEqual([ids.percent]);
    expect(await prefixMatches('odd\\n')).toEqual([ids.percent]);
    expect(await prefixMatches('p_')).toEqual([]);
    const long = await search('y'.repeat(1000));
    expect(long.status).toBe(400);
    expect(long.body.errors?.[0]?.field).toBe('q');
    const count = await su.query(`SELECT count(*)::int AS n FROM crm.contacts`);
    expect(count.rows[0].n).toBeGreaterThan(30);
  });

  it('needs a token', async () => {
    expect((await http(crm.httpUrl, 'GET', '/api/v1/search?q=john')).status).toBe(401);
  });
});
