import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres, appRoleName } from '@meridian/platform';
import { freePort } from '@meridian/platform/testing/free-port';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

export interface RunningStack {
  origin: string;
  superuserUrl: string;
  /** App-role URL of one service, as the service itself connects. */
  appUrl(service: string): Promise<string>;
  /** Resident memory (bytes) of one service process, from /proc. */
  serviceRss(service: string): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the whole platform (the `npm start` launcher) on its own Postgres and port. */
export async function startStack(): Promise<RunningStack> {
  const dir = await mkdtemp(join(tmpdir(), 'meridian-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort() });
  const port = await freePort();
  const dataDir = join(dir, 'data');
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'deploy/dist/local/start.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_POSTGRES_URL: pg.superuserUrl,
      MERIDIAN_SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      // Capacity is measured, not the per-workspace request budget (which would answer 429).
      RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: '0',
      RATE_LIMIT_PER_API_KEY_PER_MINUTE: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`${origin}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('the platform did not become healthy');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    origin,
    superuserUrl: pg.superuserUrl,
    async appUrl(service) {
      const { rolePassword } = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as { rolePassword: string };
      const u = new URL(pg.superuserUrl);
      u.username = appRoleName(service);
      u.password = rolePassword;
      u.pathname = '/meridian';
      return u.toString();
    },
    async serviceRss(service) {
      const { execFileSync } = await import('node:child_process');
      const out = execFileSync('ps', ['-eo', 'rss=,args=']).toString();
      const line = out.split('\n').find((l) => l.includes(`services/${service}/dist/main.js`));
      return line ? Number(line.trim().split(/\s+/)[0]) * 1024 : 0;
    },
    async stop() {
      await new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGINT');
      });
      await pg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
