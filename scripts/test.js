// `npm test`: build, then the test tiers in order, then one closing line for CI.
// Tiers: unit + integration + contract (one jest run, real Postgres and the Pub/Sub
// emulator), then e2e (the whole platform from the launcher, in Debian Chromium).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const summaryDir = mkdtempSync(join(tmpdir(), 'meridian-test-summary-'));
const env = { ...process.env, MERIDIAN_TEST_SUMMARY_DIR: summaryDir };
const run = (label, cmd, args, name) => {
  process.stdout.write(`\n=== ${label} ===\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, MERIDIAN_TEST_RUN: name ?? label } });
  return r.status === 0;
};
const jest = (projects, extra = []) => [
  '--experimental-vm-modules',
  'node_modules/jest/bin/jest.js',
  '--selectProjects',
  ...projects,
  ...extra,
  ...process.argv.slice(2),
];

let ok = run('build', 'npm', ['run', 'build', '--silent']);
if (ok) {
  const a = run('unit, integration and contract tests', process.execPath, jest(['unit', 'integration', 'contract'], ['--maxWorkers=2']), 'unit-integration-contract');
  const b = run('end-to-end tests (Chromium)', process.execPath, jest(['e2e'], ['--runInBand']), 'e2e');
  ok = a && b;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of ['unit-integration-contract', 'e2e']) {
  const file = join(summaryDir, `${name}.json`);
  if (!existsSync(file)) continue;
  const s = JSON.parse(readFileSync(file, 'utf8'));
  passed += s.passed;
  failed += s.failed;
  skipped += s.skipped;
}
rmSync(summaryDir, { recursive: true, force: true });
if (!ok && failed === 0) failed = 1; // a build or runner failure counts as a failure
process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(ok ? 0 : 1);
