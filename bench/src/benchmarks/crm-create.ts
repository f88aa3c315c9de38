import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Benchmark, BenchmarkOptions, BenchmarkResult } from '../benchmark.js';
import { ratio, seedTable, signup } from '../crm-data.js';
import { measure, type Measurement } from '../measure.js';
import { startStack } from '../stack.js';

/**
 * POST /api/v1/contacts (validation, tenant transaction, insert + outbox event, response)
 * vs one raw `INSERT` of the same row through a pg pool, in the same run.
 */
async function run({ scale, seconds }: BenchmarkOptions): Promise<BenchmarkResult> {
  const stack = await startStack();
  const log = (s: string) => process.stderr.write(`[crm-create] ${s}\n`);
  try {
    const ws = await signup(stack.origin, 'create@bench.example');
    await seedTable(stack.superuserUrl, [{ workspaceId: ws.workspaceId, n: scale }], scale, log);
    // The baseline writes as the table's owner would, without RLS or a transaction: the floor.
    const pool = new pg.Pool({ connectionString: stack.superuserUrl.replace(/\/[^/]*$/, '/meridian'), max: 10 });
    pool.on('error', () => undefined);
    const headers = { authorization: `Bearer ${ws.token}`, 'content-type': 'application/json' };
    const body = (i: number) => ({
      firstName: 'Stack',
      lastName: `Bench${i}`,
      email: `stack${i}@bench.example`,
      phone: '+14155550100',
      lifecycleStage: 'lead',
    });
    const api = async (i: number) => {
      const res = await fetch(`${stack.origin}/api/v1/contacts`, { method: 'POST', headers, body: JSON.stringify(body(i)) });
      if (res.status !== 201) throw new Error(`HTTP ${res.status}`);
      await res.arrayBuffer();
    };
    const raw = async (i: number) => {
      await pool.query(
        `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, phone, lifecycle_stage, owner_id, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [randomUUID(), ws.workspaceId, 'Raw', `Bench${i}`, `raw${i}@bench.example`, '+14155550100', 'lead', ws.userId],
      );
    };
    const results: Record<string, { stack: Measurement; rawInsert: Measurement; p50Ratio: number; rpsRatio: number }> = {};
    for (const c of [1, 10]) {
      const rawInsert = await measure(raw, c, seconds);
      const viaStack = await measure(api, c, seconds);
      results[`c${c}`] = {
        stack: viaStack,
        rawInsert,
        p50Ratio: ratio(viaStack.p50Ms, rawInsert.p50Ms),
        rpsRatio: ratio(viaStack.rps, rawInsert.rps),
      };
      log(`c${c}: stack ${viaStack.rps} rps p50 ${viaStack.p50Ms} ms vs raw ${rawInsert.rps} rps p50 ${rawInsert.p50Ms} ms`);
    }
    await pool.end();
    const lines = Object.entries(results).map(
      ([c, r]) =>
        `${c}: stack ${r.stack.rps} creates/s (p50 ${r.stack.p50Ms} ms, p95 ${r.stack.p95Ms}, p99 ${r.stack.p99Ms}, ${r.stack.errors} errors) vs raw INSERT ${r.rawInsert.rps}/s (p50 ${r.rawInsert.p50Ms} ms) — p50 ${r.p50Ratio}x raw, throughput ${r.rpsRatio}x raw`,
    );
    return {
      name: 'crm-create',
      scale,
      secondsPerMeasurement: seconds,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      results,
      summary: `crm-create (${scale} contacts in the workspace; POST /api/v1/contacts through the edge, with its outbox event, vs one raw INSERT of the same row via pg):\n  ${lines.join('\n  ')}`,
    };
  } finally {
    await stack.stop();
  }
}

export const crmCreateBenchmark: Benchmark = { defaultScale: 100_000, run };
