import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { http, type TestService, type TestTokenIssuer } from '@meridian/platform/testing';
import { startCrmUnderTest, type CrmUnderTest } from './support/crm-under-test.js';

/** Booting the service (migrations included) on a busy 2-core machine takes longer than jest's 5 s hook default. */
const HOOK_TIMEOUT_MS = 120_000;
/** Per test: imports run in the service's worker and share the machine with other suites. */
const TEST_TIMEOUT_MS = 120_000;

describe('crm CSV export (real Postgres)', () => {
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let su: pg.Client;
  let under: CrmUnderTest;

  const exportCsv = async (token: string, body: unknown) => {
    const res = await fetch(`${crm.httpUrl}/api/v1/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, rows: res.status === 200 ? (parse(text, { bom: true }) as string[][]) : [] };
  };

  const create = async (token: string, body: Record<string, unknown>) => {
    const res = await http(crm.httpUrl, 'POST', '/api/v1/contacts', { token, body });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    under = await startCrmUnderTest();
    ({ issuer, crm, su } = under);
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await under?.close();
  }, HOOK_TIMEOUT_MS);

  it(
    'prefixes cells that start with = + - @ tab or CR so spreadsheets show them as text',
    async () => {
      const workspaceId = randomUUID();
      const token = await issuer.sign({ role: 'manager', workspaceId });
      await create(token, {
        firstName: '=HYPERLINK("http://evil.example","click")',
        lastName: '+SUM(1,2)',
        email: 'inject@example.com',
        title: '-2+3',
        source: '@cmd',
        tags: ['Tabbed', 'plain, with comma'],
      });
      await create(token, { firstName: 'Carriage', lastName: 'Return', email: 'cr@example.com', title: 'Safe "quoted" title' });
      // The API trims values; an imported or older record can still start with a tab or CR.
      await su.query(`UPDATE crm.contacts SET last_name = E'\\rReturn' WHERE email = 'cr@example.com'`);
      await su.query(`UPDATE crm.contacts SET tags = ARRAY[E'\\tTabbed', 'plain, with comma'] WHERE email = 'inject@example.com'`);
      const res = await exportCsv(token, {
        object: 'contacts',
        columns: ['firstName', 'lastName', 'email', 'title', 'source', 'tags'],
        sort: 'email',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/);
      expect(res.rows).toEqual([
        ['firstName', 'lastName', 'email', 'title', 'source', 'tags'],
        ['Carriage', "'\rReturn", 'cr@example.com', 'Safe "quoted" title', '', ''],
        [
          '\'=HYPERLINK("http://evil.example","click")',
          "'+SUM(1,2)",
          'inject@example.com',
          "'-2+3",
          "'@cmd",
          "'\tTabbed; plain, with comma",
        ],
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "applies filter, sort and 'team' visibility, pages through every record, and never shows another workspace's",
    async () => {
      const workspaceId = randomUUID();
      const managerId = randomUUID();
      const manager = await issuer.sign({ role: 'manager', workspaceId, userId: managerId });
      const teamManager = await issuer.sign({ role: 'manager', workspaceId, userId: randomUUID(), recordVisibility: 'team' });
      for (let i = 0; i < 450; i += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, j) =>
            create(manager, {
              firstName: `P${String(i + j).padStart(3, '0')}`,
              email: `p${i + j}@page.example`,
              lifecycleStage: (i + j) % 3 === 0 ? 'customer' : 'lead',
            }),
          ),
        );
      }
      await create(teamManager, { firstName: 'Mine', email: 'mine@page.example', lifecycleStage: 'customer' });
      const other = await issuer.sign({ role: 'owner', workspaceId: randomUUID() });
      await create(other, { firstName: 'Elsewhere', email: 'elsewhere@page.example' });

      const all = await exportCsv(manager, { object: 'contacts', columns: ['firstName', 'email'], sort: 'firstName' });
      expect(all.rows).toHaveLength(1 + 451);
      expect(all.rows[1]).toEqual(['Mine', 'mine@page.example']);
      expect(all.rows.slice(2).map((r) => r[0])).toEqual(Array.from({ length: 450 }, (_, i) => `P${String(i).padStart(3, '0')}`));
      expect(all.text).not.toContain('elsewhere');

      const customers = await exportCsv(manager, {
        object: 'contacts',
        columns: ['email', 'lifecycleStage'],
        filter: { and: [{ field: 'lifecycleStage', op: 'eq', value: 'customer' }] },
      });
      expect(customers.rows.slice(1)).toHaveLength(151);
      expect(customers.rows.slice(1).every((r) => r[1] === 'customer')).toBe(true);

      const team = await exportCsv(teamManager, { object: 'contacts', columns: ['email'] });
      expect(team.rows).toEqual([['email'], ['mine@page.example']]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'uses a saved view, answers bad requests with problem+json, and refuses roles without records.export',
    async () => {
      const workspaceId = randomUUID();
      const userId = randomUUID();
      const token = await issuer.sign({ role: 'manager', workspaceId, userId });
      await create(token, { firstName: 'Viewed', lastName: 'One', email: 'v1@view.example', lifecycleStage: 'customer' });
      await create(token, { firstName: 'Hidden', lastName: 'Two', email: 'v2@view.example', lifecycleStage: 'lead' });
      const viewId = randomUUID();
      await su.query(
        `INSERT INTO crm.views (id, workspace_id, object, name, owner_id, shared, filter, sort, columns) VALUES ($1, $2, 'contacts', 'Customers', $3, false, $4, 'email', $5)`,
        [
          viewId,
          workspaceId,
          userId,
          JSON.stringify({ and: [{ field: 'lifecycleStage', op: 'eq', value: 'customer' }] }),
          ['lastName', 'email'],
        ],
      );
      const viewed = await exportCsv(token, { object: 'contacts', viewId });
      expect(viewed.rows).toEqual([
        ['lastName', 'email'],
        ['One', 'v1@view.example'],
      ]);
      const foreign = await exportCsv(await issuer.sign({ role: 'manager', workspaceId: randomUUID() }), { object: 'contacts', viewId });
      expect(foreign.status).toBe(404);

      const badFilter = await exportCsv(token, { object: 'contacts', filter: { and: [{ field: 'password', op: 'eq', value: 'x' }] } });
      expect(badFilter.status).toBe(400);
      expect(badFilter.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.parse(badFilter.text).errors[0].field).toBe('filter');
      const badColumns = await exportCsv(token, { object: 'contacts', columns: ['email', 'passwordHash'] });
      expect(badColumns.status).toBe(400);
      expect(JSON.parse(badColumns.text).errors[0].field).toBe('columns');
      const badObject = await exportCsv(token, { object: 'users' });
      expect(badObject.status).toBe(400);

      const member = await issuer.sign({ role: 'member', workspaceId });
      expect((await exportCsv(member, { object: 'contacts' })).status).toBe(403);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'exports every standard and custom column by default, in a form the importer maps back',
    async () => {
      const workspaceId = randomUUID();
      const token = await issuer.sign({ role: 'owner', workspaceId });
      const field = await http(crm.httpUrl, 'POST', '/api/v1/fields', {
        token,
        body: { object: 'contacts', key: 'plan', label: 'Plan', type: 'text' },
      });
      expect(field.status).toBe(201);
      await create(token, { firstName: 'Round', lastName: 'Trip', email: 'rt@example.com', custom: { plan: 'Gold' } });
      const res = await exportCsv(token, { object: 'contacts' });
      const [header, row] = res.rows as [string[], string[]];
      expect(header).toEqual(expect.arrayContaining(['id', 'firstName', 'lastName', 'email', 'companyName', 'createdAt', 'custom.plan']));
      expect(row[header.indexOf('custom.plan')]).toBe('Gold');
      expect(row[header.indexOf('email')]).toBe('rt@example.com');
    },
    TEST_TIMEOUT_MS,
  );
});
