// CRM records end to end on the real launcher and Chromium: create a company and a
// contact linked to it, open the record page, log a note onto the timeline, add and
// complete a task, filter the table and save the filter as a view, edit a cell inline,
// find the contact with Ctrl+K despite a typo; axe finds no serious violations on the
// table and the record page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findAccessibilityViolations, formatViolations } from './support/axe.js';
import { launchChromium } from './support/browser.js';
import { startPlatform, type Platform } from './support/platform.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(repoRoot, 'web/e2e/screenshots');

const runId = Date.now().toString(36);
const account = {
  name: 'Riley Rep',
  workspaceName: `Records ${runId}`,
  email: `riley.${runId}@example.com`,
  password: 'correct-horse-battery-staple',
};
const company = { name: `Initech ${runId}`, domain: `initech-${runId}.example` };
const contact = { firstName: 'Peter', lastName: 'Gibbons', email: `peter.${runId}@example.com` };
const other = { firstName: 'Milton', lastName: 'Waddams', email: `milton.${runId}@example.com` };

let platform: Platform | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

async function shot(name: string) {
  await page.screenshot({ path: join(screenshots, `records-${name}.png`), fullPage: true });
}

/** Serious and critical WCAG A/AA violations fail the journey (axe-core). */
async function expectNoSeriousViolations(screen: string) {
  const violations = (await findAccessibilityViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (violations.length > 0)
    throw new Error(`axe-core found serious accessibility violations on ${screen}:\n${formatViolations(violations)}`);
}

const field = (name: string) => page.locator(`input[name="${name}"]`);
const mainNav = () => page.getByRole('navigation', { name: 'Main navigation' });
const rows = () => page.getByTestId('record-row');
/** Each step drives the real stack; jest's default 5 s is too short on a busy CI machine. */
const stepTimeout = 60_000;

describe('CRM records: tables, record page, timeline, views, inline edit, search', () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    browser = await launchChromium();
    platform = await startPlatform(repoRoot);
    const signup = await fetch(`${platform.baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    if (signup.status !== 201 && signup.status !== 200) throw new Error(`sign-up answered ${signup.status}: ${await signup.text()}`);
    context = await browser.newContext({ baseURL: platform.baseUrl, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/login');
    await field('email').fill(account.email);
    await field('password').fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 90_000);

  it(
    'creates a company from the companies table',
    async () => {
      await mainNav().getByRole('link', { name: 'Companies' }).click();
      await page.getByTestId('empty-state').getByRole('button', { name: 'Create company' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create company' });
      await field('name').fill(company.name);
      await field('domain').fill(company.domain);
      await dialog.getByRole('button', { name: 'Create company' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await rows().filter({ hasText: company.name }).waitFor();
      await page.getByText(`${company.name} was added to your companies`).waitFor();
    },
    stepTimeout,
  );

  it(
    'creates a contact linked to the company, and a second contact',
    async () => {
      await mainNav().getByRole('link', { name: 'Contacts' }).click();
      await page.getByTestId('empty-state').getByRole('button', { name: 'Create contact' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create contact' });
      await field('firstName').fill(contact.firstName);
      await field('lastName').fill(contact.lastName);
      await field('email').fill(contact.email);
      await dialog.getByRole('combobox', { name: /Company/ }).fill(company.name.slice(0, 10));
      await page.getByRole('option', { name: company.name }).click();
      await dialog.getByRole('button', { name: 'Create contact' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = rows().filter({ hasText: `${contact.firstName} ${contact.lastName}` });
      await row.waitFor();
      expect(await row.textContent()).toContain(company.name);

      await page.getByRole('button', { name: 'Create contact' }).click();
      await field('firstName').fill(other.firstName);
      await field('lastName').fill(other.lastName);
      await field('email').fill(other.email);
      await page.getByRole('dialog', { name: 'Create contact' }).getByRole('button', { name: 'Create contact' }).click();
      await rows().filter({ hasText: other.lastName }).waitFor();
      await page.getByTestId('record-total').getByText('2 in total').waitFor();
      await shot('01-contacts-table');
      await expectNoSeriousViolations('the contacts table');
    },
    stepTimeout,
  );

  it(
    'opens the record page with the linked company and logs a note onto the timeline',
    async () => {
      await rows().filter({ hasText: contact.lastName }).getByTestId('record-link').click();
      await page.getByRole('heading', { level: 1, name: `${contact.firstName} ${contact.lastName}` }).waitFor();
      await page.getByTestId('related-company').getByRole('link', { name: company.name }).waitFor();

      const note = `Asked about the TPS reports (${runId})`;
      await page.locator('textarea[name="activityBody"]').fill(note);
      await page.getByRole('button', { name: 'Save note' }).click();
      const item = page.getByTestId('timeline-item').filter({ hasText: note });
      await item.waitFor();
      expect(await item.textContent()).toContain('Note');
      await page.getByText('Note logged').waitFor();

      await page.locator('input[name="taskTitle"]').fill('Send the new cover sheet');
      await page.getByRole('button', { name: 'Add task' }).click();
      const task = page.getByTestId('task-item').filter({ hasText: 'Send the new cover sheet' });
      await task.waitFor();
      await task.getByRole('checkbox', { name: 'Complete “Send the new cover sheet”' }).click();
      await page.getByText('Completed “Send the new cover sheet”').waitFor();
      await shot('02-record-page');
      await expectNoSeriousViolations('the contact record page');
    },
    stepTimeout,
  );

  it(
    'filters the table and saves the filter as a view',
    async () => {
      await mainNav().getByRole('link', { name: 'Contacts' }).click();
      await rows().first().waitFor();
      await page.getByRole('button', { name: 'Filter' }).click();
      const builder = page.getByRole('dialog', { name: 'Filter records' });
      await builder.getByRole('button', { name: 'Add condition' }).click();
      await builder.getByRole('combobox', { name: 'Field' }).click();
      await page.getByRole('option', { name: 'Email', exact: true }).click();
      await builder.getByRole('textbox', { name: 'Value' }).fill(`peter.${runId}`);
      await builder.getByRole('button', { name: 'Apply' }).click();
      await page.getByTestId('filter-chip').getByText(`Email contains peter.${runId}`).waitFor();
      await page.getByTestId('record-total').getByText('1 in total').waitFor();
      expect(await rows().count()).toBe(1);

      await page.getByRole('button', { name: 'Save view' }).click();
      const save = page.getByRole('dialog', { name: 'Save this view' });
      await save.getByRole('textbox', { name: 'View name' }).fill('Peter only');
      await save.getByRole('button', { name: 'Save view' }).click();
      await page.getByRole('tab', { name: 'Peter only' }).waitFor();

      await page.getByRole('tab', { name: 'All' }).click();
      await page.getByTestId('record-total').getByText('2 in total').waitFor();
      await page.getByRole('tab', { name: 'Peter only' }).click();
      await page.getByTestId('record-total').getByText('1 in total').waitFor();
      await shot('03-saved-view');
    },
    stepTimeout,
  );

  it(
    'edits a cell inline and the change is saved',
    async () => {
      await page.getByRole('tab', { name: 'All' }).click();
      const row = rows().filter({ hasText: other.lastName });
      await row.locator('[data-column="phone"]').dblclick();
      const input = page.getByRole('textbox', { name: `Edit Phone of ${other.firstName} ${other.lastName}` });
      await input.fill('+1 415 555 0199');
      await input.press('Enter');
      await row.locator('[data-column="phone"]').getByText('+14155550199').waitFor();
      // Saved on the server, not only in the table: a fresh load shows it.
      await page.reload();
      await rows().filter({ hasText: other.lastName }).locator('[data-column="phone"]').getByText('+14155550199').waitFor();
    },
    stepTimeout,
  );

  it(
    'finds the contact with Ctrl+K despite a typo and opens it',
    async () => {
      await page.keyboard.press('Control+k');
      const search = page.getByRole('combobox', { name: 'Search contacts, companies and deals' });
      await search.fill('petr gibons');
      await page
        .getByTestId('search-hit')
        .filter({ hasText: `${contact.firstName} ${contact.lastName}` })
        .first()
        .waitFor();
      await shot('04-search');
      await search.press('Enter');
      await page.getByRole('heading', { level: 1, name: `${contact.firstName} ${contact.lastName}` }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/contacts\/[0-9a-f-]{36}$/);
    },
    stepTimeout,
  );
});
