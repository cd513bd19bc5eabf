import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventPk, patronSk } from '../../../../amplify/data/keys';
import type { Edge } from '../../../../local/edge';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../../vite.config';
import { signWaiverToken } from '../../../../amplify/functions/outreach/link';
import {
  getItem,
  LINK_SECRET,
  queryPrefix,
  seedEvent,
  seedPatron,
  startDistEdge,
  waiverEnvironment,
} from './support/fixtures';

const EVENT = '2026-05-23-alice-period';
const ENDED = '2026-01-10-ended-sail';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
// The README's copy is rewritten only on request (as dashboard-screenshots.test.ts does), so a test
// run leaves the working tree clean: `SCC_SCREENSHOTS=1 npx vitest run test/amplify/functions/waiver/browser.test.ts`.
const SCREENSHOT = process.env.SCC_SCREENSHOTS
  ? fileURLToPath(new URL('../../../../docs/screenshots/waiver-375.png', import.meta.url))
  : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scc-waiver-shot-')), 'waiver-375.png');

let table: string;
let edge: Edge;
let browser: Browser;

beforeAll(async () => {
  table = await waiverEnvironment();
  await seedEvent(table, { id: EVENT, title: 'Alice Period’s birthday sail', boat: 'Lady Washington', rosterCount: 2 });
  await seedPatron(table, EVENT, 'alice@example.com');
  await seedPatron(table, EVENT, 'nojs@example.com', { name: 'No Script' });
  await seedEvent(table, {
    id: ENDED,
    title: 'Ended sail',
    startsAt: '2026-01-10T18:00:00.000Z',
    endsAt: '2026-01-10T21:00:00.000Z',
  });
  edge = await startDistEdge();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await edge?.close();
});

/** A phone-sized page that records every request it makes. */
async function phone(javaScriptEnabled: boolean): Promise<{ page: Page; requests: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled,
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests };
}

async function fillAndSign(page: Page, who: { name: string; email: string }) {
  await page.getByLabel('Full name').first().fill(who.name);
  // A personal link's email is filled in and locked.
  if (await page.getByLabel('Email').isEditable()) await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Phone').fill('+1 555 010 0199');
  await page.locator('#dateOfBirth').fill('1985-04-12');
  await page.getByText('Signing for minors in your party?').click();
  await page.locator('#minor-0-name').fill('Bobby Period');
  await page.locator('#minor-0-dob').fill('2015-09-01');
  await page.getByLabel('I have read and agree').check();
  await page.getByLabel('Signature').fill(who.name);
  await page.getByRole('button', { name: 'Sign waiver' }).click();
}

describe('the waiver page in Chromium at 375 px', () => {
  it('fits the screen, loads nothing from elsewhere, and signs to a confirmation', async () => {
    const { page, requests } = await phone(true);
    await page.goto(`${edge.url}/g/${EVENT}/waiver?t=${signWaiverToken(LINK_SECRET, EVENT, 'alice@example.com')}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await fillAndSign(page, { name: 'Alice Period', email: 'alice@example.com' });
    await expect.poll(() => page.getByRole('heading', { name: 'Waiver signed' }).isVisible()).toBe(true);
    expect(requests.every((url) => url.startsWith(edge.url))).toBe(true);
    expect(await getItem(table, eventPk(EVENT), patronSk('alice@example.com'))).toHaveProperty('waiverSignedAt');
    await page.context().close();
  });

  it('works with JavaScript disabled (from the public link, so held as a claim on the booking)', async () => {
    const { page } = await phone(false);
    await page.goto(`${edge.url}/g/${EVENT}/waiver`);
    await fillAndSign(page, { name: 'No Script', email: 'nojs@example.com' });
    await expect.poll(() => page.getByRole('heading', { name: 'Waiver signed' }).isVisible()).toBe(true);
    expect(await getItem(table, eventPk(EVENT), patronSk('nojs@example.com'))).not.toHaveProperty('waiverSignedAt');
    expect(await queryPrefix(table, eventPk(EVENT), 'HELD#nojs@example.com#')).toEqual([
      expect.objectContaining({ waiverSignedBy: 'No Script', status: 'HELD' }),
    ]);
    await page.context().close();
  });

  it('says an event has ended instead of showing the form', async () => {
    const { page } = await phone(false);
    await page.goto(`${edge.url}/g/${ENDED}/waiver`);
    expect(await page.getByRole('alert').textContent()).toContain('This event has ended');
    expect(await page.locator('form').count()).toBe(0);
    await page.context().close();
  });

  it('shows what to fix, and keeps what was typed, when a field is wrong', async () => {
    const { page } = await phone(false);
    await page.goto(`${edge.url}/g/${EVENT}/waiver`);
    await page.getByLabel('Full name').first().fill('Carol Example');
    await page.getByRole('button', { name: 'Sign waiver' }).click();
    await expect.poll(() => page.getByRole('alert').isVisible()).toBe(true);
    expect(await page.getByRole('alert').textContent()).toContain('Enter your email address');
    expect(await page.getByLabel('Full name').first().inputValue()).toBe('Carol Example');
    await page.context().close();
  });

  it('has no WCAG 2 A/AA violations on the form, its error state and the confirmation', async () => {
    // bypassCSP only so the test can inject axe-core; the page's own CSP is tested in handler.test.ts.
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, bypassCSP: true });
    const page = await context.newPage();
    const violations = async () => {
      await page.addScriptTag({ path: AXE });
      return page.evaluate(async () => {
        const result = await (window as any).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
        return result.violations.map(
          (v: { id: string; nodes: { target: string[] }[] }) =>
            `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      });
    };
    await page.goto(`${edge.url}/g/${EVENT}/waiver`);
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'Sign waiver' }).click();
    await page.getByRole('alert').waitFor();
    expect(await violations()).toEqual([]);
    await page.goto(`${edge.url}/g/${EVENT}/waiver?signed=00000000-0000-4000-8000-000000000000`);
    expect(await violations()).toEqual([]);
    await page.goto(`${edge.url}/g/${ENDED}/waiver`);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('takes a screenshot of the form (into the README with SCC_SCREENSHOTS=1)', async () => {
    const { page } = await phone(true);
    await page.goto(`${edge.url}/g/${EVENT}/waiver`);
    await page.getByLabel('Full name').first().fill('Alice Period');
    await page.getByLabel('Email').fill('alice@example.com');
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    await page.context().close();
  });
});
