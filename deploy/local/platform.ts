import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '@meridian/platform/testing/free-port';
import { provisionDatabase, startEmbeddedPostgres, type ServiceDatabaseUrls } from '@meridian/platform';
import type { LauncherSettings } from './env.js';
import type { LocalSecrets } from './secrets.js';
import { SERVICES, type ServiceName } from './services.js';

export interface LocalDatabase {
  urls: Record<string, ServiceDatabaseUrls>;
  stop(): Promise<void>;
}

/** Starts embedded Postgres (or uses MERIDIAN_POSTGRES_URL) and provisions roles and the database. */
export async function startDatabase(settings: LauncherSettings, secrets: LocalSecrets, log: (l: string) => void): Promise<LocalDatabase> {
  let superuserUrl = settings.postgresUrl;
  let stop = async () => undefined as void;
  if (!superuserUrl) {
    const started = Date.now();
    const pg = await startEmbeddedPostgres({
      dataDir: join(settings.dataDir, 'postgres'),
      port: await freePort(),
      password: secrets.postgresPassword,
    });
    superuserUrl = pg.superuserUrl;
    stop = () => pg.stop();
    log(`PostgreSQL (embedded) on 127.0.0.1:${pg.port}, data in ${join(settings.dataDir, 'postgres')} (${Date.now() - started} ms)`);
  }
  const urls = await provisionDatabase({
    superuserUrl,
    database: settings.database,
    services: SERVICES.map((s) => s.name),
    password: secrets.rolePassword,
  });
  return { urls, stop };
}

/** The variables of `names` that are set in `env`. */
const pick = (env: NodeJS.ProcessEnv, names: string[]): Record<string, string> =>
  Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]!]));

export interface ServicePorts {
  http: number;
  grpc: number;
}

export async function allocatePorts(): Promise<Record<ServiceName, ServicePorts>> {
  const out = {} as Record<ServiceName, ServicePorts>;
  // The OS may hand the same free port out twice in a row (each probe closes its socket
  // again): two services on one port would crash-loop forever, so every port is distinct.
  const taken = new Set<number>();
  const distinct = async (): Promise<number> => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  for (const { name } of SERVICES) out[name] = { http: await distinct(), grpc: await distinct() };
  return out;
}

/** The environment of one service process: the same variables a Helm chart sets. */
export async function serviceEnv(
  name: ServiceName,
  settings: LauncherSettings,
  secrets: LocalSecrets,
  db: LocalDatabase,
  ports: Record<ServiceName, ServicePorts>,
): Promise<NodeJS.ProcessEnv> {
  const urls = db.urls[name]!;
  await mkdir(join(settings.dataDir, 'logs'), { recursive: true });
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    LOG_LEVEL: settings.logLevel,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: String(ports[name].http),
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: String(ports[name].grpc),
    DATABASE_URL: urls.appUrl,
    DATABASE_MIGRATION_URL: urls.migrationUrl,
    EVENT_BUS: settings.eventBus,
    PUBSUB_PROJECT_ID: settings.pubsubProjectId,
    // With the emulator there is no GCE metadata server to ask for credentials.
    ...(settings.pubsubEmulatorHost ? { PUBSUB_EMULATOR_HOST: settings.pubsubEmulatorHost, METADATA_SERVER_DETECTION: 'none' } : {}),
    AUTH_JWKS_URL: `http://127.0.0.1:${ports.users.http}/api/v1/auth/jwks.json`,
    USERS_GRPC_URL: `127.0.0.1:${ports.users.grpc}`,
    ...(name === 'users'
      ? {
          AUTH_SIGNING_KEY_SECRET: secrets.signingKeySecret,
          EXPORTS_DIR: join(settings.dataDir, 'exports'),
          PUBLIC_APP_URL: `http://localhost:${settings.port}`,
          CRM_GRPC_URL: `127.0.0.1:${ports.crm.grpc}`,
          WORKFLOW_GRPC_URL: `127.0.0.1:${ports.workflow.grpc}`,
          ANALYTICS_GRPC_URL: `127.0.0.1:${ports.analytics.grpc}`,
          COMMUNICATION_GRPC_URL: `127.0.0.1:${ports.communication.grpc}`,
        }
      : {}),
    ...(name === 'workflow' ? { CRM_GRPC_URL: `127.0.0.1:${ports.crm.grpc}` } : {}),
    // Uploaded CSVs wait here for the import worker; kept with the rest of the local data.
    ...(name === 'crm' ? { IMPORTS_DIR: join(settings.dataDir, 'imports') } : {}),
    ...(name === 'analytics' ? { DUCKDB_PATH: join(settings.dataDir, 'warehouse.duckdb') } : {}),
    ...(name === 'communication' && process.env.SMTP_URL ? { SMTP_URL: process.env.SMTP_URL } : {}),
    ...(name === 'communication' && process.env.SMTP_FROM ? { SMTP_FROM: process.env.SMTP_FROM } : {}),
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...pick(process.env, ['RATE_LIMIT_PER_WORKSPACE_PER_MINUTE', 'RATE_LIMIT_PER_API_KEY_PER_MINUTE']),
    ...(process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? { OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
  };
}
