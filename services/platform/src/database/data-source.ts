import 'reflect-metadata';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import pg from 'pg';
import type { Logger } from 'pino';
import { ident } from './rls.js';

// `timestamptz` and `bigint` come back as strings otherwise; counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export type Entities = MixedList<Function | string | EntitySchema>;
export type Migrations = MixedList<Function | string>;

export interface ServiceDataSourceOptions {
  url: string;
  schema: string;
  entities: Entities;
  migrations?: Migrations;
  poolSize?: number;
  applicationName?: string;
}

/** A TypeORM data source bound to one service's schema. `synchronize` is always off. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: options.applicationName,
    extra: { max: options.poolSize ?? 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 },
  });
}

export interface MigrationRunOptions {
  migrationUrl: string;
  /** Role of the service's runtime connections; gets DML on the schema, owns nothing. */
  appRole: string;
  schema: string;
  migrations: Migrations;
  logger: Logger;
}

/**
 * Runs pending migrations as the migrator role under an advisory lock (replicas may start
 * together), then re-applies the app role's grants. The app role may not touch the
 * migrations table.
 */
export async function runMigrations(options: MigrationRunOptions): Promise<string[]> {
  const { schema, appRole, logger } = options;
  const client = new pg.Client({ connectionString: options.migrationUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
    const ds = createServiceDataSource({ url: options.migrationUrl, schema, entities: [], migrations: options.migrations, poolSize: 1 });
    await ds.initialize();
    try {
      const ran = await ds.runMigrations({ transaction: 'each' });
      const names = ran.map((m) => m.name);
      if (names.length) logger.info({ schema, migrations: names }, 'Migrations applied');
      await applyAppGrants(client, schema, appRole);
      return names;
    } finally {
      await ds.destroy();
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`]).catch(() => undefined);
    await client.end();
  }
}

async function applyAppGrants(client: pg.Client, schema: string, appRole: string): Promise<void> {
  const s = ident(schema);
  const r = ident(appRole);
  await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
  await client.query(`REVOKE ALL ON ${s}."migrations" FROM ${r}`);
  // Tables commented '@append-only' (audit logs) accept inserts and reads only.
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') LIKE '%@append-only%'`,
    [schema],
  );
  for (const { relname } of rows) await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.${ident(relname)} FROM ${r}`);
}

/** The role name in a connection string (the app role of a service). */
export const roleOf = (url: string): string => decodeURIComponent(new URL(url).username);
