// Shared helpers of the deployment validation tests (deploy/test/*.spec.ts) and of
// `npm run check:deploy` (check-deploy.mjs): repository paths, YAML/HCL loading, and the
// helm binary when one is available (PATH, $HELM, or the copy check-deploy.mjs caches).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const CHART = join(ROOT, 'helm/meridian');
export const HELM_CACHE = join(ROOT, 'node_modules/.cache/meridian-deploy/helm');

export const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
export const yamlFile = <T = unknown>(path: string): T => parseYaml(read(path), { merge: true }) as T;

/** Files under `dir` (repository-relative) whose name matches, skipping node_modules and dist. */
export function filesUnder(dir: string, match: RegExp): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const entry of readdirSync(abs)) {
      if (entry === 'node_modules' || entry === 'dist' || entry === '.git' || entry === '.terraform') continue;
      const path = join(abs, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (match.test(entry)) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- HCL JSON is untyped
export type Hcl = Record<string, any>;
export const hclFile = async (path: string): Promise<Hcl> => (await parseHcl(path, read(path))) as Hcl;

/** The helm binary to use, or undefined (tests that need it are skipped, saying why). */
export function findHelm(): string | undefined {
  const candidates = [process.env.HELM, 'helm', HELM_CACHE].filter((c): c is string => Boolean(c));
  for (const c of candidates) {
    if (c.includes('/') && !existsSync(c)) continue;
    const r = spawnSync(c, ['version', '--short'], { encoding: 'utf8' });
    if (r.status === 0) return c;
  }
  return undefined;
}

/** Values every environment gets from Cloud Build (--set), for rendering in tests. */
export const CLOUD_BUILD_SETS: Record<string, string> = {
  'image.repository': 'us-central1-docker.pkg.dev/meridian-test/meridian',
  'image.tag': 'abc1234',
  'gcp.projectId': 'meridian-test',
  'gcp.region': 'us-central1',
  'gcp.clusterName': 'meridian-test',
  'cloudSql.instanceConnectionName': 'meridian-test:us-central1:meridian-test-pg',
  'ingress.host': 'crm.example.com',
  'ingress.staticIpName': 'meridian-test-ingress',
};

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are untyped
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
}

/** `helm template` of the chart with a values file and extra --set values. */
export function helmTemplate(helm: string, valuesFile: string | undefined, sets: Record<string, string>) {
  const args = ['template', 'meridian', CHART, '--namespace', 'meridian'];
  if (valuesFile) args.push('-f', join(CHART, valuesFile));
  for (const [k, v] of Object.entries(sets)) args.push('--set', `${k}=${v}`);
  const r = spawnSync(helm, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const manifests =
    r.status === 0
      ? parseAllDocuments(r.stdout)
          .map((d) => d.toJS() as Manifest)
          .filter(Boolean)
      : [];
  return { status: r.status, stderr: r.stderr, manifests };
}
