// The Helm chart, validated here without a cluster:
// - every values file (values.yaml merged with values-<env>.yaml) against values.schema.json,
//   and the schema rejects unknown keys and wrong types;
// - template sources: every .Values / $svc / $web reference names a key that exists
//   (a typo fails here, not at deploy time);
// - the Ingress paths equal the edge's prefix table (deploy/local/services.ts);
// - rendered with the real `helm template` when a helm binary is available (PATH, $HELM,
//   or the copy `npm run check:deploy` caches), for every environment: objects, probes,
//   rollout, NetworkPolicies, the migration hook; and a missing required value fails.
import { Ajv } from 'ajv';
import { SERVICES } from '../local/services.js';
import { CLOUD_BUILD_SETS, filesUnder, findHelm, helmTemplate, read, yamlFile, type Manifest } from './tools.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const merge = (a: unknown, b: unknown): unknown => {
  if (!isObj(a) || !isObj(b)) return b === undefined ? a : b;
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
  return out;
};

const defaults = yamlFile<Obj>('helm/meridian/values.yaml');
const schema = JSON.parse(read('helm/meridian/values.schema.json')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const withSets = (values: unknown) => {
  let out = values;
  for (const [path, value] of Object.entries(CLOUD_BUILD_SETS)) {
    const patch: Obj = {};
    let cursor = patch;
    const keys = path.split('.');
    keys.slice(0, -1).forEach((k) => (cursor = cursor[k] = {}));
    cursor[keys.at(-1)!] = value;
    out = merge(out, patch);
  }
  return out;
};

describe('values.schema.json', () => {
  it.each(['values.yaml', ...ENVIRONMENTS.map((e) => `values-${e}.yaml`)])('accepts %s (merged over values.yaml)', (file) => {
    const values = merge(defaults, yamlFile(`helm/meridian/${file}`));
    expect(validate(withSets(values)) ? [] : validate.errors).toEqual([]);
  });

  it.each([
    ['an unknown top-level key', { replicaCount: 3 }],
    ['an unknown service key', { services: { crm: { replica: 3 } } }],
    ['an unknown service', { services: { billing: {} } }],
    ['a wrong type', { serviceDefaults: { replicas: 'three' } }],
    ['a bad quantity', { web: { resources: { requests: { cpu: 'lots', memory: '1Gi' } } } }],
    ['an unknown log level', { config: { logLevel: 'verbose' } }],
  ])('rejects %s', (_what, patch) => {
    expect(validate(merge(defaults, patch))).toBe(false);
  });
});

describe('template sources', () => {
  const templates = filesUnder('helm/meridian/templates', /\.(yaml|tpl|txt)$/).map((f) => ({ file: f, text: read(f) }));
  const has = (root: unknown, path: string[]) =>
    path.reduce<{ ok: boolean; at: unknown }>(
      (s, k) => (s.ok && isObj(s.at) && k in s.at ? { ok: true, at: s.at[k] } : { ok: false, at: undefined }),
      {
        ok: true,
        at: root,
      },
    ).ok;

  it('reference only values that exist in values.yaml', () => {
    const missing: string[] = [];
    for (const { file, text } of templates) {
      for (const m of text.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        const path = m[1]!.slice(1).split('.');
        if (!has(defaults, path)) missing.push(`${file}: .Values.${path.join('.')}`);
      }
      for (const m of text.matchAll(/\$svc((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        const path = m[1]!.slice(1).split('.');
        if (!has(defaults.serviceDefaults, path)) missing.push(`${file}: $svc.${path.join('.')} (serviceDefaults)`);
      }
      for (const m of text.matchAll(/\$web((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        const path = m[1]!.slice(1).split('.');
        if (!has(defaults.web, path)) missing.push(`${file}: $web.${path.join('.')} (web)`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('read the bootstrap SQL the compose file also runs', () => {
    expect(read('helm/meridian/templates/migrations.yaml')).toContain('.Files.Get "files/db-bootstrap.sql"');
    expect(read('docker-compose.yml')).toContain('./helm/meridian/files/db-bootstrap.sql:/sql/db-bootstrap.sql');
  });
});

describe('routing table', () => {
  it('the chart routes exactly the prefixes of deploy/local/services.ts, to the same services', () => {
    const services = defaults.services as Record<string, { paths: string[] }>;
    const chart = Object.entries(services).flatMap(([name, s]) => s.paths.map((p) => `${p} -> ${name}`));
    // Kubernetes Prefix paths match whole segments: "/t/" on the edge is "/t" in the Ingress.
    const edge = SERVICES.flatMap((s) => s.prefixes.map((p) => `${p.replace(/\/$/, '')} -> ${s.name}`));
    expect(chart.sort()).toEqual(edge.sort());
  });
});

const helm = findHelm();
const describeHelm = helm ? describe : describe.skip;
if (!helm)
  process.stderr.write(
    'deploy/test/helm-chart.spec.ts: SKIPPING the rendered-chart tests: no helm binary (PATH, $HELM, or `npm run check:deploy` to cache one)\n',
  );

describeHelm('rendered chart (helm template)', () => {
  // A skipped describe still runs its body to collect tests: render only when helm exists.
  const rendered = helm ? Object.fromEntries(ENVIRONMENTS.map((e) => [e, helmTemplate(helm, `values-${e}.yaml`, CLOUD_BUILD_SETS)])) : {};
  const of = (env: string, kind: string) => rendered[env]!.manifests.filter((m) => m.kind === kind);
  const one = (env: string, kind: string, name: string) => of(env, kind).find((m) => m.metadata.name === name) as Manifest;
  const names = SERVICES.map((s) => s.name);

  it.each(ENVIRONMENTS)('%s renders', (env) => {
    expect(rendered[env]!.stderr).toBe('');
    expect(rendered[env]!.status).toBe(0);
  });

  it.each(ENVIRONMENTS)('%s: a Deployment, Service, PDB, ServiceAccount (Workload Identity) and ExternalSecret per service', (env) => {
    for (const name of names) {
      expect(one(env, 'Deployment', `meridian-${name}`)).toBeDefined();
      expect(one(env, 'Service', `meridian-${name}`).spec.ports.map((p: { port: number }) => p.port)).toEqual([8080, 9090]);
      expect(one(env, 'PodDisruptionBudget', `meridian-${name}`)).toBeDefined();
      expect(one(env, 'ServiceAccount', `meridian-${name}`).metadata.annotations!['iam.gke.io/gcp-service-account']).toBe(
        `meridian-${name}@meridian-test.iam.gserviceaccount.com`,
      );
      expect(one(env, 'ExternalSecret', `meridian-${name}-env`).spec.secretStoreRef.name).toBe(`meridian-${name}`);
    }
  });

  it.each(ENVIRONMENTS)('%s: probes, zero-unavailable rollout, resources, topology spread, Cloud SQL proxy sidecar', (env) => {
    for (const name of names) {
      const d = one(env, 'Deployment', `meridian-${name}`);
      const pod = d.spec.template.spec;
      const c = pod.containers[0];
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
      expect(c.livenessProbe.httpGet.path).toBe('/healthz');
      expect(c.startupProbe.httpGet.path).toBe('/healthz');
      expect(c.resources.requests).toEqual(expect.objectContaining({ cpu: expect.anything(), memory: expect.anything() }));
      expect(c.image).toBe(`us-central1-docker.pkg.dev/meridian-test/meridian/${name}:abc1234`);
      expect(pod.topologySpreadConstraints.length).toBeGreaterThan(0);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(pod.initContainers[0]).toMatchObject({ name: 'cloud-sql-proxy', restartPolicy: 'Always' });
      if (name === 'analytics') expect(d.spec.strategy.type).toBe('Recreate');
      else expect(d.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    }
    expect(one(env, 'Deployment', 'meridian-web').spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it.each(ENVIRONMENTS)('%s: no serving pod gets the migrator credentials', (env) => {
    for (const name of names) {
      const data = one(env, 'ExternalSecret', `meridian-${name}-env`).spec.data as { secretKey: string; remoteRef: { key: string } }[];
      expect(data.find((d) => d.secretKey === 'DATABASE_MIGRATION_URL')!.remoteRef.key).toBe(`meridian-${name}-database-url`);
      expect(data.map((d) => d.remoteRef.key).filter((k) => k.includes('migration'))).toEqual([]);
    }
  });

  it('prod autoscales every service but the single DuckDB writer', () => {
    expect(
      of('prod', 'HorizontalPodAutoscaler')
        .map((h) => h.metadata.name)
        .sort(),
    ).toEqual([...names.filter((n) => n !== 'analytics'), 'web'].map((n) => `meridian-${n}`).sort());
  });

  it('the Ingress routes the prefix table to the services, the rest to the web app, with managed TLS', () => {
    const ingress = one('prod', 'Ingress', 'meridian');
    const paths = ingress.spec.rules[0].http.paths as { path: string; backend: { service: { name: string } } }[];
    const routed = paths.map((p) => `${p.path} -> ${p.backend.service.name.replace('meridian-', '')}`);
    const expected = [...SERVICES.flatMap((s) => s.prefixes.map((p) => `${p.replace(/\/$/, '')} -> ${s.name}`)), '/ -> web'];
    expect(routed.sort()).toEqual(expected.sort());
    expect(ingress.metadata.annotations!['networking.gke.io/managed-certificates']).toBe('meridian');
    expect(one('prod', 'ManagedCertificate', 'meridian').spec.domains).toEqual(['crm.example.com']);
    expect(one('prod', 'FrontendConfig', 'meridian').spec.redirectToHttps.enabled).toBe(true);
  });

  it('NetworkPolicies: default deny; gRPC only from services; HTTP from the load balancer and web', () => {
    expect(one('prod', 'NetworkPolicy', 'meridian-default-deny').spec.policyTypes).toEqual(['Ingress']);
    for (const name of names) {
      const rules = one('prod', 'NetworkPolicy', `meridian-${name}`).spec.ingress as { ports: { port: number }[]; from: Obj[] }[];
      const grpc = rules.find((r) => r.ports[0]!.port === 9090)!;
      expect(grpc.from).toEqual([{ podSelector: { matchLabels: expect.objectContaining({ 'meridian.dev/tier': 'service' }) } }]);
      const http = rules.find((r) => r.ports[0]!.port === 8080)!;
      expect(http.from).toContainEqual({ ipBlock: { cidr: '35.191.0.0/16' } });
    }
  });

  it('migrations run as a pre-install/pre-upgrade hook: bootstrap, then every service', () => {
    const job = one('prod', 'Job', 'meridian-migrate');
    expect(job.metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    const init = job.spec.template.spec.initContainers.map((c: { name: string }) => c.name);
    expect(init).toEqual(['cloud-sql-proxy', 'db-bootstrap', ...[...names].sort().map((n) => `migrate-${n}`)]);
    const sql = one('prod', 'ConfigMap', 'meridian-db-bootstrap').data['db-bootstrap.sql'];
    expect(sql).toBe(read('helm/meridian/files/db-bootstrap.sql').replace(/\n$/, ''));
  });

  it('a canary adds one Deployment per service (not the single writer) with the canary tag', () => {
    const r = helmTemplate(helm!, 'values-prod.yaml', { ...CLOUD_BUILD_SETS, 'canary.enabled': 'true', 'canary.tag': 'def5678' });
    const canaries = r.manifests.filter((m) => m.kind === 'Deployment' && m.metadata.name.endsWith('-canary'));
    expect(canaries.map((d) => d.metadata.name).sort()).toEqual(
      names
        .filter((n) => n !== 'analytics')
        .map((n) => `meridian-${n}-canary`)
        .sort(),
    );
    for (const d of canaries) expect(d.spec.template.spec.containers[0].image).toMatch(/:def5678$/);
  });

  it.each(Object.keys(CLOUD_BUILD_SETS).filter((k) => !['gcp.region', 'gcp.clusterName'].includes(k)))('fails without %s', (key) => {
    const sets = { ...CLOUD_BUILD_SETS };
    delete sets[key];
    const r = helmTemplate(helm!, 'values-dev.yaml', sets);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`${key} is required`);
  });

  it('fails on an unknown key (schema)', () => {
    const r = helmTemplate(helm!, 'values-dev.yaml', { ...CLOUD_BUILD_SETS, 'services.crm.replica': '3' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/additional propert/i);
  });
});
