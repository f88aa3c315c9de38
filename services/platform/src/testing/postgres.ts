import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { provisionDatabase, type ServiceDatabaseUrls } from '../database/provision.js';

export const TEST_PG_URL_ENV = 'MERIDIAN_TEST_PG_URL';

export interface TestDatabase {
  database: string;
  superuserUrl: string;
  urls: Record<string, ServiceDatabaseUrls>;
  drop(): Promise<void>;
}

/** The superuser URL of the test cluster started by the jest global setup; fails loudly without one. */
export function testClusterUrl(): string {
  const url = process.env[TEST_PG_URL_ENV];
  if (!url) {
    throw new Error(
      `${TEST_PG_URL_ENV} is not set: integration tests need PostgreSQL. Run them through jest (its global setup starts embedded Postgres) or point ${TEST_PG_URL_ENV} at a superuser URL.`,
    );
  }
  return url;
}

/** One fresh database per suite in the shared test cluster, with the same roles production uses. */
export async function createTestDatabase(services: readonly string[], prefix = 'test'): Promise<TestDatabase> {
  const superuserUrl = testClusterUrl();
  const database = `${prefix}_${randomBytes(4).toString('hex')}`;
  const urls = await provisionDatabase({ superuserUrl, database, services, password: 'meridian-test' });
  return {
    database,
    superuserUrl: superuserUrl.replace(/\/[^/]*$/, `/${database}`),
    urls,
    async drop() {
      const client = new pg.Client({ connectionString: superuserUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
