// CRM journeys end to end: the real launcher (no demo data), the real services, Chromium.
// Import a CSV with a bad row and download its error file; drag a deal to Won on the
// pipeline board and find it there after a reload; merge two duplicate contacts.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { findAccessibilityViolations, formatViolations } from './support/axe.js';
import { launchChromium } from './support/browser.js';
import { startPlatform, type Platform } from './support/platform.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(repoRoot, 'web/e2e/screenshots');

const runId = Date.now().toString(36);
const account = {
  name: 'Casey Closer',
  workspaceName: `CRM Flows ${runId}`,
  email: `casey.${runId}@example.com`,
  password: 'correct-horse-battery-staple',
};

let platform: Platform | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

async function shot(name: string) {
  await page.screenshot({ path: join(screenshots, `crm-${name}.png`), fullPage: true });
}

/** WCAG 2.2 A/AA as far as axe-core can tell; serious and critical findings fail the journey. */
async function expectAccessible(screen: string) {
  const violations = (await findAccessibilityViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (violations.length > 0) {
    throw new Error(`axe-core found accessibility violations on ${screen}:\n${formatViolations(violations)}`);
  }
}

/** Calls the API as the signed-in user (the token the app holds right now). */
async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const token = await page.evaluate(
    () => (JSON.parse(localStorage.getItem('meridian.session') ?? '{}') as { accessToken?: string }).accessToken,
  );
  const response = await fetch(`${platform?.baseUrl}/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Runs a journey step; on failure keeps a screenshot and says where the browser was and what the platform logged. */
async function journey(name: string, body: () => Promise<void>) {
  try {
    await body();
  } catch (error) {
    await page.screenshot({ path: join(screenshots, `crm-failed-${name}.png`), fullPage: true }).catch(() => undefined);
    const detail = `${(error as Error).message}\nPage: ${page.url()}\n--- launcher output (tail) ---\n${platform?.output().slice(-3000) ?? ''}`;
    throw new Error(detail, { cause: error });
  }
}

const mainNav = () => page.getByRole('navigation', { name: 'Main navigation' });

/** Waits until the element's whole text is `text` (numbers arrive after the first render). */
async function hasText(locator: Locator, text: string): Promise<void> {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await locator.filter({ hasText: exact }).waitFor({ timeout: 30_000 });
}

describe('CRM flows: import, pipeline, duplicates', () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    const chromium = await launchChromium();
    browser = chromium;
    // MERIDIAN_E2E_BASE_URL reuses a platform that is already running (handy while iterating).
    const external = process.env.MERIDIAN_E2E_BASE_URL;
    platform = external ? { baseUrl: external, output: () => '', stop: async () => {} } : await startPlatform(repoRoot);
    context = await chromium.newContext({
      baseURL: platform.baseUrl,
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));

    await page.goto('/signup');
    await page.locator('input[name="name"]').fill(account.name);
    await page.locator('input[name="workspaceName"]').fill(account.workspaceName);
    await page.locator('input[name="email"]').fill(account.email);
    await page.locator('input[name="password"]').fill(account.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Casey' }).waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 90_000);

  it(
    'imports a CSV with a bad row, shows the counts and downloads an error file naming the row and column',
    () =>
      journey('import', async () => {
        const csv = [
          'First Name,Last Name,Email,Phone',
          `Ada,Lovelace,ada.${runId}@example.com,+44 20 7946 0958`,
          'Bad,Row,not-an-email,',
          `Grace,Hopper,grace.${runId}@example.com,`,
        ].join('\n');

        await mainNav().getByRole('link', { name: 'Imports' }).click();
        await page.getByTestId('empty-state').getByText('No imports yet').waitFor();
        await expectAccessible('the empty imports list');
        await page.getByTestId('empty-state').getByRole('link', { name: 'Import a CSV file' }).click();
        await page.waitForURL('**/imports/new');
        await page.getByTestId('import-file-input').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByTestId('import-file-name').getByText('people.csv').waitFor();
        await shot('01-import-upload');
        await expectAccessible('the import upload step');

        await page.getByRole('button', { name: 'Continue to mapping' }).click();
        // The server recognised the headers: each column already has its field.
        const emailSelect = page.getByTestId('mapping-row').filter({ has: page.getByText('Email', { exact: true }) });
        await emailSelect.getByRole('combobox').getByText('Email').waitFor();
        await page.getByTestId('mapped-preview').getByText('not-an-email').waitFor();
        await shot('02-import-mapping');
        await expectAccessible('the import mapping step');

        await page.getByRole('button', { name: 'Start import' }).click();
        await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
        await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
        await hasText(page.getByTestId('import-count-createdCount'), '2');
        await hasText(page.getByTestId('import-count-errorCount'), '1');
        await hasText(page.getByTestId('import-count-updatedCount'), '0');
        await shot('03-import-result');
        await expectAccessible('the import result');

        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Download errors' }).click(),
        ]);
        const path = await download.path();
        const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
        expect(lines[0]).toBe('row,column,reason,value');
        // Row 3 of the file (the header is row 1), the Email column, with the rejected value.
        expect(lines).toHaveLength(2);
        expect(lines[1]).toMatch(/^3,Email,.+,not-an-email$/);
      }),
    120_000,
  );

  it(
    'drags a deal to Won with the pointer, and finds it in Won after a reload',
    () =>
      journey('pipeline', async () => {
        const pipelines = await api<{ data: Array<{ isDefault: boolean; stages: Array<{ id: string; name: string; kind: string }> }> }>(
          '/pipelines',
        );
        const sales = pipelines.data.find((p) => p.isDefault);
        const negotiation = sales?.stages.find((s) => s.name === 'Negotiation');
        if (!negotiation) throw new Error(`The default pipeline has no Negotiation stage: ${JSON.stringify(pipelines)}`);
        const dealName = `Annual licence ${runId}`;
        const deal = await api<{ id: string }>('/deals', {
          method: 'POST',
          body: { name: dealName, amount: 24000, currency: 'USD', stageId: negotiation.id, expectedCloseDate: '2026-12-15' },
        });

        await mainNav().getByRole('link', { name: 'Pipeline' }).click();
        await page.waitForURL('**/deals/pipeline');
        const card = page.getByTestId('deal-card').filter({ hasText: dealName });
        await card.waitFor();
        const won = page.locator('[data-stage-name="Won"]');
        // Centre the Won column so the drop lands well inside it, away from the board's auto-scroll edges.
        await page.getByTestId('pipeline-board').evaluate((board) => {
          const column = board.querySelector('[data-stage-name="Won"]')?.getBoundingClientRect();
          const frame = board.getBoundingClientRect();
          if (column) board.scrollLeft += column.left - frame.left - (board.clientWidth - column.width) / 2;
        });
        // Negotiation is 75% likely: the board is worth 75% of the deal.
        await hasText(page.getByTestId('pipeline-summary-weighted'), '$18K');
        await shot('04-pipeline');
        await expectAccessible('the pipeline board');

        const from = await card.boundingBox();
        const to = await won.boundingBox();
        if (!from || !to) throw new Error('The card or the Won column is not on screen');
        // Grab the card by its body (the name is a link to the deal and does not start a drag).
        const grab = { x: from.x + from.width / 2, y: from.y + from.height - 16 };
        await page.mouse.move(grab.x, grab.y);
        await page.mouse.down();
        await page.mouse.move(grab.x + 12, grab.y + 8, { steps: 4 });
        await page.mouse.move(to.x + to.width / 2, to.y + 140, { steps: 20 });
        await page.mouse.up();

        await page.getByText(`${dealName} moved to Won`).waitFor();
        await won.getByTestId('deal-card').filter({ hasText: dealName }).waitFor();
        await hasText(won.getByTestId('stage-count'), '1 deal');
        await hasText(won.getByTestId('stage-sum'), '$24K');
        await page.getByTestId('pipeline-summary-won').getByText('$24K').waitFor();
        await shot('05-pipeline-won');

        await page.reload();
        await page.locator('[data-stage-name="Won"]').getByTestId('deal-card').filter({ hasText: dealName }).waitFor();
        expect(await page.locator('[data-stage-name="Negotiation"]').getByTestId('deal-card').filter({ hasText: dealName }).count()).toBe(
          0,
        );
        const saved = await api<{ status: string; closedAt: string | null }>(`/deals/${deal.id}`);
        expect(saved.status).toBe('won');
        expect(saved.closedAt).not.toBeNull();
      }),
    120_000,
  );

  it(
    'merges two duplicate contacts, keeping the values chosen side by side',
    () =>
      journey('merge', async () => {
        const phone = '+1 415 555 0142';
        const first = await api<{ id: string }>('/contacts', {
          method: 'POST',
          body: { firstName: 'Margaret', lastName: 'Hamilton', email: `margaret.${runId}@example.com`, phone, title: 'Director' },
        });
        const second = await api<{ id: string }>('/contacts', {
          method: 'POST',
          body: { firstName: 'Margaret', lastName: 'Hamilton-Smith', email: `mh.${runId}@example.org`, phone },
        });

        await mainNav().getByRole('link', { name: 'Duplicates' }).click();
        await page.waitForURL('**/duplicates');
        const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Hamilton-Smith' });
        await pair.waitFor();
        await shot('06-duplicates');
        await expectAccessible('the duplicates list');

        await pair.getByRole('button', { name: /^Review / }).click();
        const dialog = page.getByRole('dialog', { name: /^Merge Margaret/ });
        await dialog.waitFor();
        // Keep the first record, but take the second one's last name and email.
        await dialog.getByRole('radiogroup', { name: 'Which record to keep' }).getByRole('radio').first().waitFor();
        const firstCard = dialog.getByRole('radiogroup', { name: 'Which record to keep' }).getByRole('radio');
        await firstCard.nth(0).check();
        await dialog.getByRole('radiogroup', { name: 'Value to keep for Last name' }).getByLabel('Hamilton-Smith').check();
        await dialog.getByRole('radiogroup', { name: 'Value to keep for Email' }).getByLabel(`mh.${runId}@example.org`).check();
        await shot('07-merge-compare');
        await expectAccessible('the merge comparison');

        await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
        const confirm = page.getByRole('dialog', { name: 'Merge these records?' });
        await confirm.getByRole('button', { name: 'Merge' }).click();
        await page.getByText(/^Merged into Margaret/).waitFor();
        await pair.waitFor({ state: 'detached' });

        const remaining = await api<{ data: Array<{ id: string; lastName: string; email: string; phone: string; title: string }> }>(
          `/contacts?filter=${encodeURIComponent(JSON.stringify({ and: [{ field: 'firstName', op: 'eq', value: 'Margaret' }] }))}`,
        );
        expect(remaining.data).toHaveLength(1);
        const [kept] = remaining.data;
        expect([first.id, second.id]).toContain(kept?.id);
        expect(kept).toMatchObject({
          lastName: 'Hamilton-Smith',
          email: `mh.${runId}@example.org`,
          phone: '+14155550142',
          title: 'Director',
        });
        await shot('08-merged');
      }),
    120_000,
  );
});
