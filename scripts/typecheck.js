// Type-checks every package (swc builds without checking types).
import { spawnSync } from 'node:child_process';

const projects = [
  'proto',
  'services/platform',
  'services/users',
  'services/crm',
  'services/ai',
  'services/workflow',
  'services/communication',
  'services/analytics',
  'deploy',
  'bench',
  'web',
];
let failed = 0;
for (const p of projects) {
  const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', `${p}/tsconfig.json`, '--noEmit'], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.stdout.write(failed ? `typecheck: ${failed} package(s) failed\n` : `typecheck: ${projects.length} packages clean\n`);
process.exit(failed ? 1 : 0);
