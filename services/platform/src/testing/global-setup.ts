import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../database/embedded-postgres.js';
import { freePort } from './free-port.js';
import { TEST_PG_URL_ENV } from './postgres.js';

declare global {
  var __meridianTestPg: { handle: EmbeddedPostgresHandle; dir: string } | undefined;
}

/**
 * One embedded PostgreSQL cluster for the whole jest run (each suite makes its own
 * database in it). Skipped when MERIDIAN_TEST_PG_URL already points at a server.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[TEST_PG_URL_ENV]) {
    process.stdout.write(`\n[test] PostgreSQL: using ${TEST_PG_URL_ENV}\n`);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'meridian-test-pg-'));
  const port = await freePort();
  const started = Date.now();
  const handle = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port });
  process.env[TEST_PG_URL_ENV] = handle.superuserUrl;
  globalThis.__meridianTestPg = { handle, dir };
  process.stdout.write(`\n[test] PostgreSQL: embedded cluster on 127.0.0.1:${port} (${Date.now() - started} ms)\n`);
}

export async function teardown(): Promise<void> {
  const running = globalThis.__meridianTestPg;
  if (!running) return;
  await running.handle.stop();
  await rm(running.dir, { recursive: true, force: true });
}
