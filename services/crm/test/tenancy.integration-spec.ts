import pg from 'pg';
import { createTestDatabase, startTestService, type TestDatabase, type TestService } from '@meridian/platform/testing';
import { usersService } from '../../users/src/service.js';
import { crmService } from '../src/service.js';

/**
 * quality.md cases 2 and 3 for every schema migrated so far: the app roles cannot bypass
 * RLS, every table with workspace_id has FORCE RLS, no tenant set = no rows, and the
 * tenant setting never leaks across pooled connections.
 */
describe('row-level security', () => {
  let db: TestDatabase;
  let services: TestService[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(['users', 'crm']);
    const users = await startTestService(usersService, db);
    services = [users, await startTestService(crmService, db, { AUTH_JWKS_URL: `${users.httpUrl}/api/v1/auth/jwks.json` })];
  });
  afterAll(async () => {
    for (const s of services.reverse()) await s.close();
    await db?.drop();
  });

  it('forces RLS on every table that has a workspace_id', async () => {
    const su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    const { rows } = await su.query(`
      SELECT n.nspname AS schema, c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
             (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)::int AS policies
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname IN ('users', 'crm')
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id')`);
    const owners = await su.query(`SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname IN ('users','crm')`);
    await su.end();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows)
      expect({ table: `${r.schema}.${r.table}`, rls: r.rls, forced: r.forced, hasPolicy: r.policies > 0 }).toEqual({
        table: `${r.schema}.${r.table}`,
        rls: true,
        forced: true,
        hasPolicy: true,
      });
    expect(owners.rows.map((o) => o.tableowner)).toEqual(['meridian_migrator']);
  });

  it('gives the app role no rows without a workspace, and never leaks the setting across the pool', async () => {
    const su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    const ws = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    for (const [i, w] of ws.entries()) {
      await su.query(
        `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email) VALUES (gen_random_uuid(), $1, 'T', $2, 't@example.com')`,
        [w, `W${i}`],
      );
    }
    await su.end();
    const pool = new pg.Pool({ connectionString: db.urls.crm!.appUrl, max: 4 });
    try {
      const role = await pool.query(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
      expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
      expect((await pool.query('SELECT count(*)::int AS n FROM crm.contacts')).rows[0].n).toBe(0);
      // Mixed-tenant load with commits, rollbacks and errors; afterwards no connection carries a tenant.
      await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const c = await pool.connect();
          const w = ws[i % 2]!;
          try {
            await c.query('BEGIN');
            await c.query(`SELECT set_config('app.workspace_id', $1, true)`, [w]);
            const { rows } = await c.query('SELECT DISTINCT workspace_id FROM crm.contacts');
            expect(rows).toEqual([{ workspace_id: w }]);
            if (i % 3 === 0) await c.query('SELECT 1/0');
            await c.query(i % 3 === 1 ? 'ROLLBACK' : 'COMMIT');
          } catch {
            await c.query('ROLLBACK');
          } finally {
            c.release();
          }
        }),
      );
      const after = await Promise.all(
        Array.from({ length: 4 }, () =>
          pool.query(`SELECT current_setting('app.workspace_id', true) AS w, (SELECT count(*)::int FROM crm.contacts) AS n`),
        ),
      );
      for (const r of after) {
        expect(r.rows[0].n).toBe(0);
        expect([null, '']).toContain(r.rows[0].w);
      }
    } finally {
      await pool.end();
    }
  });
});
