import pg from 'pg';
import type { Benchmark, BenchmarkOptions, BenchmarkResult } from '../benchmark.js';
import { ratio, seedTable, signup, tenantTx } from '../crm-data.js';
import { measure, type Measurement } from '../measure.js';
import { startStack } from '../stack.js';

const SMALL = 1_000;

/** The keyset SQL crm runs for `filter=lifecycleStage eq lead & sort=lastName & limit=60` (page 1 and after a cursor). */
const SELECT = `SELECT r.id, r.first_name, r.last_name, r.email, r.emails, r.phone, r.phones, r.title, r.company_id, co.name AS company_name,
    r.owner_id, r.lifecycle_stage, r.lead_status, r.source, r.tags, r.address, r.social, r.external_id, r.custom,
    r.created_at, r.updated_at, r.last_activity_at, (r.last_name_key)::text AS k0
  FROM crm.contacts r LEFT JOIN crm.companies co ON co.id = r.company_id
  WHERE r.workspace_id = $1::uuid AND r.lifecycle_stage = $2::text`;
const FIRST_PAGE = `${SELECT} ORDER BY r.last_name_key ASC, r.id ASC LIMIT 61`;
const NEXT_PAGE = `${SELECT} AND (r.last_name_key, r.id) > ($3::text, $4::uuid) ORDER BY r.last_name_key ASC, r.id ASC LIMIT 61`;
const FILTER = JSON.stringify({ and: [{ field: 'lifecycleStage', op: 'eq', value: 'lead' }] });

interface Case {
  workspace: string;
  contacts: number;
  page: 'first' | 'deep';
  concurrency: number;
  stack: Measurement;
  rawTx: Measurement;
  p50Ratio: number;
}

async function run({ scale, seconds }: BenchmarkOptions): Promise<BenchmarkResult> {
  const big = Math.floor(scale / 2);
  const stack = await startStack();
  const log = (s: string) => process.stderr.write(`[crm-list] ${s}\n`);
  try {
    const large = await signup(stack.origin, 'large@bench.example');
    const small = await signup(stack.origin, 'small@bench.example');
    await seedTable(
      stack.superuserUrl,
      [
        { workspaceId: large.workspaceId, n: big },
        { workspaceId: small.workspaceId, n: SMALL },
      ],
      scale,
      log,
    );
    const pool = new pg.Pool({ connectionString: await stack.appUrl('crm'), max: 10 });
    pool.on('error', () => undefined);
    const cases: Case[] = [];
    for (const [label, ws, n] of [
      ['small', small, SMALL],
      ['large', large, big],
    ] as const) {
      // A deep cursor: a quarter of the way through the filtered, sorted list.
      const mid = await tenantTx(pool, ws.workspaceId, (c) =>
        c.query<{ k0: string; id: string }>(
          `${SELECT} ORDER BY r.last_name_key, r.id OFFSET (SELECT count(*) / 4 FROM crm.contacts WHERE workspace_id = $1 AND lifecycle_stage = $2) LIMIT 1`,
          [ws.workspaceId, 'lead'],
        ),
      );
      const cursorRow = mid.rows[0]!;
      const apiCursor = await fetch(`${stack.origin}/api/v1/contacts?limit=60&sort=lastName&filter=${encodeURIComponent(FILTER)}`, {
        headers: { authorization: `Bearer ${ws.token}` },
      }).then((r) => r.json() as Promise<{ nextCursor: string }>);
      // The API's cursor format, pointed at the same middle row (its signature binds it to this sort).
      const deepCursor = Buffer.from(JSON.stringify({ s: 'lastName', v: [cursorRow.k0], i: cursorRow.id })).toString('base64url');
      if (!apiCursor.nextCursor) throw new Error('expected more than one page');
      for (const page of ['first', 'deep'] as const) {
        const url = `${stack.origin}/api/v1/contacts?limit=60&sort=lastName&filter=${encodeURIComponent(FILTER)}${page === 'deep' ? `&cursor=${deepCursor}` : ''}`;
        const headers = { authorization: `Bearer ${ws.token}` };
        const api = async () => {
          const res = await fetch(url, { headers });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          const body = (await res.json()) as { data: unknown[] };
          if (body.data.length !== 60) throw new Error(`expected 60 rows, got ${body.data.length}`);
        };
        const params = page === 'first' ? [ws.workspaceId, 'lead'] : [ws.workspaceId, 'lead', cursorRow.k0, cursorRow.id];
        const sql = page === 'first' ? FIRST_PAGE : NEXT_PAGE;
        // Under RLS the statement needs the tenant setting, so the baseline runs it as crm
        // does: BEGIN, set_config, the query, COMMIT on a pooled app-role connection.
        const rawTx = () => tenantTx(pool, ws.workspaceId, (c) => c.query(sql, params)).then(() => undefined);
        for (const concurrency of [1, 10]) {
          const viaRaw = await measure(rawTx, concurrency, seconds);
          const viaStack = await measure(api, concurrency, seconds);
          cases.push({
            workspace: label,
            contacts: n,
            page,
            concurrency,
            stack: viaStack,
            rawTx: viaRaw,
            p50Ratio: ratio(viaStack.p50Ms, viaRaw.p50Ms),
          });
          log(`${label} ${page} c${concurrency}: stack p50 ${viaStack.p50Ms} ms vs raw ${viaRaw.p50Ms} ms`);
        }
      }
    }
    await pool.end();
    const at = (w: string, p: string, c: number) => cases.find((x) => x.workspace === w && x.page === p && x.concurrency === c)!;
    const flat = ratio(at('large', 'first', 1).stack.p50Ms, at('small', 'first', 1).stack.p50Ms);
    const flatDeep = ratio(at('large', 'deep', 1).stack.p50Ms, at('small', 'deep', 1).stack.p50Ms);
    const lines = cases.map(
      (c) =>
        `${c.workspace} (${c.contacts}) ${c.page} page c${c.concurrency}: stack ${c.stack.rps} rps p50 ${c.stack.p50Ms} ms p95 ${c.stack.p95Ms} p99 ${c.stack.p99Ms} | raw pg ${c.rawTx.rps} rps p50 ${c.rawTx.p50Ms} ms | p50 ratio ${c.p50Ratio}x`,
    );
    return {
      name: 'crm-list',
      scale,
      secondsPerMeasurement: seconds,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      cases,
      flatness: { firstPageP50LargeOverSmall: flat, deepPageP50LargeOverSmall: flatDeep },
      summary: `crm-list (${scale} contacts in the table; ${big} and ${SMALL} in the measured workspaces; GET /api/v1/contacts?filter=lifecycleStage eq lead&sort=lastName&limit=60 through the edge vs the same keyset SQL in the same tenant transaction via raw pg):\n  ${lines.join('\n  ')}\n  flatness p50 large/small: first page ${flat}x, deep page ${flatDeep}x (goal ≤ 1.2x)`,
    };
  } finally {
    await stack.stop();
  }
}

export const crmListBenchmark: Benchmark = { defaultScale: 1_000_000, run };
