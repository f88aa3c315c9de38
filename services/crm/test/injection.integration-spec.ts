import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { http, type TestService, type TestTokenIssuer } from '@meridian/platform/testing';
import { companyDefinition } from '../src/companies/company.definition.js';
import { contactDefinition } from '../src/contacts/contact.definition.js';
import { dealDefinition } from '../src/deals/deal.definition.js';
import { FILTER_OPS } from '../src/records/filter.js';
import { startCrmUnderTest, type CrmUnderTest } from './support/crm-under-test.js';

/**
 * quality.md case 10 for crm: SQL-injection-style and odd input through every filter
 * field/op/value, sort, fields, cursor, custom field key, aggregate groupBy/field, search q,
 * tasks tz and export body is answered 200 or 4xx problem+json (never 500), and leaves every
 * crm table exactly as it was. Custom field keys are bound as parameters, never spliced.
 */

type Json = Record<string, unknown>;

/** mulberry32: a small seeded PRNG, so a failing case can be replayed with FUZZ_SEED. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY: readonly string[] = [
  "'",
  "''",
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE crm.contacts; --",
  "'); DELETE FROM crm.deals; --",
  '"; DROP TABLE crm.companies; --',
  '") OR ("1"="1',
  '--',
  ';',
  '/*',
  '*/',
  '%',
  '%%',
  '_',
  '%_%',
  '\\',
  "\\'",
  '\\\\%',
  '$1',
  '$$ OR $$1$$=$$1',
  '::text',
  'r.workspace_id',
  'workspace_id',
  '1; SELECT pg_sleep(5)',
  "' UNION SELECT id, workspace_id FROM crm.contacts --",
  'infinity',
  '-infinity',
  'epoch',
  'now',
  'allballs',
  'NaN',
  '1e309',
  '2026-02-30',
  '9999-12-31T23:59:59.999Z',
  '00000000-0000-0000-0000-000000000000',
  'Zoë Ångström',
  'Ünïcödé ✓ 😀',
  '\u202eevil',
  '\u200b',
  'ـــ',
  '\ud83d',
  'nul\u0000byte',
  'a'.repeat(2000),
  "'".repeat(2000),
  '%'.repeat(600),
  '__proto__',
  'constructor',
  'custom',
  'custom.',
  'custom..x',
  'custom.__proto__',
  "custom.x'); DROP TABLE crm.contacts; --",
  'custom.select',
  'custom.order',
  'custom.robert_drop_table_crmcontacts',
  '',
  ' ',
  '-',
  ',',
  '-createdAt,,,',
];

const OBJECTS = {
  contacts: contactDefinition,
  companies: companyDefinition,
  deals: dealDefinition,
} as const;
type ObjectName = keyof typeof OBJECTS;

describe('crm injection fuzz (real Postgres)', () => {
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let su: pg.Client;
  let under: CrmUnderTest;
  let token: string;
  const customKeys: Record<ObjectName, string[]> = { contacts: [], companies: [], deals: [] };
  const ids: Record<string, string> = {};

  const call = (method: string, path: string, body?: unknown) =>
    http(crm.httpUrl, method, path, { token, ...(body !== undefined ? { body } : {}) });
  const created = async (path: string, body: unknown): Promise<Json> => {
    const res = await call('POST', path, body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status: 201 });
    return res.body as Json;
  };
  const listOf = (object: string, params: Record<string, string>) =>
    call('GET', `/api/v1/${object}?${new URLSearchParams(params).toString()}`);

  /** A fingerprint of every crm table: row count and an md5 of its rows in id order. */
  const fingerprint = async (): Promise<Record<string, string>> => {
    const { rows } = await su.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'crm' AND table_type = 'BASE TABLE'
          AND table_name NOT IN ('outbox', 'processed_events', 'migrations') ORDER BY table_name`,
    );
    const out: Record<string, string> = {};
    for (const { table_name: t } of rows) {
      const r = await su.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM crm.${t} x`,
      );
      out[t] = `${r.rows[0].n}:${r.rows[0].h}`;
    }
    return out;
  };

  beforeAll(async () => {
    under = await startCrmUnderTest();
    ({ issuer, crm, su } = under);
    token = await issuer.sign({ role: 'owner', workspaceId: randomUUID() });

    // Custom fields whose keys are SQL words and whose label is SQL: they must only ever be bound.
    for (const object of Object.keys(OBJECTS) as ObjectName[]) {
      for (const body of [
        { key: 'select', label: 'Select', type: 'number' },
        { key: 'order', label: 'Order', type: 'text' },
        { label: "Robert'); DROP TABLE crm.contacts;--", type: 'text' },
        {
          key: 'tier',
          label: 'Tier',
          type: 'select',
          options: [
            { value: "o'brien", label: "O'Brien" },
            { value: '%', label: 'Percent' },
          ],
        },
        { key: 'renews', label: 'Renews', type: 'date' },
        { key: 'seen', label: 'Seen', type: 'datetime' },
      ]) {
        const field = await created('/api/v1/fields', { object, ...body });
        customKeys[object].push(field.key as string);
      }
    }
    expect(customKeys.contacts).toEqual(['select', 'order', 'robert_drop_table_crmcontacts', 'tier', 'renews', 'seen']);

    const company = await created('/api/v1/companies', {
      name: "O'Reilly %_\\ Media",
      domain: 'oreilly.example',
      custom: { order: "'; --" },
    });
    ids.company = company.id as string;
    const values = ['a%b', 'a_b', 'axb', 'a\\b', "a'b", "'; DROP TABLE crm.contacts; --"];
    for (const [i, v] of values.entries()) {
      const c = await created('/api/v1/contacts', {
        firstName: v,
        lastName: `L${i}`,
        email: `p${i}@example.com`,
        companyId: ids.company,
        tags: [v],
        custom: { select: i, order: v, robert_drop_table_crmcontacts: v, tier: i % 2 ? '%' : "o'brien", renews: `2027-0${i + 1}-15` },
      });
      ids[`contact${i}`] = c.id as string;
    }
    const deal = await created('/api/v1/deals', { name: "Deal ' OR 1=1", amount: 100, companyId: ids.company, custom: { select: 7 } });
    ids.deal = deal.id as string;
    await created('/api/v1/activities', { type: 'note', body: "'; DROP TABLE crm.activities; --", contactId: ids.contact0 });
    await created('/api/v1/tasks', { title: "Task '%_", dueAt: '2026-11-22T10:00:00Z', contactId: ids.contact0 });
  }, 120_000);

  afterAll(async () => {
    await under?.close();
  });

  it('binds custom field keys and values as parameters: SQL-word keys and quoted values filter and sort exactly', async () => {
    const names = async (params: Record<string, string>) => {
      const res = await listOf('contacts', { limit: '200', ...params });
      expect({ params, status: res.status }).toEqual({ params, status: 200 });
      return res.body.data.map((r: Json) => r.firstName as string);
    };
    const f = (field: string, op: string, value?: unknown) => ({
      filter: JSON.stringify({ and: [{ field, op, ...(value !== undefined ? { value } : {}) }] }),
    });
    expect(await names({ ...f('custom.select', 'gte', 4), sort: '-custom.select' })).toEqual(["'; DROP TABLE crm.contacts; --", "a'b"]);
    expect(await names({ sort: 'custom.select', limit: '3' })).toEqual(['a%b', 'a_b', 'axb']);
    expect(await names(f('custom.order', 'eq', "a'b"))).toEqual(["a'b"]);
    expect(await names(f('custom.robert_drop_table_crmcontacts', 'eq', "'; DROP TABLE crm.contacts; --"))).toEqual([
      "'; DROP TABLE crm.contacts; --",
    ]);
    expect(await names({ ...f('custom.tier', 'eq', "o'brien"), sort: 'custom.select' })).toEqual(['a%b', 'axb', "a'b"]);
    expect(await names({ ...f('custom.tier', 'in', ['%']), sort: 'custom.select' })).toEqual([
      'a_b',
      'a\\b',
      "'; DROP TABLE crm.contacts; --",
    ]);
    // LIKE wildcards and backslashes in values are literal characters.
    expect(await names(f('firstName', 'contains', '%'))).toEqual(['a%b']);
    expect(await names(f('firstName', 'contains', '_'))).toEqual(['a_b']);
    expect(await names(f('firstName', 'contains', '\\'))).toEqual(['a\\b']);
    expect(await names(f('firstName', 'startsWith', "'"))).toEqual(["'; DROP TABLE crm.contacts; --"]);
    expect(await names(f('custom.order', 'contains', '%'))).toEqual(['a%b']);
    expect(await names(f('tags', 'contains', "a'b"))).toEqual(["a'b"]);
    const sums = await call('GET', `/api/v1/contacts/aggregate?groupBy=custom.tier&metric=sum&field=custom.select`);
    expect(sums.status).toBe(200);
    expect(sums.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "o'brien", count: 3 }), expect.objectContaining({ key: '%', count: 3 })]),
    );
    const byLabel = await call('GET', '/api/v1/fields?object=contacts');
    expect(byLabel.body.data.map((d: Json) => d.label)).toContain("Robert'); DROP TABLE crm.contacts;--");
  }, 60_000);

  // Found by the fuzz below: values JavaScript accepts but Postgres cannot cast were answered 500.
  it.each([
    ['an impossible date', 'filter', { filter: JSON.stringify({ and: [{ field: 'custom.renews', op: 'eq', value: '2026-02-30' }] }) }],
    [
      'a date past year 9999',
      'filter',
      { filter: JSON.stringify({ and: [{ field: 'createdAt', op: 'gt', value: '+275760-09-13T00:00:00Z' }] }) },
    ],
    [
      'a date before year 0',
      'filter',
      { filter: JSON.stringify({ and: [{ field: 'createdAt', op: 'lt', value: '-000001-01-01T00:00:00Z' }] }) },
    ],
    ['a NUL character', 'filter', { filter: JSON.stringify({ and: [{ field: 'firstName', op: 'eq', value: 'a\u0000b' }] }) }],
    [
      'a forged cursor value',
      'cursor',
      { cursor: Buffer.from(JSON.stringify({ s: '-createdAt', v: ['not a time'], i: randomUUID() })).toString('base64url') },
    ],
    [
      'a forged numeric cursor value',
      'cursor',
      {
        sort: 'custom.select',
        cursor: Buffer.from(JSON.stringify({ s: 'custom.select', v: ["1'; --"], i: randomUUID() })).toString('base64url'),
      },
    ],
    [
      'a cursor holding a NUL character',
      'cursor',
      { sort: 'firstName', cursor: Buffer.from(JSON.stringify({ s: 'firstName', v: ['a\u0000'], i: randomUUID() })).toString('base64url') },
    ],
  ])(
    'answers %s with 400 naming %s',
    async (_what, param, params) => {
      const res = await listOf('contacts', params);
      expect({ status: res.status, fields: res.body.errors?.map((e: Json) => e.field) }).toEqual({ status: 400, fields: [param] });
    },
    60_000,
  );

  it.each([
    ['an export', '/api/v1/exports', (filter: string) => `{"object":"contacts","filter":${filter}}`],
    ['a saved view', '/api/v1/views', (filter: string) => `{"object":"contacts","name":"Deep","filter":${filter}}`],
    ['a bulk job', '/api/v1/contacts/bulk', (filter: string) => `{"action":"tag","tags":["x"],"filter":${filter}}`],
  ])(
    'answers a filter nested 5,000 deep in %s body with 400 naming filter (it overflowed the stack: 500)',
    async (_what, path, body) => {
      const res = await fetch(`${crm.httpUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body('{"or":['.repeat(5000) + ']}'.repeat(5000)),
      });
      const problem = (await res.json()) as { errors?: Json[] };
      expect({ status: res.status, fields: problem.errors?.map((e) => e.field) }).toEqual({ status: 400, fields: ['filter'] });
    },
    60_000,
  );

  // Written values reach Postgres casts too: what it would refuse must be a 400 naming the field.
  it.each([
    ['contacts', { firstName: 'Imp', custom: { renews: '2026-02-30' } }, 'custom.renews'],
    ['deals', { name: 'Imp', expectedCloseDate: '2026-02-30' }, 'expectedCloseDate'],
    ['deals', { name: 'Imp', custom: { renews: '+275760-09-13' } }, 'custom.renews'],
    ['contacts', { firstName: 'Imp', custom: { renews: '0000-01-01' } }, 'custom.renews'],
    ['contacts', { firstName: 'Imp', custom: { seen: '+275760-09-13T00:00:00.000Z' } }, 'custom.seen'],
    ['deals', { name: 'Imp', expectedCloseDate: '0000-12-31' }, 'expectedCloseDate'],
    ['tasks', { title: 'Imp', dueAt: '+275760-09-13T00:00:00.000Z' }, 'dueAt'],
    ['tasks', { title: 'Imp', dueAt: '2026-02-30T10:00:00Z' }, 'dueAt'],
    ['activities', { type: 'note', body: 'x', occurredAt: '-000001-01-01T00:00:00.000Z', contactId: 'CONTACT' }, 'occurredAt'],
  ])(
    'refuses an uncastable value written to %s with 400 naming it (%j)',
    async (object, body, field) => {
      const res = await call('POST', `/api/v1/${object}`, JSON.parse(JSON.stringify(body).replace('CONTACT', ids.contact0!)));
      expect({ status: res.status, fields: res.body.errors?.map((e: Json) => e.field) }).toEqual({ status: 400, fields: [field] });
    },
    60_000,
  );

  it('answers 300 seeded odd and injection-style requests with 200 or 4xx problem+json, and changes no table', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261122);
    const rand = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const chance = (p: number) => rand() < p;
    const before = await fingerprint();

    const fieldPool = (object: ObjectName) => [
      ...OBJECTS[object].fields.map((f) => f.key),
      ...customKeys[object].map((k) => `custom.${k}`),
      ...NASTY,
    ];
    const sortable = (object: ObjectName) => [
      ...OBJECTS[object].fields.filter((f) => f.sortExpr).map((f) => f.key),
      ...customKeys[object].map((k) => `custom.${k}`),
    ];
    const scalar = (): unknown =>
      pick<() => unknown>([
        () => pick(NASTY),
        () => pick(NASTY),
        () => pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 99999999999999999999]),
        () => pick([true, false, null]),
        () => pick(['me', randomUUID(), ids.company!, ids.contact0!, '2026-11-22', '2026-11-22T00:00:00Z']),
      ])();
    const value = (): unknown =>
      pick<() => unknown>([
        scalar,
        scalar,
        () => [scalar(), scalar()],
        () => Array.from({ length: Math.floor(rand() * 8) }, scalar),
        () => ({ $gt: scalar() }),
        () => JSON.parse('['.repeat(50) + ']'.repeat(50)) as unknown,
        () => undefined,
      ])();
    const condition = (object: ObjectName): Json => {
      const c: Json = {
        field: pick(fieldPool(object)),
        op: chance(0.9) ? pick(FILTER_OPS) : pick(['regex', 'like', '__proto__', 'eq; --', "eq'"]),
      };
      const v = value();
      if (v !== undefined) c.value = v;
      if (chance(0.05)) c.extra = pick(NASTY);
      return c;
    };
    const group = (object: ObjectName, depth: number): Json => {
      const items = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
        depth > 0 && chance(0.3) ? group(object, depth - 1) : condition(object),
      );
      return { [chance(0.5) ? 'and' : 'or']: items };
    };
    const filter = (object: ObjectName): string =>
      pick<() => string>([
        () => JSON.stringify(group(object, 2)),
        () => JSON.stringify(group(object, 2)),
        () => JSON.stringify(group(object, 6)),
        () => pick(NASTY),
        // Deep nesting (far past the depth cap) that still fits in a URL.
        () => '{"and":['.repeat(300) + ']}'.repeat(300),
        () => JSON.stringify({ and: Array.from({ length: 60 }, () => condition(object)) }),
        () => JSON.stringify({ and: [condition(object)], or: [] }),
        () => JSON.stringify([condition(object)]),
      ])();
    const sort = (object: ObjectName): string =>
      Array.from(
        { length: 1 + Math.floor(rand() * 3) },
        () => (chance(0.5) ? '-' : '') + (chance(0.7) ? pick(sortable(object)) : pick(NASTY)),
      ).join(chance(0.9) ? ',' : pick([', ', ';', ' ']));
    const cursor = (): string =>
      pick<() => string>([
        () => pick(NASTY),
        () => Buffer.from(JSON.stringify({ s: pick(NASTY), v: [pick(NASTY), scalar()], i: pick(NASTY) })).toString('base64url'),
        () => Buffer.from(JSON.stringify({ s: '-createdAt', v: [pick(NASTY)], i: randomUUID() })).toString('base64url'),
        () => Buffer.from(pick(NASTY)).toString('base64url'),
        () => Buffer.from(JSON.stringify(JSON.parse('['.repeat(100) + ']'.repeat(100)))).toString('base64url'),
      ])();

    const parsedOrRaw = (raw: string): unknown => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return raw;
      }
    };
    const objects = Object.keys(OBJECTS) as ObjectName[];
    const DEEP = '<deep>';
    const request = (): [string, string, string?] => {
      const object = pick(objects);
      const kind = pick(['list', 'list', 'list', 'list', 'aggregate', 'search', 'tasks', 'activities', 'duplicates', 'export']);
      const params: Record<string, string> = {};
      switch (kind) {
        case 'list':
          if (chance(0.8)) params.filter = filter(object);
          if (chance(0.5)) params.sort = sort(object);
          if (chance(0.3)) params.fields = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(fieldPool(object))).join(',');
          if (chance(0.3)) params.cursor = cursor();
          if (chance(0.2)) params.limit = pick(['0', '1', '200', '-1', '1e3', 'abc', "1'", '']);
          if (chance(0.2)) params.total = pick(['true', 'false', "true'"]);
          return ['GET', `/api/v1/${object}?${new URLSearchParams(params).toString()}`];
        case 'aggregate':
          params.groupBy = pick(fieldPool(object));
          params.metric = chance(0.85) ? pick(['count', 'sum', 'avg', 'min', 'max']) : pick(NASTY);
          if (chance(0.7)) params.field = pick(fieldPool(object));
          if (chance(0.4)) params.filter = filter(object);
          return ['GET', `/api/v1/${object}/aggregate?${new URLSearchParams(params).toString()}`];
        case 'search':
          params.q = pick(NASTY);
          if (chance(0.3)) params.objects = pick([...objects, ...NASTY]);
          if (chance(0.2)) params.limit = pick(['1', '50', "5'"]);
          return ['GET', `/api/v1/search?${new URLSearchParams(params).toString()}`];
        case 'tasks':
          params.tz = chance(0.7)
            ? pick(NASTY)
            : pick(['UTC', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT+12', 'posix/UTC', 'Local']);
          params.due = pick(['overdue', 'today', 'week', 'none', 'reminders', pick(NASTY)]);
          if (chance(0.3)) params.assigneeId = pick(['me', pick(NASTY)]);
          if (chance(0.3)) params.cursor = cursor();
          return ['GET', `/api/v1/tasks?${new URLSearchParams(params).toString()}`];
        case 'activities':
          params[pick(['contactId', 'companyId', 'dealId'])] = chance(0.5) ? pick([ids.contact0!, ids.company!, ids.deal!]) : pick(NASTY);
          if (chance(0.6)) params.cursor = cursor();
          return ['GET', `/api/v1/activities?${new URLSearchParams(params).toString()}`];
        case 'duplicates':
          params.cursor = cursor();
          return ['GET', `/api/v1/${pick(['contacts', 'companies'])}/duplicates?${new URLSearchParams(params).toString()}`];
        default: {
          const body: Json = { object: chance(0.9) ? object : pick(NASTY) };
          if (chance(0.7)) body.filter = parsedOrRaw(filter(object));
          // A body has room for nesting no URL has: thousands of levels deep (sent as text).
          if (chance(0.05)) body.filter = DEEP;
          if (chance(0.5)) body.sort = sort(object);
          if (chance(0.5)) body.columns = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(fieldPool(object)));
          if (chance(0.05)) return ['POST', '/api/v1/exports', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)];
          return [
            'POST',
            '/api/v1/exports',
            JSON.stringify(body).replace(JSON.stringify(DEEP), '{"or":['.repeat(5000) + ']}'.repeat(5000)),
          ];
        }
      }
    };

    const deadline = Date.now() + 60_000;
    const failures: unknown[] = [];
    let sent = 0;
    const statuses: Record<number, number> = {};
    for (let i = 0; i < 300 && Date.now() < deadline; i++) {
      const [method, path, body] = request();
      const res = await fetch(`${crm.httpUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      sent++;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const type = res.headers.get('content-type') ?? '';
      const ok =
        (res.status === 200 && (type.includes('application/json') || type.includes('text/csv'))) ||
        ([400, 404, 413, 414, 431].includes(res.status) && (type.includes('application/problem+json') || res.status >= 413));
      if (!ok)
        failures.push({
          case: i,
          seed,
          method,
          path: path.slice(0, 300),
          sent: body?.slice(0, 300),
          status: res.status,
          body: text.slice(0, 300),
        });
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(100);
    // Both outcomes were exercised: the fuzz reached the SQL layer, not only the validators.
    expect(statuses[200]).toBeGreaterThan(10);
    expect(statuses[400]).toBeGreaterThan(10);
    expect(await fingerprint()).toEqual(before);
    // And the service still answers normally.
    expect((await listOf('contacts', { limit: '200' })).body.data).toHaveLength(6);
  }, 120_000);
});
