import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { appendToOutbox, newEvent } from '@meridian/platform';
import type { Benchmark, BenchmarkOptions, BenchmarkResult } from '../benchmark.js';
import { tenantTx } from '../crm-data.js';
import { measure, type Measurement } from '../measure.js';
import { startStack } from '../stack.js';

const CONCURRENCY = [1, 10];

/** Seeds `n` contacts for one workspace with plain SQL (deterministic names, spread creation times). */
async function seed(superuserUrl: string, workspaceId: string, n: number): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl.replace(/\/[^/]*$/, '/meridian') });
  await client.connect();
  await client.query(
    `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, title, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'First' || i, 'Last' || i, 'seed' || i || '@example.com', 'Title ' || (i % 500),
            now() - make_interval(secs => i), now() - make_interval(secs => i)
       FROM generate_series(1, $2) AS i`,
    [workspaceId, n],
  );
  await client.query('ANALYZE crm.contacts');
  await client.end();
}

/** The same statements the crm service runs, through a raw pg pool. */
function rawOps(pool: pg.Pool, workspaceId: string, ids: string[]) {
  const tx = <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => tenantTx(pool, workspaceId, fn);
  return {
    create: (i: number) =>
      tx(async (c) => {
        const id = randomUUID();
        const now = new Date();
        await c.query(
          `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, phone, title, created_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, NULL, NULL, NULL, $6, $6)`,
          [id, workspaceId, 'Raw', `Bench${i}`, `raw${i}@example.com`, now],
        );
        await appendToOutbox(c, 'crm', [
          newEvent({ type: 'crm.contact.created.v1', source: 'meridian/bench', workspaceId, subject: id, data: { contact: { id } } }),
        ]);
      }),
    get: (i: number) =>
      tx((c) => c.query('SELECT * FROM crm.contacts WHERE id = $1 AND workspace_id = $2 LIMIT 1', [ids[i % ids.length], workspaceId])).then(
        () => undefined,
      ),
    sampleIds: (n: number) =>
      tx((c) => c.query<{ id: string }>('SELECT id FROM crm.contacts ORDER BY id LIMIT $1', [n])).then((r) => r.rows.map((x) => x.id)),
    list: () =>
      tx((c) =>
        c.query('SELECT * FROM crm.contacts WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC LIMIT 61', [workspaceId]),
      ).then(() => undefined),
  };
}

function stackOps(origin: string, token: string, ids: string[]) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const ok = async (res: Response) => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    await res.arrayBuffer();
  };
  return {
    create: (i: number) =>
      fetch(`${origin}/api/v1/contacts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ firstName: 'Stack', lastName: `Bench${i}`, email: `stack${i}@example.com` }),
      }).then(ok),
    get: (i: number) => fetch(`${origin}/api/v1/contacts/${ids[i % ids.length]}`, { headers }).then(ok),
    list: () => fetch(`${origin}/api/v1/contacts?limit=60`, { headers }).then(ok),
  };
}

async function run({ scale, seconds }: BenchmarkOptions): Promise<BenchmarkResult> {
  const stack = await startStack();
  const rssPeak = { bench: 0, crm: 0 };
  const sampler = setInterval(() => {
    rssPeak.bench = Math.max(rssPeak.bench, process.memoryUsage().rss);
    void stack.serviceRss('crm').then((r) => (rssPeak.crm = Math.max(rssPeak.crm, r)));
  }, 250);
  try {
    const signup = await fetch(`${stack.origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: 'bench-password-1', name: 'Bench', workspaceName: 'Bench' }),
    }).then((r) => r.json() as Promise<{ accessToken: string; workspace: { id: string } }>);
    const workspaceId = signup.workspace.id;
    await seed(stack.superuserUrl, workspaceId, scale);
    const pool = new pg.Pool({ connectionString: await stack.appUrl('crm'), max: 10 });
    pool.on('error', () => undefined); // idle connections die when the stack stops
    const ids = await rawOps(pool, workspaceId, []).sampleIds(1000);
    const raw = rawOps(pool, workspaceId, ids);
    const api = stackOps(stack.origin, signup.accessToken, ids);
    const results: Record<string, Record<string, { stack: Measurement; rawPg: Measurement; rpsRatio: number; p50Ratio: number }>> = {};
    // Reads first: creates leave event work (relay, consumers) that would compete with them.
    for (const op of ['get', 'list', 'create'] as const) {
      results[op] = {};
      for (const c of CONCURRENCY) {
        const rawPg = await measure(raw[op], c, seconds);
        const viaStack = await measure(api[op], c, seconds);
        results[op][`c${c}`] = {
          stack: viaStack,
          rawPg,
          rpsRatio: Math.round((viaStack.rps / rawPg.rps) * 1000) / 1000,
          p50Ratio: Math.round((viaStack.p50Ms / Math.max(rawPg.p50Ms, 0.001)) * 100) / 100,
        };
      }
    }
    await pool.end();
    const line = Object.entries(results)
      .flatMap(([op, byC]) =>
        Object.entries(byC).map(
          ([c, r]) =>
            `${op === 'list' ? 'list-60' : op} ${c}: ${r.stack.rps} rps (p50 ${r.stack.p50Ms} ms, p99 ${r.stack.p99Ms} ms, ${r.stack.errors} errors) vs raw pg ${r.rawPg.rps} rps (p50 ${r.rawPg.p50Ms} ms, p99 ${r.rawPg.p99Ms} ms) = ${r.rpsRatio}x`,
        ),
      )
      .join('\n  ');
    return {
      name: 'contacts-api',
      scale,
      secondsPerMeasurement: seconds,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      results,
      peakRssBytes: rssPeak,
      summary: `contacts-api (${scale} contacts, stack = HTTP edge → crm → Postgres; baseline = the same SQL via raw pg):\n  ${line}\n  peak RSS: crm ${(rssPeak.crm / 1048576).toFixed(0)} MiB, bench ${(rssPeak.bench / 1048576).toFixed(0)} MiB`,
    };
  } finally {
    clearInterval(sampler);
    await stack.stop();
  }
}

export const contactsApiBenchmark: Benchmark = { defaultScale: 10_000, run };
