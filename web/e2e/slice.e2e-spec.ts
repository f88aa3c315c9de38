// The first vertical slice, end to end: the real launcher, the real services, Chromium.
// Sign up -> Home -> Contacts (empty) -> create with a bad email, fix it -> the contact
// is listed -> the Home chart counts it -> log out -> log in -> still listed.
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
  name: 'Erin Example',
  workspaceName: `E2E Workspace ${runId}`,
  email: `erin.${runId}@example.com`,
  password: 'correct-horse-battery-staple',
};
const contact = { firstName: 'Grace', lastName: 'Hopper', badEmail: 'grace.hopper@', email: `grace.${runId}@example.com` };

let platform: Platform | undefined;
let browser: Browser | undefined;
let context: BrowserContext;
let page: Page;

async function shot(name: string) {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** WCAG 2.2 A/AA as far as axe-core can tell, on the screen as it is now. */
async function expectAccessible(screen: string) {
  const violations = await findAccessibilityViolations(page);
  if (violations.length > 0) {
    throw new Error(`axe-core found accessibility violations on ${screen}:\n${formatViolations(violations)}`);
  }
}

async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}; last value: ${String(last)}`);
    await page.waitForTimeout(1_000);
    last = await read();
  }
  return last;
}

const field = (name: string) => page.locator(`input[name="${name}"]`);
const mainNav = () => page.getByRole('navigation', { name: 'Main navigation' });
/** Each step drives the real stack; jest's default 5 s is too short on a busy CI machine. */
const stepTimeout = 60_000;

describe('Meridian slice: sign up, contacts, report, log in again', () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    // Fail fast on a missing browser before spending two minutes booting the platform.
    const chromium = await launchChromium();
    browser = chromium;
    platform = await startPlatform(repoRoot);
    const index = await fetch(`${platform.baseUrl}/`);
    if (!index.ok || !(index.headers.get('content-type') ?? '').includes('text/html')) {
      throw new Error(`The launcher does not serve the web app (GET / answered ${index.status}). Build it: npm run build -w web`);
    }
    context = await chromium.newContext({ baseURL: platform.baseUrl, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 90_000);

  it(
    'signs up and lands on Home',
    async () => {
      await page.goto('/');
      await page.waitForURL('**/login');
      await page.getByRole('link', { name: 'Create an account' }).click();
      await page.waitForURL('**/signup');
      await field('name').fill(account.name);
      await field('workspaceName').fill(account.workspaceName);
      await field('email').fill(account.email);
      await field('password').fill(account.password);
      await shot('01-signup');
      await expectAccessible('the sign-up page');
      await page.getByRole('button', { name: 'Create account' }).click();

      await page.getByRole('heading', { level: 1, name: 'Welcome, Erin' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.getByTestId('workspace-name').textContent()).toBe(account.workspaceName);
      await shot('02-home-after-signup');
      await expectAccessible('Home');
    },
    stepTimeout,
  );

  it(
    'shows the empty state on Contacts',
    async () => {
      await mainNav().getByRole('link', { name: 'Contacts' }).click();
      await page.waitForURL('**/contacts');
      await page.getByTestId('empty-state').getByText('No contacts yet').waitFor();
      await shot('03-contacts-empty');
      await expectAccessible('the empty contacts list');
    },
    stepTimeout,
  );

  it(
    'rejects a bad email inline, then creates the contact once fixed',
    async () => {
      await page.getByTestId('empty-state').getByRole('button', { name: 'Create contact' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create contact' });
      await dialog.waitFor();
      await field('firstName').fill(contact.firstName);
      await field('lastName').fill(contact.lastName);
      await field('email').fill(contact.badEmail);
      await dialog.getByRole('button', { name: 'Create contact' }).click();

      const emailHelper = dialog.getByTestId('email-helper');
      await emailHelper.getByText('Enter a valid email address').waitFor();
      expect(await field('email').getAttribute('aria-invalid')).toBe('true');
      await shot('04-create-invalid-email');
      await expectAccessible('the create-contact dialog with an error');

      await field('email').fill(contact.email);
      await dialog.getByRole('button', { name: 'Create contact' }).click();
      await dialog.waitFor({ state: 'hidden' });

      const row = page.getByTestId('record-row').filter({ hasText: `${contact.firstName} ${contact.lastName}` });
      await row.waitFor();
      expect(await row.textContent()).toContain(contact.email);
      await page.getByText(`${contact.firstName} ${contact.lastName} was added to your contacts`).waitFor();
      await shot('05-contact-listed');
      await expectAccessible('the contacts list');
    },
    stepTimeout,
  );

  it(
    'counts the new contact in the Home chart',
    async () => {
      await mainNav().getByRole('link', { name: 'Home' }).click();
      await page.getByTestId('contacts-created-chart').waitFor();
      const total = page.getByTestId('contacts-created-total');
      // The warehouse is fed from events; give it time, the page polls on its own.
      const count = await pollUntil(
        async () => Number.parseInt(((await total.textContent()) ?? '').replace(/\D/g, '') || '0', 10),
        (value) => value >= 1,
        30_000,
        'the contacts-created chart to count the new contact',
      );
      expect(count).toBeGreaterThanOrEqual(1);
      await shot('06-home-chart');
    },
    stepTimeout,
  );

  it(
    'logs out, logs back in and still lists the contact',
    async () => {
      await page.getByRole('button', { name: /account menu/i }).click();
      await page.getByRole('menuitem', { name: 'Log out' }).click();
      await page.waitForURL('**/login');
      await shot('07-logged-out');

      await field('email').fill(account.email);
      await field('password').fill(account.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Erin' }).waitFor();

      await mainNav().getByRole('link', { name: 'Contacts' }).click();
      await page
        .getByTestId('record-row')
        .filter({ hasText: `${contact.firstName} ${contact.lastName}` })
        .waitFor();
      await shot('08-contacts-after-login');
    },
    stepTimeout,
  );
});
