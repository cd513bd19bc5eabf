/**
 * The team on a phone (375 px), from the running product: an admin invites a deckhand from the
 * Team page; the deckhand signs in with the mailed temporary password and chooses their own; the
 * admin changes their role (their open dashboard is told so, and signed in again shows their new role's
 * links) and disables them (their open dashboard's next request is refused and returns them to sign-in); the last admin
 * cannot disable themselves. Crew see no Team page. `SCC_SCREENSHOTS=1` writes docs/screenshots/team-375.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { dashboardForThisFile } from './support/dashboard';

const out = process.env.SCC_SCREENSHOTS
  ? path.resolve(import.meta.dirname, '../../docs/screenshots')
  : fs.mkdtempSync(path.join(os.tmpdir(), 'scc-screenshots-'));
afterAll(() => {
  if (!process.env.SCC_SCREENSHOTS) fs.rmSync(out, { recursive: true, force: true });
});
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const phone = { width: 375, height: 812 };
const holder = dashboardForThisFile();
const card = (page: Page, email: string) => page.locator('scc-team-member', { hasText: email });

describe('the Team page on a phone', () => {
  it('is for admins only: crew get no link and no page', async () => {
    const { d } = holder;
    const { page, context } = await d.signedIn('crew@example.com', phone);
    expect(await page.getByRole('link', { name: 'Team' }).count()).toBe(0);
    await page.goto(`${d.product.endpoints.edgeUrl}/team`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await context.close();
  });

  it('invites a deckhand, who chooses a password; the admin changes their role, then disables them', async () => {
    const { d } = holder;
    const { page, context } = await d.signedIn('admin@example.com', phone);
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Team', level: 1 }).waitFor();
    await card(page, 'crew@example.com').waitFor();

    // A clear error before anything is sent.
    await page.getByRole('button', { name: 'Invite' }).click();
    expect(await page.getByLabel('Email').first().getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Enter an email address like jo@example.com.').waitFor();

    await page.getByLabel('Email').first().fill('dee@example.com');
    await page.getByLabel('Name').fill('Dee Deckhand');
    await page.getByLabel('Role', { exact: true }).first().selectOption('CREW');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByText('dee@example.com was added and emailed a temporary password').waitFor();
    await card(page, 'dee@example.com').getByText('Invited: has not chosen a password yet').waitFor();
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: path.join(out, 'team-375.png'), fullPage: true });

    const mail = (await d.mailTo('dee@example.com')).find((m) => m.subject === 'You are invited to Ship Captain Crew');
    const temporary = /temporary password: (\S+)/.exec(mail?.body.text ?? '')?.[1];
    expect(temporary).toBeTruthy();

    // The deckhand, on their own phone.
    const dee = await d.browser.newContext({ viewport: phone });
    const deePage = await dee.newPage();
    await deePage.goto(`${d.product.endpoints.edgeUrl}/`);
    await deePage.getByLabel('Email').fill('dee@example.com');
    await deePage.getByLabel('Password').fill(temporary!);
    await deePage.getByRole('button', { name: 'Sign in' }).click();
    await deePage.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await deePage.getByLabel('New password').fill('Dee-sails-2026!');
    await deePage.getByLabel('The same again').fill('Dee-sails-2027!');
    await deePage.getByRole('button', { name: 'Save and sign in' }).click();
    await deePage.getByText('The two passwords differ.').waitFor();
    await deePage.getByLabel('The same again').fill('Dee-sails-2026!');
    await deePage.getByRole('button', { name: 'Save and sign in' }).click();
    await deePage.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await deePage.getByRole('link', { name: 'Team' }).count()).toBe(0);
    expect(await overflow(deePage)).toBe(0);

    // The admin sees them active, moves them to accounting, then disables them.
    await page.reload();
    const row = card(page, 'dee@example.com');
    await row.getByText('Active').waitFor();
    await row.getByLabel('Role of dee@example.com').selectOption('ACCOUNTING');
    await row.getByRole('button', { name: 'Change role' }).click();
    await expect
      .poll(() => card(page, 'dee@example.com').locator('strong').innerText(), { timeout: 15_000 })
      .toBe('Accounting');

    // Dee's open dashboard follows the change at once, though her token has not expired: told an
    // admin changed her access, she signs in again, and sees accounting's links, not crew's.
    expect(await deePage.getByRole('link', { name: 'Reconciliation' }).count()).toBe(0);
    await deePage.reload();
    await deePage.getByRole('alert').getByText('An admin changed your access', { exact: false }).waitFor();
    await deePage.getByLabel('Email').fill('dee@example.com');
    await deePage.getByLabel('Password').fill('Dee-sails-2026!');
    await deePage.getByRole('button', { name: 'Sign in' }).click();
    await deePage.getByRole('link', { name: 'Reconciliation' }).waitFor();

    await card(page, 'dee@example.com').getByRole('button', { name: 'Disable…' }).click();
    await card(page, 'dee@example.com').getByRole('button', { name: 'Disable', exact: true }).click();
    await card(page, 'dee@example.com')
      .getByRole('status')
      .getByText(/^Disabled/)
      .waitFor();
    await expect
      .poll(() => card(page, 'dee@example.com').getByText('Disabled: cannot sign in').count(), { timeout: 15_000 })
      .toBe(1);

    // Dee's open dashboard: the next request is refused (the local API stops a disabled member's
    // token at once with a 401): Dee is back at the sign-in form, told why, and shown no charters.
    await deePage.reload();
    await deePage
      .getByRole('alert')
      .getByText('Your session has ended: it expired, or an admin disabled or removed your account.', { exact: false })
      .waitFor();
    await deePage.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await deePage.locator('scc-event-card').count()).toBe(0);
    expect(await deePage.getByText('Your account is not allowed to do that.').count()).toBe(0);
    await dee.close();
    await context.close();
  });

  it('does not let the last admin disable or demote themselves, and says why', async () => {
    const { d } = holder;
    const { page, context } = await d.signedIn('admin@example.com', phone);
    await page.goto(`${d.product.endpoints.edgeUrl}/team`);
    const me = card(page, 'admin@example.com');
    await me.getByText('(you)').waitFor();
    await me.getByRole('button', { name: 'Disable…' }).click();
    await me.getByRole('button', { name: 'Disable', exact: true }).click();
    await me
      .getByRole('alert')
      .getByText(/is the last admin/)
      .waitFor();
    await me.getByLabel('Role of admin@example.com').selectOption('CREW');
    await me.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => me.getByRole('alert').innerText()).toMatch(/last admin.*There must always be one admin/s);
    expect(await overflow(page)).toBe(0);
    const { teamMembers } = await d.graphql(
      'admin@example.com',
      'query { teamMembers(limit: 60) { items { email group enabled } } }',
    );
    expect(teamMembers.items.find((m: { email: string }) => m.email === 'admin@example.com')).toEqual({
      email: 'admin@example.com',
      group: 'ADMINS',
      enabled: true,
    });
    await context.close();
  });
});
