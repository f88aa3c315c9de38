import pg from 'pg';
import { pino, type Logger } from 'pino';
import { outboxMigrationSql } from '../../src/events/outbox-schema.js';
import { appRoleName } from '../../src/database/provision.js';
import type { TestDatabase } from '../../src/testing/postgres.js';

/** Silent unless TEST_LOG_LEVEL is set (e.g. `debug` when a test needs investigating). */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

/**
 * A pool for tests. pg-pool's end() resolves before the server has closed the sessions,
 * so the suite's DROP DATABASE ... WITH (FORCE) can still terminate one of them (57P01);
 * without an 'error' listener that would surface as an unhandled error in a random test.
 */
export function testPool(connectionString: string, max = 5): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', () => undefined);
  return pool;
}

/** Runs what a service's migration would: its schema, the outbox/inbox DDL, grants to the app role. */
export async function migrateOutbox(db: TestDatabase, service: string, schema = service): Promise<void> {
  const client = new pg.Client({ connectionString: db.urls[service]!.migrationUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    for (const statement of outboxMigrationSql(schema).up) await client.query(statement);
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${appRoleName(service)}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${appRoleName(service)}`);
  } finally {
    await client.end();
  }
}

/** BEGIN; set the tenant; run; COMMIT (ROLLBACK on error) — how services wrap tenant work. */
export async function inTenantTx<T>(pool: pg.Pool, workspaceId: string, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.workspace_id', $1, true)`, [workspaceId]);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Polls `check` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
