import { randomUUID } from 'node:crypto';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Benchmark, BenchmarkOptions, BenchmarkResult } from '../benchmark.js';
import { FIRST_NAMES, LAST_NAMES, LIFECYCLE, ratio, signup } from '../crm-data.js';
import { startStack } from '../stack.js';

const LIFECYCLE_LABELS = [
  'Subscriber',
  'Lead',
  'Marketing Qualified Lead',
  'Sales Qualified Lead',
  'Opportunity',
  'Customer',
  'Evangelist',
  'Other',
];

/**
 * Row `i` of the generated file, the same in every run: 1 in 100 repeats the email of the row
 * 50 before it (a duplicate the import must merge), 1 in 1,000 has an invalid email.
 */
function person(i: number) {
  const emailOf = (n: number) => `person${n}@example${n % 50}.com`;
  const duplicate = i % 100 === 99 && i > 50;
  const invalid = i % 1000 === 500;
  return {
    first: FIRST_NAMES[(i * 7) % 16]!,
    last: `${LAST_NAMES[(i * 13) % 16]!}${i % 997}`,
    email: invalid ? `not-an-email-${i}` : emailOf(duplicate ? i - 50 : i),
    // A valid US number (exchange 200–999): libphonenumber rejects 0xx/1xx exchanges.
    phone: `+1415${200 + (i % 800)}${String(i % 10_000).padStart(4, '0')}`,
    title: `Title ${i % 500}`,
    stage: i % 8,
    duplicate,
    invalid,
  };
}

/** The import file: HubSpot-style headers, so the mapping is the automatic one. */
async function writeCsv(path: string, rows: number): Promise<number> {
  async function* lines() {
    yield 'First Name,Last Name,Email,Phone Number,Job Title,Lifecycle Stage\n';
    let chunk = '';
    for (let i = 1; i <= rows; i++) {
      const p = person(i);
      chunk += `${p.first},${p.last},${p.email},${p.phone},${p.title},${LIFECYCLE_LABELS[p.stage]}\n`;
      if (chunk.length > 256 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(Readable.from(lines()), createWriteStream(path));
  return (await stat(path)).size;
}

/** The same rows as COPY text for a table shaped like crm.contacts (already normalised: the floor). */
function copyRows(rows: number, workspaceId: string, userId: string): Readable {
  async function* lines() {
    let chunk = '';
    for (let i = 1; i <= rows; i++) {
      const p = person(i);
      if (p.invalid) continue;
      chunk += `${randomUUID()}\t${workspaceId}\t${p.first}\t${p.last}\t${p.email.toLowerCase()}\t${p.phone}\t${p.title}\t${LIFECYCLE[p.stage]}\t${userId}\t${userId}\n`;
      if (chunk.length > 256 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  return Readable.from(lines());
}

/** pid of the crm service process the launcher started. */
function crmPid(): number | undefined {
  const line = execFileSync('ps', ['-eo', 'pid=,args='])
    .toString()
    .split('\n')
    .find((l) => l.includes('services/crm/dist/main.js'));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

/** VmRSS and VmHWM (peak) of a process in bytes, from /proc/<pid>/status. */
async function memory(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

const MiB = (b: number) => Math.round(b / 1048576);

/**
 * A generated contacts CSV (HubSpot headers, ~1 % duplicate emails, 0.1 % invalid rows)
 * imported through the real API with dedupeBy=email — upload, worker, per-batch
 * transactions with dedupe, events and progress — vs raw `COPY` of the same rows into a
 * table created `LIKE crm.contacts INCLUDING ALL` (same columns, indexes, generated search
 * text), in the same database and run. Peak RSS of the crm process is sampled throughout.
 */
async function run({ scale }: BenchmarkOptions): Promise<BenchmarkResult> {
  const log = (s: string) => process.stderr.write(`[crm-import] ${s}\n`);
  const dir = await mkdtemp(join(tmpdir(), 'meridian-bench-import-'));
  const stack = await startStack();
  try {
    const ws = await signup(stack.origin, 'import@bench.example');
    const file = join(dir, 'contacts.csv');
    const fileBytes = await writeCsv(file, scale);
    log(`generated ${scale} rows (${MiB(fileBytes)} MiB)`);

    // Baseline: COPY into a same-shaped table (indexes included) as the table owner.
    const su = new pg.Client({ connectionString: stack.superuserUrl.replace(/\/[^/]*$/, '/meridian') });
    await su.connect();
    su.on('error', () => undefined); // the connection dies when the stack stops
    await su.query(`CREATE SCHEMA IF NOT EXISTS bench_import`);
    await su.query(`DROP TABLE IF EXISTS bench_import.contacts_copy`);
    await su.query(`CREATE TABLE bench_import.contacts_copy (LIKE crm.contacts INCLUDING ALL)`);
    const copyStarted = performance.now();
    await pipeline(
      copyRows(scale, ws.workspaceId, ws.userId),
      su.query(
        copyFrom(
          `COPY bench_import.contacts_copy (id, workspace_id, first_name, last_name, email, phone, title, lifecycle_stage, owner_id, created_by) FROM STDIN`,
        ),
      ),
    );
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const [{ n: copied }] = (await su.query(`SELECT count(*)::int AS n FROM bench_import.contacts_copy`)).rows as [{ n: number }];
    const copyRowsPerSecond = Math.round(copied / copySeconds);
    log(`COPY: ${copied} rows in ${copySeconds.toFixed(1)} s = ${copyRowsPerSecond} rows/s`);
    await su.query(`DROP TABLE bench_import.contacts_copy`);
    await su.query(`CHECKPOINT`);

    // The import through the API, memory sampled from /proc while it runs.
    const pid = crmPid();
    if (!pid) throw new Error('crm process not found');
    const before = await memory(pid);
    let peakRss = before.rss;
    const sampler = setInterval(
      () =>
        void memory(pid).then(
          (m) => (peakRss = Math.max(peakRss, m.rss)),
          () => undefined,
        ),
      100,
    );
    // A fresh token: generating and COPYing a million rows can outlast the signup's access token.
    const login = await fetch(`${stack.origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'import@bench.example', password: 'bench-password-1' }),
    });
    const token = login.ok ? (((await login.json()) as { accessToken?: string }).accessToken ?? ws.token) : ws.token;
    const started = performance.now();
    const form = new FormData();
    form.append('object', 'contacts');
    form.append('dedupeBy', 'email');
    form.append('onDuplicate', 'update');
    form.append('idempotencyKey', `bench-${scale}`);
    form.append('file', await openAsBlob(file, { type: 'text/csv' }), 'contacts.csv');
    const res = await fetch(`${stack.origin}/api/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 202) throw new Error(`upload: HTTP ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    const uploadSeconds = (performance.now() - started) / 1000;
    log(`uploaded in ${uploadSeconds.toFixed(1)} s`);
    type Status = {
      status: string;
      totalRows: number;
      processedRows: number;
      createdCount: number;
      updatedCount: number;
      skippedCount: number;
      errorCount: number;
      failureReason: string | null;
    };
    let status: Status;
    let lastLog = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      // Read from the table, not the API: an access token expires long before a million rows are in.
      status = (
        await su.query(
          `SELECT status, total_rows AS "totalRows", processed_rows AS "processedRows", created_count AS "createdCount",
                  updated_count AS "updatedCount", skipped_count AS "skippedCount", error_count AS "errorCount", failure_reason AS "failureReason"
             FROM crm.imports WHERE id = $1`,
          [id],
        )
      ).rows[0] as Status;
      if (status.status === 'completed' || status.status === 'failed') break;
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`${status.status}: ${status.processedRows}/${status.totalRows} rows, crm RSS ${MiB(peakRss)} MiB peak`);
      }
    }
    const importSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const after = await memory(pid);
    peakRss = Math.max(peakRss, after.rss);
    if (status.status !== 'completed') {
      const errors = (
        await su.query(`SELECT row_number, column_name, reason FROM crm.import_errors WHERE import_id = $1 ORDER BY row_number LIMIT 5`, [
          id,
        ])
      ).rows as { row_number: number; column_name: string | null; reason: string }[];
      throw new Error(
        `import ${status.status}: ${status.failureReason}\n${errors.map((e) => `${e.row_number},${e.column_name ?? ''},${e.reason}`).join('\n')}`,
      );
    }
    const [{ n: stored }] = (await su.query(`SELECT count(*)::int AS n FROM crm.contacts WHERE workspace_id = $1`, [ws.workspaceId]))
      .rows as [{ n: number }];
    const [{ n: events }] = (
      await su.query(`SELECT count(*)::int AS n FROM crm.outbox WHERE workspace_id = $1 AND type LIKE 'crm.contact.%'`, [ws.workspaceId])
    ).rows as [{ n: number }];
    await su.end();
    const importRowsPerSecond = Math.round(status.processedRows / importSeconds);
    const vsCopy = ratio(importRowsPerSecond, copyRowsPerSecond);
    const peakMiB = MiB(Math.max(peakRss, 0));
    const result = {
      name: 'crm-import',
      scale,
      machine: { cpus: cpus().length, node: process.version },
      file: { rows: scale, bytes: fileBytes },
      copy: { rows: copied, seconds: Math.round(copySeconds * 10) / 10, rowsPerSecond: copyRowsPerSecond },
      import: {
        seconds: Math.round(importSeconds * 10) / 10,
        uploadSeconds: Math.round(uploadSeconds * 10) / 10,
        rowsPerSecond: importRowsPerSecond,
        ...status,
        contactsStored: stored,
        outboxEvents: events,
      },
      ratio: vsCopy,
      crmMemory: { rssBeforeMiB: MiB(before.rss), peakRssSampledMiB: peakMiB, vmHwmMiB: MiB(after.hwm) },
      goals: { ratio: 0.25, peakRssMiB: 300, met: vsCopy >= 0.25 && peakMiB < 300 },
    };
    return {
      ...result,
      summary:
        `crm-import (${scale} rows, ${MiB(fileBytes)} MiB CSV, dedupeBy=email; API upload → worker → batched writes + outbox events vs raw COPY into LIKE crm.contacts INCLUDING ALL):\n` +
        `  import ${importRowsPerSecond} rows/s (${result.import.seconds} s incl. ${result.import.uploadSeconds} s upload; created ${status.createdCount}, updated ${status.updatedCount}, skipped ${status.skippedCount}, errors ${status.errorCount}; ${events} events)\n` +
        `  COPY ${copyRowsPerSecond} rows/s (${result.copy.seconds} s) → ratio ${vsCopy} (goal ≥ 0.25)\n` +
        `  crm peak RSS ${peakMiB} MiB sampled during the import (VmHWM ${result.crmMemory.vmHwmMiB} MiB; before ${result.crmMemory.rssBeforeMiB} MiB; goal < 300 MiB)`,
    };
  } finally {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export const crmImportBenchmark: Benchmark = { defaultScale: 1_000_000, run };
