// One source of truth for the cloud resources the code uses: cloudResources() derives
// topics, subscriptions, dead-letter topics and secrets from the six service definitions.
// Each must be declared in Terraform (terraform/resources.tf, wired through the modules)
// and in docker-compose.yml (the `pubsub-init` one-shot, each service's environment).
import { cloudResources } from '@meridian/platform';
import { aiService } from '../../services/ai/src/service.js';
import { analyticsService } from '../../services/analytics/src/service.js';
import { communicationService } from '../../services/communication/src/service.js';
import { crmService } from '../../services/crm/src/service.js';
import { usersService } from '../../services/users/src/service.js';
import { workflowService } from '../../services/workflow/src/service.js';
import { SERVICES } from '../local/services.js';
import { hclFile, read, yamlFile, type Hcl } from './tools.js';

const definitions = [usersService, crmService, aiService, workflowService, communicationService, analyticsService];
const code = cloudResources(definitions);

/** Only the Postgres bus reads it; every deployment runs EVENT_BUS=pubsub (asserted below). */
const POSTGRES_BUS_ONLY = 'EVENT_BUS_DATABASE_URL';
const secretName = (service: string, env: string) => `meridian-${service}-${env.toLowerCase().replaceAll('_', '-')}`;
/** Secrets every service reads with one value for the whole deployment (one Secret Manager secret). */
const SHARED_SECRETS: Record<string, string> = { REDIS_URL: 'meridian-redis-url' };
const codeSecrets = code.secrets.filter((s) => s.env !== POSTGRES_BUS_ONLY && !(s.env in SHARED_SECRETS));
const sharedSecrets = [...new Set(code.secrets.map((s) => s.env).filter((env) => env in SHARED_SECRETS))];

interface ComposeService {
  environment?: Record<string, string>;
}
const compose = yamlFile<{ services: Record<string, ComposeService> }>('docker-compose.yml');

let locals: Hcl;
let root: Hcl;
let pubsubModule: Hcl;
let bigqueryModule: Hcl;
let secretsModule: Hcl;
beforeAll(async () => {
  locals = (await hclFile('terraform/resources.tf')).locals[0];
  root = await hclFile('terraform/main.tf');
  pubsubModule = await hclFile('terraform/modules/pubsub/main.tf');
  bigqueryModule = await hclFile('terraform/modules/bigquery/main.tf');
  secretsModule = await hclFile('terraform/modules/secrets/main.tf');
});

describe('the code’s cloud resources', () => {
  it('are derived from all six services (and are not empty)', () => {
    expect(definitions.map((d) => d.name).sort()).toEqual(SERVICES.map((s) => s.name).sort());
    expect(code.topics.length).toBeGreaterThan(0);
    expect(code.subscriptions.length).toBeGreaterThan(0);
    expect(codeSecrets.length).toBeGreaterThan(0);
  });
});

describe('Terraform declares every resource the code uses', () => {
  it('lists the six services', () => {
    expect([...locals.services].sort()).toEqual(definitions.map((d) => d.name).sort());
  });

  it('every topic', () => {
    const expected = code.topics;
    expect([...locals.pubsub_topics].sort()).toEqual(expected);
  });

  it('every subscription with its topic, consumer and dead-letter topic', () => {
    const expected = Object.fromEntries(
      code.subscriptions.map((s) => [s.name, { topic: s.topic, consumer: s.consumer, dead_letter_topic: s.deadLetterTopic }]),
    );
    expect(locals.pubsub_subscriptions).toEqual(expected);
    expect(code.deadLetterTopics.sort()).toEqual(
      Object.values(expected)
        .map((s) => s.dead_letter_topic)
        .sort(),
    );
  });

  it('every publisher of every topic', () => {
    const publishers: Record<string, Set<string>> = {};
    for (const d of definitions)
      for (const type of d.events.publishes) (publishers[`meridian.${type.split('.')[0]}.events`] ??= new Set()).add(d.name);
    const expected = Object.fromEntries(Object.entries(publishers).map(([topic, names]) => [topic, [...names].sort()]));
    expect(locals.pubsub_publishers).toEqual(expected);
  });

  it('every secret, named meridian-<service>-<env>', () => {
    const declared = Object.entries(locals.service_secrets as Record<string, { service: string; env: string }>);
    for (const [name, s] of declared) expect(name).toBe(secretName(s.service, s.env));
    const key = (s: { service: string; env: string }) => `${s.service}/${s.env}`;
    expect(declared.map(([, s]) => key(s)).sort()).toEqual(codeSecrets.map(key).sort());
  });

  it('every shared secret (one value for all services), given to every service by the chart', () => {
    const rootText = read('terraform/main.tf');
    const chart = read('helm/meridian/templates/service-config.yaml');
    for (const env of sharedSecrets) {
      expect(rootText).toContain(`"${SHARED_SECRETS[env]}"`);
      expect(chart).toMatch(new RegExp(`secretKey: ${env}\\s+remoteRef: \\{ key: ${SHARED_SECRETS[env]} \\}`));
    }
  });

  it('wires the lists into the modules that create the resources', () => {
    const modules = root.module;
    expect(modules.pubsub[0].topics).toBe('${local.pubsub_topics}');
    expect(modules.pubsub[0].subscriptions).toBe('${local.pubsub_subscriptions}');
    expect(modules.pubsub[0].publishers).toBe('${local.pubsub_publishers}');
    const r = pubsubModule.resource;
    expect(r.google_pubsub_topic.topic[0]).toMatchObject({ for_each: '${toset(var.topics)}', name: '${each.key}' });
    expect(r.google_pubsub_topic.dead_letter[0]).toMatchObject({
      for_each: '${var.subscriptions}',
      name: '${each.value.dead_letter_topic}',
    });
    expect(r.google_pubsub_subscription.dead_letter[0]).toMatchObject({
      for_each: '${var.subscriptions}',
      name: '${each.value.dead_letter_topic}',
    });
    const sub = r.google_pubsub_subscription.subscription[0];
    expect(sub).toMatchObject({
      for_each: '${var.subscriptions}',
      name: '${each.key}',
      enable_message_ordering: true,
      ack_deadline_seconds: 60,
    });
    expect(sub.dead_letter_policy[0].dead_letter_topic).toBe('${google_pubsub_topic.dead_letter[each.key].id}');
    expect(sub.retry_policy[0]).toEqual({ minimum_backoff: '10s', maximum_backoff: '600s' });
    expect(modules.secrets[0].secrets).toContain('local.service_secrets');
    expect(secretsModule.resource.google_secret_manager_secret.secret[0]).toMatchObject({
      for_each: '${var.secrets}',
      secret_id: '${each.key}',
    });
  });

  it('the BigQuery dataset has every DuckDB warehouse table with the same columns', async () => {
    const duckdb = read('services/analytics/src/warehouse/duckdb-warehouse.ts');
    const tables = [...duckdb.matchAll(/CREATE TABLE IF NOT EXISTS (\w+) \(([^;]*?)\)\s*`/g)].map((m) => ({
      name: m[1]!,
      columns: m[2]!
        .split(',')
        .map((c) => c.trim().split(/\s+/)[0]!)
        .filter((c) => /^[a-z_]+$/.test(c)),
    }));
    expect(tables.length).toBeGreaterThan(0);
    const declared = locals.warehouse_tables as Record<string, { columns: { name: string }[] }>;
    expect(Object.keys(declared).sort()).toEqual(tables.map((t) => t.name).sort());
    for (const t of tables) expect(declared[t.name]!.columns.map((c) => c.name)).toEqual(t.columns);
    expect(locals.warehouse_dataset).toBe('meridian_analytics');
    expect(root.module.bigquery[0]).toMatchObject({ dataset_id: '${local.warehouse_dataset}', tables: '${local.warehouse_tables}' });
    expect(bigqueryModule.resource.google_bigquery_table.table[0].for_each).toBe('${var.tables}');
  });
});

describe('docker-compose declares every resource the code uses', () => {
  const init = compose.services['pubsub-init']!.environment!;
  const words = (s: string | undefined) => (s ?? '').split(/\s+/).filter(Boolean);

  it('pubsub-init creates every topic', () => {
    expect(words(init.TOPICS).sort()).toEqual(code.topics);
  });

  it('pubsub-init creates every subscription with its topic and dead-letter topic', () => {
    const declared = words(init.SUBSCRIPTIONS).map((e) => e.split('='));
    expect(declared.map(([name, topic, dlq]) => ({ name, topic, dlq })).sort((a, b) => a.name!.localeCompare(b.name!))).toEqual(
      code.subscriptions.map((s) => ({ name: s.name, topic: s.topic, dlq: s.deadLetterTopic })),
    );
  });

  it('every service gets every secret it declares', () => {
    for (const s of [...codeSecrets, ...code.secrets.filter((x) => x.env in SHARED_SECRETS)]) {
      const env = compose.services[s.service]?.environment ?? {};
      expect({ service: s.service, env: s.env, set: Boolean(env[s.env]) }).toEqual({ service: s.service, env: s.env, set: true });
    }
  });
});

describe(`${POSTGRES_BUS_ONLY} is needed nowhere`, () => {
  it('because compose and the chart run the Pub/Sub bus', () => {
    for (const { name } of SERVICES) expect(compose.services[name]?.environment?.EVENT_BUS).toBe('pubsub');
    expect(read('helm/meridian/templates/_helpers.tpl')).toMatch(/^EVENT_BUS: pubsub$/m);
    expect(
      code.secrets
        .filter((s) => s.env === POSTGRES_BUS_ONLY)
        .map((s) => s.service)
        .sort(),
    ).toEqual(SERVICES.map((s) => s.name).sort());
  });
});
