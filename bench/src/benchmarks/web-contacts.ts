import { existsSync } from 'node:fs';
import { request } from 'node:http';
import pg from 'pg';
import { chromium, type Browser } from 'playwright-core';
import type { Benchmark, BenchmarkOptions, BenchmarkResult } from '../benchmark.js';
import { startStack } from '../stack.js';

const RUNS = 5;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Twenty (twentyhq/twenty) measured on this machine with the same method, for the issue;
// a reference, not part of this run.
const TWENTY = { coldLoadMs: 7100, firstLoadJsBytes: 1.91 * 1024 * 1024 };

const round = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Deterministic contacts straight into the table (the API's create path is measured by crm-create). */
async function seed(superuserUrl: string, workspaceId: string, ownerId: string, n: number) {
  const client = new pg.Client({ connectionString: superuserUrl.replace(/\/[^/]*$/, '/meridian') });
  await client.connect();
  await client.query(
    `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, phone, owner_id, lifecycle_stage, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'First' || i, 'Last' || i, 'seed' || i || '@example.com', '+1415555' || lpad((i % 10000)::text, 4, '0'),
            $2, (ARRAY['lead','customer','opportunity'])[1 + i % 3], now() - make_interval(secs => i), now() - make_interval(secs => i)
       FROM generate_series(1, $3) AS i`,
    [workspaceId, ownerId, n],
  );
  await client.query('ANALYZE crm.contacts');
  await client.end();
}

/** Size of a URL's body as the edge sends it for `encoding` (content-length of the compressed body). */
function encodedSize(url: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve(bytes));
    });
    req.on('error', reject);
    req.end();
  });
}

interface LoadSample {
  rowsVisibleMs: number;
  jsUrls: string[];
  jsTransferredBytes: number;
}

/** One cold load: a fresh browser context (empty HTTP cache), signed in, /contacts until a row shows. */
async function coldLoad(browser: Browser, origin: string, session: unknown): Promise<LoadSample> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 900 } });
  try {
    // Signed in before the first byte, as a returning user is (the app keeps its session in localStorage).
    await context.addInitScript(`localStorage.setItem('meridian.session', ${JSON.stringify(JSON.stringify(session))})`);
    const page = await context.newPage();
    const js: Array<Promise<number>> = [];
    const jsUrls: string[] = [];
    page.on('response', (res) => {
      if (!res.url().endsWith('.js')) return;
      jsUrls.push(res.url());
      js.push(res.headerValue('content-length').then((v) => Number(v ?? 0)));
    });
    await page.goto('/contacts', { waitUntil: 'commit' });
    // Measured in the page against navigation start: from the request of the document to rows painted.
    const rowsVisibleMs = await page
      .waitForFunction(`document.querySelector('[data-testid="record-row"]') ? performance.now() : null`, undefined, {
        timeout: 30_000,
        polling: 'raf',
      })
      .catch(async (err: Error) => {
        const text = (
          await page
            .locator('body')
            .innerText()
            .catch(() => '')
        ).slice(0, 500);
        throw new Error(`no contact row within 30 s at ${page.url()}: ${err.message}\n--- page text ---\n${text}`);
      });
    const ms = (await rowsVisibleMs.jsonValue()) as number;
    return { rowsVisibleMs: ms, jsUrls, jsTransferredBytes: (await Promise.all(js)).reduce((a, b) => a + b, 0) };
  } finally {
    await context.close();
  }
}

async function run({ scale }: BenchmarkOptions): Promise<BenchmarkResult> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const stack = await startStack();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const session = (await fetch(`${stack.origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'web-bench@example.com', password: 'bench-password-1', name: 'Web Bench', workspaceName: 'Web Bench' }),
    }).then((r) => r.json())) as { accessToken: string; user: { id: string }; workspace: { id: string } };
    await seed(stack.superuserUrl, session.workspace.id, session.user.id, scale);

    // Baseline in the same run: the list request the page makes, from Node with no browser.
    const apiMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${stack.origin}/api/v1/contacts?limit=100&sort=-createdAt&total=true`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      if (!res.ok) throw new Error(`list answered ${res.status}`);
      await res.arrayBuffer();
      apiMs.push(performance.now() - t0);
    }

    await coldLoad(browser, stack.origin, session); // warms the services' caches and the edge's compressed copies, not the browser
    const samples: LoadSample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await coldLoad(browser, stack.origin, session));

    const loads = samples.map((s) => s.rowsVisibleMs).sort((a, b) => a - b);
    const jsUrls = [...new Set(samples[0]!.jsUrls)];
    const gzipBytes = (await Promise.all(jsUrls.map((u) => encodedSize(u, 'gzip')))).reduce((a, b) => a + b, 0);
    const rawBytes = (await Promise.all(jsUrls.map((u) => encodedSize(u, 'identity')))).reduce((a, b) => a + b, 0);
    const brBytes = samples[0]!.jsTransferredBytes;
    const median = percentile(loads, 50);
    const apiMedian = percentile(
      [...apiMs].sort((a, b) => a - b),
      50,
    );
    const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
    return {
      name: 'web-contacts',
      scale,
      runs: RUNS,
      coldLoadMs: { median: round(median), p95: round(percentile(loads, 95)), samples: loads.map(round) },
      listApiBaselineMs: { median: round(apiMedian), samples: apiMs.map(round) },
      firstLoadJs: {
        files: jsUrls.length,
        rawBytes,
        gzipBytes,
        brotliTransferredBytes: brBytes,
        urls: jsUrls.map((u) => new URL(u).pathname),
      },
      goals: { coldLoadMs: 1000, gzipBytes: 300 * 1024 },
      twentyReference: TWENTY,
      ratios: { coldLoadVsTwenty: round(TWENTY.coldLoadMs / median), jsVsTwenty: round(TWENTY.firstLoadJsBytes / gzipBytes) },
      summary:
        `web-contacts (${scale} contacts, ${RUNS} cold loads, fresh browser context each): rows visible median ${round(median)} ms, p95 ${round(percentile(loads, 95))} ms ` +
        `(goal ≤ 1000 ms; Twenty 7100 ms = ${round(TWENTY.coldLoadMs / median)}x faster); the list API alone ${round(apiMedian)} ms.\n` +
        `  first-load JS: ${jsUrls.length} files, ${kb(gzipBytes)} gzip (goal ≤ 300 KB; Twenty 1.91 MB), ${kb(brBytes)} as sent (brotli), ${kb(rawBytes)} uncompressed`,
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}

export const webContactsBenchmark: Benchmark = { defaultScale: 100_000, run };
