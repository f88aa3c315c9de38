import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Benchmark, BenchmarkOptions, BenchmarkResult } from '../benchmark.js';
import { measure, type Measurement } from '../measure.js';
import { startStack } from '../stack.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const OTHER_WORKSPACES = 50;
const QUERIES = 600;
const CONCURRENCY = [1, 4];
const OBJECTS = ['contacts', 'companies', 'deals'] as const;

const FIRST = `James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph Jessica Thomas Sarah
  Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna
  Joshua Michelle Kenneth Dorothy Kevin Carol Brian Amanda George Melissa Edward Deborah Ronald Stephanie Timothy Rebecca Jason Sharon Jeffrey
  Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Shirley Eric Angela Jonathan Helen Stephen Anna Larry Brenda Justin Pamela Scott Nicole
  Brandon Emma Benjamin Samantha Samuel Katherine Gregory Christine Frank Debra Alexander Rachel Raymond Catherine Patrick Carolyn Jack Janet
  Dennis Ruth Jerry Maria Tyler Heather Aaron Diane Jose Virginia Adam Julie Henry Joyce Nathan Victoria Douglas Olivia Zachary Kelly Peter
  Christina Kyle Lauren Walter Joan Ethan Evelyn Jeremy Judith Harold Megan Keith Cheryl Christian Andrea Roger Hannah Noah Martha Gerald
  Jacqueline Carl Frances Terry Gloria Sean Ann Austin Teresa Arthur Kathryn Lawrence Sara Jesse Janice Dylan Jean Bryan Alice Joe Madison
  Jordan Doris Billy Abigail Bruce Julia Albert Judy Willie Grace Gabriel Denise Logan Amber Alan Marilyn Juan Beverly Wayne Danielle Roy
  Theresa Ralph Sophia Randy Marie Eugene Diana Vincent Brittany Russell Natalie Elijah Isabella Louis Charlotte Bobby Rose Philip Alexis`;
const LAST = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor
  Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen
  Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards
  Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward
  Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster
  Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson
  Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray
  Ford Castro Marshall Owens Harrison Fernandez Mcdonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns
  Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson
  Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant`;
const DOMAINS = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'acme.io',
  'globex.com',
  'initech.com',
  'umbrella.co',
  'hooli.com',
  'stark.dev',
  'wayne.org',
];
const words = (s: string) => s.split(/\s+/).filter(Boolean);

/**
 * Seeds `total` contacts straight into crm.contacts as the superuser, deterministically:
 * half in the measured workspace, the rest spread over other workspaces (so the table
 * and its indexes hold them all); plus companies and deals in the measured workspace.
 */
async function seed(client: pg.Client, workspaceId: string, total: number): Promise<void> {
  const others = Array.from({ length: OTHER_WORKSPACES }, (_, k) => `00000000-0000-4000-8000-${k.toString(16).padStart(12, '0')}`);
  const params = [words(FIRST), words(LAST), DOMAINS, workspaceId, others, total];
  await client.query(
    `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, phone, owner_id, created_at, updated_at)
     SELECT gen_random_uuid(),
            CASE WHEN i % 2 = 0 THEN $4::uuid ELSE ($5::uuid[])[1 + (i / 2) % array_length($5::uuid[], 1)] END,
            f, l,
            lower(f || '.' || l || (i % 997)) || '@' || ($3::text[])[1 + i % array_length($3::text[], 1)],
            CASE WHEN i % 3 = 0 THEN NULL ELSE '+1' || (2012000000 + abs(hashint8(i * 31)) % 7987999999)::text END,
            NULL, now() - make_interval(secs => i), now() - make_interval(secs => i)
       FROM generate_series(1::bigint, $6::bigint) AS i,
            LATERAL (SELECT ($1::text[])[1 + abs(hashint8(i)) % array_length($1::text[], 1)] AS f,
                            ($2::text[])[1 + abs(hashint8(i + 1000000007)) % array_length($2::text[], 1)] AS l) n`,
    params,
  );
  const companies = Math.max(100, Math.floor(total / 100));
  await client.query(
    `INSERT INTO crm.companies (id, workspace_id, name, domain)
     SELECT gen_random_uuid(), $1, initcap(l) || ' ' || (ARRAY['Labs','Group','Partners','Systems','Logistics','Foods','Capital','Health'])[1 + i % 8] || ' ' || i,
            lower(l) || i || '.example'
       FROM generate_series(1, $3::int) i,
            LATERAL (SELECT ($2::text[])[1 + abs(hashint4(i)) % array_length($2::text[], 1)] AS l) n`,
    [workspaceId, words(LAST), companies],
  );
  const pipelineId = '00000000-0000-4000-9000-000000000001';
  const stageId = '00000000-0000-4000-9000-000000000002';
  await client.query(`INSERT INTO crm.pipelines (id, workspace_id, name) VALUES ($1, $2, 'Bench pipeline')`, [pipelineId, workspaceId]);
  await client.query(`INSERT INTO crm.pipeline_stages (id, workspace_id, pipeline_id, name, position) VALUES ($1, $2, $3, 'Proposal', 0)`, [
    stageId,
    workspaceId,
    pipelineId,
  ]);
  await client.query(
    `INSERT INTO crm.deals (id, workspace_id, name, amount, pipeline_id, stage_id)
     SELECT gen_random_uuid(), $1, initcap(l) || ' ' || (ARRAY['renewal','expansion','pilot','licence'])[1 + i % 4] || ' ' || (2020 + i % 8), i % 100000, $3, $4
       FROM generate_series(1, $5::int) i,
            LATERAL (SELECT ($2::text[])[1 + abs(hashint4(i * 7)) % array_length($2::text[], 1)] AS l) n`,
    [workspaceId, words(LAST), pipelineId, stageId, companies],
  );
  await client.query('ANALYZE crm.contacts; ANALYZE crm.companies; ANALYZE crm.deals');
}

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One typing mistake: a swapped pair, a dropped letter or a wrong letter (never the first). */
function typo(word: string, rnd: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  const kind = Math.floor(rnd() * 3);
  if (kind === 0) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  return word.slice(0, i) + 'abcdefghijklmnopqrstuvwxyz'[Math.floor(rnd() * 26)] + word.slice(i + 1);
}

interface Person {
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
}

/** Search strings a user would type, drawn from the data with seeded typos. */
function queriesFrom(people: Person[], rnd: () => number): string[] {
  return people.map((p, n) => {
    const [first, last] = [p.first_name.toLowerCase(), p.last_name.toLowerCase()];
    switch (n % 5) {
      case 0:
        return `${typo(first, rnd)} ${typo(last, rnd)}`; // "jonh smtih"
      case 1:
        return typo(last, rnd);
      case 2:
        return typo(p.email.split('@')[0]!, rnd);
      case 3:
        return p.phone ? p.phone.slice(-7) : `${first} ${last}`; // the digits people remember
      default:
        return first.slice(0, 3); // as-you-type prefix
    }
  });
}

interface SearchModules {
  repository: { search(m: unknown, object: string, terms: unknown, scope: unknown): Promise<unknown[]> };
  searchTerms(q: string): unknown;
  /** The transaction-local settings statement and its parameters, as the service runs it. */
  settings: [string, string[]];
}

/** crm's own search SQL (compiled), to run the very same statements through raw pg. */
async function loadSearch(): Promise<SearchModules> {
  const dist = (file: string) => pathToFileURL(join(ROOT, 'services/crm/dist/search', file)).href;
  const repo = (await import(dist('search.repository.js'))) as {
    SearchRepository: new () => SearchModules['repository'];
    FUZZY_THRESHOLD: string;
    WORD_THRESHOLD: string;
  };
  const service = (await import(dist('search.service.js'))) as { SEARCH_SETTINGS_SQL: string };
  const terms = (await import(dist('search-terms.js'))) as { searchTerms: SearchModules['searchTerms'] };
  return {
    repository: new repo.SearchRepository(),
    searchTerms: terms.searchTerms,
    settings: [service.SEARCH_SETTINGS_SQL, [repo.FUZZY_THRESHOLD, repo.WORD_THRESHOLD]],
  };
}

async function run({ scale, seconds }: BenchmarkOptions): Promise<BenchmarkResult> {
  const stack = await startStack();
  try {
    const signup = await fetch(`${stack.origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-1', name: 'Bench', workspaceName: 'Bench' }),
    }).then((r) => r.json() as Promise<{ accessToken: string; workspace: { id: string } }>);
    const workspaceId = signup.workspace.id;
    const su = new pg.Client({ connectionString: stack.superuserUrl.replace(/\/[^/]*$/, '/meridian') });
    await su.connect();
    const seedStarted = performance.now();
    await seed(su, workspaceId, scale);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
    const rnd = prng(20261122);
    const sample = await su.query<Person>(
      `SELECT first_name, last_name, email, phone FROM crm.contacts WHERE workspace_id = $1 ORDER BY md5(id::text || $2) LIMIT $3`,
      [workspaceId, 'crm-search', QUERIES],
    );
    await su.end();
    const queries = queriesFrom(sample.rows, rnd);

    const { repository, searchTerms, settings } = await loadSearch();
    const pool = new pg.Pool({ connectionString: await stack.appUrl('crm'), max: 8 });
    pool.on('error', () => undefined);
    const raw = async (i: number) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(`SELECT set_config('app.workspace_id', $1, true)`, [workspaceId]);
        await c.query(...settings);
        const m = { query: async (sql: string, params: unknown[]) => (await c.query(sql, params)).rows };
        const terms = searchTerms(queries[i % queries.length]!);
        for (const object of OBJECTS) await repository.search(m, object, terms, { workspaceId, ownerId: undefined, limit: 10 });
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      } finally {
        c.release();
      }
    };
    let calls = 0;
    let hits = 0;
    const api = async (i: number) => {
      const q = encodeURIComponent(queries[i % queries.length]!);
      const res = await fetch(`${stack.origin}/api/v1/search?q=${q}&limit=10`, {
        headers: { authorization: `Bearer ${signup.accessToken}` },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { data: unknown[] };
      calls++;
      if (body.data.length) hits++;
    };
    const results: Record<string, { api: Measurement; rawPg: Measurement; p95Ratio: number }> = {};
    for (const c of CONCURRENCY) {
      const rawPg = await measure(raw, c, seconds);
      const viaApi = await measure(api, c, seconds);
      results[`c${c}`] = { api: viaApi, rawPg, p95Ratio: Math.round((viaApi.p95Ms / Math.max(rawPg.p95Ms, 0.001)) * 100) / 100 };
    }
    await pool.end();
    const c1 = results.c1!;
    const hitRate = Math.round((hits / Math.max(1, calls)) * 1000) / 10;
    const line = Object.entries(results)
      .map(
        ([c, r]) =>
          `${c}: API p50 ${r.api.p50Ms} / p95 ${r.api.p95Ms} / p99 ${r.api.p99Ms} ms (${r.api.rps} rps, ${r.api.errors} errors) vs raw pg p50 ${r.rawPg.p50Ms} / p95 ${r.rawPg.p95Ms} / p99 ${r.rawPg.p99Ms} ms = ${r.p95Ratio}x at p95`,
      )
      .join('\n  ');
    return {
      name: 'crm-search',
      scale,
      measuredWorkspaceContacts: Math.ceil(scale / 2),
      seedSeconds,
      queries: { count: queries.length, examples: queries.slice(0, 10) },
      secondsPerMeasurement: seconds,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      results,
      apiQueriesWithHitsPercent: hitRate,
      goal: { p95Ms: 50, met: c1.api.p95Ms < 50 },
      summary: `crm-search (${scale} contacts in the table, ${Math.ceil(scale / 2)} in the measured workspace; typo-tolerant queries drawn from the data; baseline = the same search SQL via raw pg):\n  ${line}\n  queries with hits: ${hitRate}%; goal p95 < 50 ms at c1: ${c1.api.p95Ms < 50 ? 'met' : 'NOT met'}`,
    };
  } finally {
    await stack.stop();
  }
}

export const crmSearchBenchmark: Benchmark = { defaultScale: 20_000, run };
