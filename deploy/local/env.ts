import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (deploy/dist/local/*.js → three levels up). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Launcher settings, all from the environment (documented in README). */
export function launcherSettings(env: NodeJS.ProcessEnv = process.env) {
  const dataDir = resolve(env.MERIDIAN_DATA_DIR ?? join(REPO_ROOT, '.meridian'));
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    /** Superuser URL of an existing PostgreSQL server; unset = embedded Postgres. */
    postgresUrl: env.MERIDIAN_POSTGRES_URL,
    database: env.MERIDIAN_DATABASE ?? 'meridian',
    seedDemo: (env.MERIDIAN_SEED_DEMO ?? 'true') !== 'false',
    eventBus: env.EVENT_BUS ?? 'postgres',
    pubsubEmulatorHost: env.PUBSUB_EMULATOR_HOST,
    pubsubProjectId: env.PUBSUB_PROJECT_ID ?? 'meridian-local',
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: join(REPO_ROOT, 'web', 'dist'),
  };
}

export type LauncherSettings = ReturnType<typeof launcherSettings>;
