import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvent, dashboardForThisFile } from './support/dashboard';
import { readmeScreenshot, signWaiver } from './support/boarding';
import { readCsv } from '../support/csv';

/**
 * The records an auditor or insurer asks for, at phone width (375 px): an event's
 * signed waivers and audit trail, a patron's trail across events, the whole trail as CSV, and one
 * signed waiver printed to PDF by Chromium and read back with poppler (pdftotext, pdftoppm).
 */
const dash = dashboardForThisFile();
const PHONE = { width: 375, height: 812 };

describe('records', () => {
  it('an admin opens an event’s records from its page: signed waivers, and every change newest first, exported whole', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Records Sail', [
      { email: 'jo@example.com', name: 'Jo Sailor', partySize: 2 },
    ]);
    await signWaiver(d, eventId, 'jo@example.com', 'Jo Sailor', ['Kid Jo']);
    for (let n = 1; n <= 30; n += 1) {
      await d.graphql(
        'crew@example.com',
        `mutation { logPayment(input: { idempotencyKey: "rec-${eventId}-${n}", eventId: "${eventId}", patronEmail: "jo@example.com", amountCents: ${n}, method: CASH }) { id } }`,
      );
    }
    const { page, context } = await d.signedIn('admin@example.com', PHONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    await page.getByRole('link', { name: 'Records: signed waivers, audit trail' }).click();
    // Named by title and day (its id only until eventTitles answers).
    await page.getByRole('heading', { name: /^Records of Records Sail, [A-Z][a-z]{2} \d{1,2}, \d{4}$/ }).waitFor();
    const waivers = page.locator('scc-signed-waivers li');
    await waivers.first().waitFor();
    await expect.poll(() => waivers.first().innerText()).toContain('Kid Jo');
    const changes = page.locator('scc-audit-trail li.change');
    await expect.poll(() => changes.count()).toBe(25);
    // Newest first: the last payment (30 cents) heads the trail.
    expect(await changes.first().innerText()).toContain('$0.30');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByRole('button', { name: 'Show older changes' }).click();
    // 30 payments, the signature, the booking and the event's creation.
    await expect.poll(() => changes.count()).toBe(33);
    expect(await changes.last().innerText()).toContain('Create event');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`audit-${eventId}.csv`);
    const lines = readCsv(fs.readFileSync((await file.path())!, 'utf8'));
    expect(lines[0]!.join(',')).toBe('at,actor,operation,entity,patron_email,before,after,audit_id');
    expect(lines).toHaveLength(34);
    expect(lines.filter((l) => l[2] === 'signWaiver')).toHaveLength(1);
    await context.close();
  });

  it('accounting follows a patron from their payments to every change about them across events', async () => {
    const d = dash.d;
    const first = await createEvent(d, 'Trail One', [{ email: 'amy@example.com', name: 'Amy Trail' }]);
    const second = await createEvent(d, 'Trail Two', [{ email: 'amy@example.com', name: 'Amy Trail' }]);
    const { page, context } = await d.signedIn('accounting@example.com', PHONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/payments?patron=amy%40example.com`);
    await page.getByRole('link', { name: 'Records of amy@example.com: every change about them' }).click();
    const changes = page.locator('scc-audit-trail li.change');
    await expect.poll(() => changes.count()).toBe(2);
    expect(await changes.nth(0).innerText()).toContain(second);
    expect(await changes.nth(1).innerText()).toContain(first);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('prints one signed waiver as a document with the exact text signed', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Waiver Print Sail', [
      { email: 'pat@example.com', name: 'Pat Signer', partySize: 2 },
    ]);
    await signWaiver(d, eventId, 'pat@example.com', 'Pat Signer', ['Kid Pat']);
    const { page, context } = await d.signedIn('accounting@example.com', PHONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/records?event=${eventId}`);
    // The booking, the signature and the event's creation.
    await expect.poll(() => page.locator('scc-audit-trail li.change').count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await readmeScreenshot(page, 'records');
    await page.getByRole('link', { name: 'Open the signed waiver of Pat Signer' }).click();
    await page.getByRole('heading', { name: `Signed waiver: ${eventId}` }).waitFor();
    await page.getByText('Release of liability', { exact: false }).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await readmeScreenshot(page, 'signed-waiver');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-waiver-'));
    const pdf = path.join(dir, 'waiver.pdf');
    await page.pdf({
      path: pdf,
      format: 'Letter',
      margin: { top: '0.5in', bottom: '0.5in', left: '0.5in', right: '0.5in' },
    });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Signed waiver: ${eventId}`);
    expect(text).toMatch(/Signer Pat Signer/);
    // Accounting prints it: the minor is named, their date of birth is for admins only.
    expect(text).toMatch(/Minors Kid Pat /);
    expect(text).not.toContain('Mar 4, 2016');
    expect(text).toContain('shown to admins only');
    expect(text).toMatch(/Signature Pat Signer \(typed\)/);
    expect(text).toMatch(/SHA-256 [0-9a-f]{64}/);
    expect(text).toContain('Release of liability');
    // The app's chrome and the page's buttons are not printed.
    expect(text).not.toContain('Sign out');
    expect(text).not.toMatch(/\bPrint\b/);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, path.join(dir, 'page')]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    expect(fs.statSync(path.join(dir, png)).size).toBeGreaterThan(5_000);
    if (process.env.SCC_WAIVER_PNG) fs.copyFileSync(path.join(dir, png), process.env.SCC_WAIVER_PNG);
    fs.rmSync(dir, { recursive: true, force: true });
    await context.close();
  });

  it('is not offered to crew', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Crew Sail', []);
    const { page, context } = await d.signedIn('crew@example.com', PHONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    await page.getByRole('heading', { name: 'Crew Sail' }).waitFor();
    expect(await page.getByRole('link', { name: /Records/ }).count()).toBe(0);
    await page.goto(`${d.product.endpoints.edgeUrl}/records?event=${eventId}`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await context.close();
  });
});
