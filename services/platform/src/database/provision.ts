import pg from 'pg';

/** Connection strings one service needs: its app role and the migrator. */
export interface ServiceDatabaseUrls {
  /** Runtime role: owns nothing, no BYPASSRLS; subject to every RLS policy. */
  appUrl: string;
  /** Migration role: owns the schemas and tables; never used to serve requests. */
  migrationUrl: string;
}

export interface ProvisionOptions {
  superuserUrl: string;
  database: string;
  services: readonly string[];
  /** Password for every generated role (loopback development and tests only). */
  password: string;
}

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return `"${name}"`;
};

/** The role name a service's app connections use. */
export const appRoleName = (service: string): string => `meridian_${service}_app`;
export const MIGRATOR_ROLE = 'meridian_migrator';

function withDatabase(url: string, user: string, password: string, database: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Idempotently creates the database, the migrator role (owner of every schema, not a
 * superuser) and one app role per service (LOGIN, NOBYPASSRLS, owns nothing). This is
 * what Terraform does for Cloud SQL; locally the launcher and test helpers call it.
 */
export async function provisionDatabase(options: ProvisionOptions): Promise<Record<string, ServiceDatabaseUrls>> {
  const { superuserUrl, database, services, password } = options;
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    // Roles are cluster-wide: parallel provisioners (test workers, two launchers) would race
    // on CREATE ROLE, so they take turns under one advisory lock.
    await client.query(`SELECT pg_advisory_lock(hashtext('meridian.provision'))`);
    const roles = [MIGRATOR_ROLE, ...services.map(appRoleName)];
    for (const role of roles) {
      const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = found.rowCount ? 'ALTER' : 'CREATE';
      // Passwords cannot be bound parameters in DDL; this one is generated locally, never user input.
      await client.query(
        `${verb} ROLE ${ident(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '${password.replace(/'/g, "''")}'`,
      );
    }
    const db = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!db.rowCount) await client.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(MIGRATOR_ROLE)}`);
    // App roles must be able to connect but never create objects in public.
    await client.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    for (const role of roles) await client.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(role)}`);
    await client.query(`GRANT TEMPORARY ON DATABASE ${ident(database)} TO ${ident(MIGRATOR_ROLE)}`);
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
  const dbClient = new pg.Client({ connectionString: withDatabase(superuserUrl, 'postgres', new URL(superuserUrl).password, database) });
  await dbClient.connect();
  try {
    await dbClient.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await dbClient.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await dbClient.query(`GRANT CREATE ON DATABASE ${ident(database)} TO ${ident(MIGRATOR_ROLE)}`);
  } finally {
    await dbClient.end();
  }
  const urls: Record<string, ServiceDatabaseUrls> = {};
  for (const service of services) {
    urls[service] = {
      appUrl: withDatabase(superuserUrl, appRoleName(service), password, database),
      migrationUrl: withDatabase(superuserUrl, MIGRATOR_ROLE, password, database),
    };
  }
  return urls;
}
