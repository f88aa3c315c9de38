// Identity, workspaces and access, end to end: the real launcher, the real services, Chromium.
// 1. Sign up -> enrol TOTP MFA (code computed here from the shown secret) -> recovery codes
//    -> log out -> log in with a TOTP code (a wrong one first).
// 2. The owner invites a viewer -> the invite email is in the dev outbox -> a fresh browser
//    accepts it with a new account -> the viewer's nav has no admin pages, direct URLs show
//    the friendly "no access" page, the members list is read-only.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findAccessibilityViolations, formatViolations } from './support/axe.js';
import { launchChromium } from './support/browser.js';
import { startPlatform, type Platform } from './support/platform.js';

// Every step drives a real browser against real services; waiting for a fresh TOTP window
// alone can take 30 s.
jest.setTimeout(120_000);

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const screenshots = join(repoRoot, 'web/e2e/screenshots');

const runId = Date.now().toString(36);
const owner = {
  name: 'Olive Owner',
  workspaceName: `Identity ${runId}`,
  email: `olive.${runId}@example.com`,
  password: 'correct-horse-battery-staple',
};
const viewer = { name: 'Victor Viewer', email: `victor.${runId}@example.com`, password: 'staple-battery-horse-correct' };

let platform: Platform | undefined;
let browser: Browser | undefined;
let ownerContext: BrowserContext;
let page: Page;
let mfaSecret = '';

async function shot(target: Page, name: string) {
  await target.screenshot({ path: join(screenshots, `identity-${name}.png`), fullPage: true });
}

/** WCAG 2.2 A/AA as far as axe-core can tell, on the screen as it is now. */
async function expectAccessible(target: Page, screen: string) {
  const violations = await findAccessibilityViolations(target);
  if (violations.length > 0) {
    throw new Error(`axe-core found accessibility violations on ${screen}:\n${formatViolations(violations)}`);
  }
}

const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

/**
 * A code from a time step the server has not seen yet: it refuses a code of a step already
 * used (no replay), so after enrolment the login waits for the next 30-second window.
 */
async function freshCode(secret: string, usedStep: number): Promise<{ code: string; step: number }> {
  while (TOTP.counter({ period: 30 }) <= usedStep) await new Promise((resolve) => setTimeout(resolve, 500));
  // Not in the last second of a window: the code must still be current when it arrives.
  if (TOTP.remaining({ period: 30 }) < 1500) await new Promise((resolve) => setTimeout(resolve, 2000));
  return { code: totp(secret).generate(), step: TOTP.counter({ period: 30 }) };
}

/** Opens the newest email to `to` with `subject` in Settings > Sent emails and returns the app path its link points to. */
async function linkFromOutbox(target: Page, to: string, subject: string | RegExp, linkPath: RegExp): Promise<string> {
  await target.goto('/settings/emails');
  const row = target.getByTestId('message-row').filter({ hasText: to }).filter({ hasText: subject }).first();
  await row.waitFor();
  await row.getByRole('button').click();
  const dialog = target.getByRole('dialog');
  await dialog.getByRole('tab', { name: 'Plain text' }).click();
  const text = (await dialog.getByTestId('message-text').textContent()) ?? '';
  const link = new RegExp(`https?://\\S+${linkPath.source}\\S*`).exec(text)?.[0];
  if (!link) throw new Error(`No ${linkPath} link in the email "${String(subject)}":\n${text}`);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // Emails link to the configured public URL; this run's launcher listens elsewhere.
  const url = new URL(link);
  return url.pathname + url.search;
}

const field = (target: Page, name: string) => target.locator(`input[name="${name}"]`);
const mainNav = (target: Page) => target.getByRole('navigation', { name: 'Main navigation' });
const settingsNav = (target: Page) => target.getByRole('navigation', { name: 'Settings sections' });

describe('Identity: MFA sign-in, invites and restricted roles', () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    // Fail fast on a missing browser before spending two minutes booting the platform.
    browser = await launchChromium();
    // MERIDIAN_E2E_BASE_URL reuses a platform that is already running (handy while iterating).
    const external = process.env.MERIDIAN_E2E_BASE_URL;
    platform = external ? { baseUrl: external, output: () => '', stop: async () => {} } : await startPlatform(repoRoot);
    ownerContext = await browser.newContext({ baseURL: platform.baseUrl, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write']);
    page = await ownerContext.newPage();
    page.setDefaultTimeout(20_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  }, 90_000);

  describe('sign up, enrol MFA, log in with a TOTP code', () => {
    let enrolStep = 0;

    it('signs up and is reminded to confirm the email address', async () => {
      await page.goto('/signup');
      await field(page, 'name').fill(owner.name);
      await field(page, 'workspaceName').fill(owner.workspaceName);
      await field(page, 'email').fill(owner.email);
      await field(page, 'password').fill(owner.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Olive' }).waitFor();
      await page.getByTestId('verify-email-banner').getByText(owner.email).waitFor();
    });

    it('enrols TOTP from the QR / setup key and keeps the recovery codes', async () => {
      await page.getByRole('button', { name: /account menu/i }).click();
      await page.getByRole('menuitem', { name: 'Security' }).click();
      await page.waitForURL('**/settings/security');
      expect(await page.getByTestId('mfa-status').textContent()).toBe('Off');
      await expectAccessible(page, 'Settings > Security');

      await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
      const dialog = page.getByRole('dialog', { name: 'Set up two-factor authentication' });
      await dialog.getByRole('img', { name: /QR code/ }).waitFor();
      mfaSecret = ((await dialog.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
      expect(mfaSecret).toMatch(/^[A-Z2-7]{16,}$/);
      await shot(page, '01-mfa-enrol');
      await expectAccessible(page, 'the MFA enrolment dialog');

      await field(page, 'code').fill('12345');
      await dialog.getByRole('button', { name: 'Verify and turn on' }).click();
      await dialog.getByText('Enter the 6 digits shown in your authenticator app').waitFor();

      const { code, step } = await freshCode(mfaSecret, 0);
      enrolStep = step;
      await field(page, 'code').fill(code);
      await dialog.getByRole('button', { name: 'Verify and turn on' }).click();

      const codesDialog = page.getByRole('dialog', { name: 'Save your recovery codes' });
      const codes = codesDialog.getByTestId('recovery-codes').getByRole('listitem');
      await codes.first().waitFor();
      expect(await codes.count()).toBe(10);
      expect(await codes.first().textContent()).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
      const done = codesDialog.getByRole('button', { name: 'Done' });
      expect(await done.isDisabled()).toBe(true);
      await codesDialog.getByRole('button', { name: 'Copy codes' }).click();
      await codesDialog.getByRole('button', { name: 'Copied' }).waitFor();
      await shot(page, '02-recovery-codes');
      await expectAccessible(page, 'the recovery codes dialog');
      await codesDialog.getByLabel('I have saved my recovery codes').check();
      await done.click();
      await codesDialog.waitFor({ state: 'hidden' });
      await page.getByTestId('mfa-status').getByText('On').waitFor();
      await page.getByText('10 unused recovery codes left.').waitFor();
    });

    it('logs out, then logs in with the password and a TOTP code (a wrong one first)', async () => {
      await page.getByRole('button', { name: /account menu/i }).click();
      await page.getByRole('menuitem', { name: 'Log out' }).click();
      await page.waitForURL('**/login');

      await field(page, 'email').fill(owner.email);
      await field(page, 'password').fill(owner.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Two-factor authentication' }).waitFor();
      await shot(page, '03-mfa-step');
      await expectAccessible(page, 'the MFA login step');

      // A well-formed code from another secret: refused, and said so at the field.
      const wrong = new TOTP({ secret: new Secret(), digits: 6, period: 30 }).generate();
      await field(page, 'code').fill(wrong === totp(mfaSecret).generate() ? '000000' : wrong);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByText('That code did not work.', { exact: false }).waitFor();
      expect(await field(page, 'code').getAttribute('aria-invalid')).toBe('true');

      const { code } = await freshCode(mfaSecret, enrolStep);
      await field(page, 'code').fill(code);
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Olive' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      await shot(page, '04-home-after-mfa-login');
    }, 120_000);
  });

  describe('invite a viewer, accept in a fresh browser, restricted pages', () => {
    let inviteUrl = '';
    let viewerPage: Page;

    it('invites a viewer from Settings > Members', async () => {
      await mainNav(page).getByRole('link', { name: 'Settings' }).click();
      await settingsNav(page).getByRole('link', { name: 'Members' }).click();
      await page.waitForURL('**/settings/members');
      await page.getByTestId('member-row').filter({ hasText: owner.email }).waitFor();
      await page.getByTestId('invites-card').getByText('No pending invites').waitFor();

      await page.getByRole('button', { name: 'Invite people' }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Invite to workspace' });
      await field(page, 'email').fill(viewer.email);
      await dialog.getByRole('combobox', { name: 'Role' }).click();
      await page.getByRole('option', { name: 'Viewer' }).click();
      // The closing menu fades out (aria-hidden, still painted): wait until it is gone.
      await page.locator('.MuiMenu-root').waitFor({ state: 'detached' });
      await shot(page, '05-invite-dialog');
      await expectAccessible(page, 'the invite dialog');
      await dialog.getByRole('button', { name: 'Send invite' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText(`Invite sent to ${viewer.email}`).waitFor();
      const row = page.getByTestId('invite-row').filter({ hasText: viewer.email });
      await row.getByText('Viewer').waitFor();
      await shot(page, '06-members-with-invite');
      await expectAccessible(page, 'Settings > Members');
    });

    it('finds the invite email in the dev outbox, its HTML in a sandboxed frame', async () => {
      await settingsNav(page).getByRole('link', { name: 'Sent emails' }).click();
      await page.waitForURL('**/settings/emails');
      const row = page.getByTestId('message-row').filter({ hasText: viewer.email });
      await row.waitFor();
      await row.getByRole('button', { name: /invited you/ }).click();

      const dialog = page.getByRole('dialog', { name: /invited you to/ });
      const frame = dialog.getByTestId('message-html');
      await frame.waitFor();
      // No scripts, no same-origin access: the email cannot touch the app.
      expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
      await expectAccessible(page, 'the sent email dialog');
      await shot(page, '07-invite-email');

      await dialog.getByRole('tab', { name: 'Plain text' }).click();
      const text = (await dialog.getByTestId('message-text').textContent()) ?? '';
      const link = /https?:\/\/\S+\/invites\/\S+/.exec(text)?.[0];
      expect(link).toBeDefined();
      // The email links to the configured public URL; this run's launcher listens elsewhere.
      inviteUrl = new URL(link as string).pathname;
      await dialog.getByRole('button', { name: 'Close' }).click();
    });

    it('accepts the invite in a fresh browser with a new account', async () => {
      const context = await (browser as Browser).newContext({
        baseURL: platform?.baseUrl,
        locale: 'en-US',
        viewport: { width: 1280, height: 900 },
      });
      viewerPage = await context.newPage();
      viewerPage.setDefaultTimeout(20_000);
      await viewerPage.goto(inviteUrl);
      await viewerPage.getByRole('heading', { level: 1, name: `Join ${owner.workspaceName}` }).waitFor();
      await viewerPage.getByText(`${owner.name} invited you to ${owner.workspaceName} on Meridian as Viewer.`).waitFor();
      expect(await field(viewerPage, 'email').inputValue()).toBe(viewer.email);
      await shot(viewerPage, '08-accept-invite');
      await expectAccessible(viewerPage, 'the accept-invite page');

      await field(viewerPage, 'name').fill(viewer.name);
      await field(viewerPage, 'password').fill(viewer.password);
      await viewerPage.getByRole('button', { name: 'Create account and join' }).click();
      await viewerPage.getByRole('heading', { level: 1, name: 'Welcome, Victor' }).waitFor();
      expect(await viewerPage.getByTestId('workspace-name').textContent()).toBe(owner.workspaceName);
    });

    it('shows the viewer only what a viewer may open', async () => {
      // Viewers read records but cannot create them: no button that could only fail.
      expect(await viewerPage.getByRole('button', { name: 'Create contact' }).count()).toBe(0);
      await mainNav(viewerPage).getByRole('link', { name: 'Settings' }).click();
      await viewerPage.waitForURL('**/settings/profile');
      const sections = settingsNav(viewerPage);
      for (const hidden of ['API keys', 'Audit log', 'Sent emails']) {
        expect(await sections.getByRole('link', { name: hidden }).count()).toBe(0);
      }
      // Viewers may see who is in the workspace (members.read), read-only.
      await sections.getByRole('link', { name: 'Members' }).click();
      await viewerPage.getByTestId('member-row').filter({ hasText: owner.email }).waitFor();
      expect(await viewerPage.getByRole('button', { name: 'Invite people' }).count()).toBe(0);
      expect(await viewerPage.getByRole('combobox', { name: /Role of/ }).count()).toBe(0);
      expect(await viewerPage.getByTestId('invites-card').count()).toBe(0);
      await shot(viewerPage, '09-viewer-members');
      await expectAccessible(viewerPage, 'Members as a viewer');
    });

    it('answers a direct URL to an admin page with a friendly "no access" page', async () => {
      for (const path of ['/settings/api-keys', '/settings/audit-log', '/settings/emails']) {
        await viewerPage.goto(path);
        const noAccess = viewerPage.getByTestId('no-access');
        await noAccess.getByRole('heading', { name: 'You don’t have access to this page' }).waitFor();
        await noAccess.getByText('Your role in this workspace (Viewer)', { exact: false }).waitFor();
        expect(await viewerPage.title()).toContain('You don’t have access to this page');
      }
      await shot(viewerPage, '10-viewer-no-access');
      await expectAccessible(viewerPage, 'the no-access page');

      // The server agrees: the API answers 403, not data.
      const status = await viewerPage.evaluate(async () => {
        const session = JSON.parse(localStorage.getItem('meridian.session') ?? '{}') as { accessToken?: string };
        const response = await fetch('/api/v1/api-keys', { headers: { authorization: `Bearer ${session.accessToken}` } });
        return response.status;
      });
      expect(status).toBe(403);

      await viewerPage.getByTestId('no-access').getByRole('link', { name: 'Go to Home' }).click();
      await viewerPage.getByRole('heading', { level: 1, name: 'Welcome, Victor' }).waitFor();
    });

    it('shows the new member to the owner', async () => {
      await settingsNav(page).getByRole('link', { name: 'Members' }).click();
      const row = page.getByTestId('member-row').filter({ hasText: viewer.email });
      await row.waitFor();
      expect(await row.getByRole('combobox', { name: `Role of ${viewer.name}` }).textContent()).toBe('Viewer');
      await page.getByTestId('invites-card').getByText('No pending invites').waitFor();
    });

    it('confirms the owner’s email from the verification link; the reminder goes away', async () => {
      const path = await linkFromOutbox(page, owner.email, 'Verify your email address', /\/verify-email\?token=/);
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Email confirmed' }).waitFor();
      // The single-use token leaves the address bar at once.
      expect(new URL(page.url()).search).toBe('');
      await expectAccessible(page, 'the email confirmed page');
      await page.getByRole('link', { name: 'Continue to Meridian' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Olive' }).waitFor();
      expect(await page.getByTestId('verify-email-banner').count()).toBe(0);
    });

    it('lets the viewer reset a forgotten password from the emailed link', async () => {
      await viewerPage.getByRole('button', { name: /account menu/i }).click();
      await viewerPage.getByRole('menuitem', { name: 'Log out' }).click();
      await viewerPage.getByRole('link', { name: 'Forgot your password?' }).click();
      await viewerPage.waitForURL('**/forgot-password');
      await field(viewerPage, 'email').fill(viewer.email);
      await viewerPage.getByRole('button', { name: 'Send reset link' }).click();
      await viewerPage.getByText(`If an account exists for ${viewer.email}`, { exact: false }).waitFor();
      await expectAccessible(viewerPage, 'the reset link sent page');

      // The viewer's workspace is the owner's: the reset email sits in its dev outbox.
      const path = await linkFromOutbox(page, viewer.email, 'Reset your Meridian password', /\/reset-password\?token=/);
      await viewerPage.goto(path);
      await viewerPage.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
      expect(new URL(viewerPage.url()).search).toBe('');
      const newPassword = 'a-brand-new-passphrase';
      await field(viewerPage, 'password').fill(newPassword);
      await field(viewerPage, 'confirmPassword').fill('something-else-entirely');
      await viewerPage.getByRole('button', { name: 'Change password' }).click();
      await viewerPage.getByText('The two passwords do not match').waitFor();
      await shot(viewerPage, '11-reset-password');
      await expectAccessible(viewerPage, 'the reset password page with an error');
      await field(viewerPage, 'confirmPassword').fill(newPassword);
      await viewerPage.getByRole('button', { name: 'Change password' }).click();

      await viewerPage.waitForURL('**/login');
      await viewerPage.getByText('Your password was changed. Log in with the new one.').waitFor();
      await field(viewerPage, 'email').fill(viewer.email);
      await field(viewerPage, 'password').fill(newPassword);
      await viewerPage.getByRole('button', { name: 'Log in' }).click();
      await viewerPage.getByRole('heading', { level: 1, name: 'Welcome, Victor' }).waitFor();
    });
  });

  describe('a member of two workspaces', () => {
    const wendy = {
      name: 'Wendy Two',
      workspaceName: `Wendy Co ${runId}`,
      email: `wendy.${runId}@example.com`,
      password: 'two-workspaces-passphrase',
    };
    let wendyPage: Page;

    it('joins a second workspace from an invite while signed in, then switches between them', async () => {
      const context = await (browser as Browser).newContext({
        baseURL: platform?.baseUrl,
        locale: 'en-US',
        viewport: { width: 1280, height: 900 },
      });
      wendyPage = await context.newPage();
      wendyPage.setDefaultTimeout(20_000);
      await wendyPage.goto('/signup');
      await field(wendyPage, 'name').fill(wendy.name);
      await field(wendyPage, 'workspaceName').fill(wendy.workspaceName);
      await field(wendyPage, 'email').fill(wendy.email);
      await field(wendyPage, 'password').fill(wendy.password);
      await wendyPage.getByRole('button', { name: 'Create account' }).click();
      await wendyPage.getByRole('heading', { level: 1, name: 'Welcome, Wendy' }).waitFor();

      // The owner invites her as a member.
      await page.goto('/settings/members');
      await page.getByRole('button', { name: 'Invite people' }).first().click();
      await field(page, 'email').fill(wendy.email);
      await page.getByRole('dialog').getByRole('button', { name: 'Send invite' }).click();
      await page.getByText(`Invite sent to ${wendy.email}`).waitFor();
      const path = await linkFromOutbox(page, wendy.email, 'invited you', /\/invites\//);

      // Signed in as the invited address: one button, no form.
      await wendyPage.goto(path);
      await wendyPage.getByText(`You are signed in as ${wendy.email}.`).waitFor();
      await expectAccessible(wendyPage, 'the accept-invite page when signed in');
      await wendyPage.getByRole('button', { name: `Join ${owner.workspaceName}` }).click();
      await wendyPage.getByText(`Welcome to ${owner.workspaceName}`).waitFor();
      expect(await wendyPage.getByTestId('workspace-name').textContent()).toBe(owner.workspaceName);

      await wendyPage.getByRole('button', { name: /Switch workspace/ }).click();
      const menu = wendyPage.getByRole('menu');
      await menu.getByRole('menuitem', { name: new RegExp(owner.workspaceName) }).waitFor();
      await shot(wendyPage, '12-workspace-switcher');
      await expectAccessible(wendyPage, 'the workspace switcher');
      await menu.getByRole('menuitem', { name: new RegExp(wendy.workspaceName) }).click();
      await wendyPage.getByText(`Switched to ${wendy.workspaceName}`).waitFor();
      expect(await wendyPage.getByTestId('workspace-name').textContent()).toBe(wendy.workspaceName);
      // Her own workspace, her own role: owner again, admin pages back in the nav.
      await wendyPage.goto('/settings/profile');
      await settingsNav(wendyPage).getByRole('link', { name: 'API keys' }).waitFor();
    });
  });
  describe('workspace data export', () => {
    it('lets the owner export the workspace with progress and download the archive', async () => {
      await page.goto('/settings/data-export');
      await page.getByRole('heading', { name: 'Data export' }).waitFor();
      await page.getByRole('button', { name: 'Start export' }).click();
      const download = page.getByRole('button', { name: 'Download' }).first();
      await download.waitFor({ timeout: 60_000 });
      await page.getByText('Ready').first().waitFor();
      await shot(page, '13-data-export');
      await expectAccessible(page, 'Settings > Data export');
      const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
      expect(file.suggestedFilename()).toMatch(/^meridian-export-.+\.zip$/);
      // A zip archive starts with "PK".
      expect(
        readFileSync(await file.path())
          .subarray(0, 2)
          .toString(),
      ).toBe('PK');
    });
  });
});
