import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../src/testing/postgres.js';

describe('database provisioning', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
  });
  afterAll(async () => db?.drop());

  it('gives the app role no superuser, no BYPASSRLS and no ownership', async () => {
    const client = new pg.Client({ connectionString: db.urls.crm!.appUrl });
    await client.connect();
    const { rows } = await client.query(
      'SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user',
    );
    await client.end();
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreatedb: false, rolcreaterole: false });
  });

  it('lets parallel provisioners of new roles succeed (roles are cluster-wide; they take turns)', async () => {
    const service = `race${Date.now() % 100000}`;
    const dbs = await Promise.all(Array.from({ length: 4 }, () => createTestDatabase([service], 'race')));
    await Promise.all(dbs.map((d) => d.drop()));
    expect(dbs).toHaveLength(4);
  });
});
