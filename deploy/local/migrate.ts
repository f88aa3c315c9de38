import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launcherSettings, REPO_ROOT } from './env.js';
import { allocatePorts, serviceEnv, startDatabase } from './platform.js';
import { loadSecrets } from './secrets.js';
import { SERVICES } from './services.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** `npm run migrate`: provisions the database and runs every service's migrations, nothing else. */
async function main(): Promise<void> {
  const settings = launcherSettings();
  const secrets = await loadSecrets(settings.dataDir);
  const db = await startDatabase(settings, secrets, print);
  const ports = await allocatePorts();
  let failed = 0;
  try {
    for (const { name } of SERVICES) {
      const env = await serviceEnv(name, settings, secrets, db, ports);
      const r = spawnSync(process.execPath, [join(REPO_ROOT, 'services', name, 'dist', 'migrate.js')], {
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const ok = r.status === 0;
      if (!ok) failed++;
      print(`${name}: ${ok ? 'migrated' : 'FAILED'}`);
    }
  } finally {
    await db.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
