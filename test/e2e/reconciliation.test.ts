import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeScreenshot } from './support/boarding';
import { createEvent, dashboardForThisFile } from './support/dashboard';
import { readCsv } from '../support/csv';

/**
 * Reconciliation on a phone, at 375 px in Chromium set to Tokyo while the operator is
 * in San Diego: an accountant opens /reconciliation from the header, reads the day's takings by
 * method, sees the chart, counts the cash drawer and records it, and exports the CSV.
 */
const dash = dashboardForThisFile();
const PHONE = { width: 375, height: 812 };
/** The Pacific day of an instant, computed apart from the product's own helpers. */
const pacificDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(iso));
const LOG = /* GraphQL */ `mutation ($input: LogPaymentInput!) { logPayment(input: $input) { id loggedAt } }`;

describe('reconciliation on a phone', () => {
  it('shows the day’s takings by method, draws the chart, records a cash count and exports the CSV', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Ledger Sail', [{ email: 'jo@example.com', name: 'Jo Sailor', partySize: 4 }]);
    const log = (key: string, amountCents: number, method: string) =>
      d.graphql('crew@example.com', LOG, {
        input: { idempotencyKey: key, eventId, patronEmail: 'jo@example.com', amountCents, method },
      });
    const { logPayment: cash } = await log('recon-cash', 5_000, 'CASH');
    await log('recon-card', 12_000, 'CARD');
    const { logPayment: wrong } = await log('recon-wrong', 3_000, 'CASH');
    await d.graphql(
      'admin@example.com',
      /* GraphQL */ `mutation ($e: ID!, $p: ID!) { voidPayment(eventId: $e, paymentId: $p, reason: "typo") { id } }`,
      { e: eventId, p: wrong.id },
    );
    const day = pacificDay(cash.loggedAt);

    const { page, context } = await d.signedIn('accounting@example.com', PHONE, 'Asia/Tokyo');
    await page.getByRole('link', { name: 'Reconciliation' }).click();
    await page.getByRole('heading', { name: 'Reconciliation' }).waitFor();
    await page.goto(`${d.product.endpoints.edgeUrl}/reconciliation?from=${day}&to=${day}`);
    const row = page.locator('scc-reconciliation-page tbody tr').first();
    await row.waitFor();
    // Cash, Card, Check, ACH, Other, Refunds, Net, Cash counted: the voided cash is not counted
    expect((await row.locator('td').allInnerTexts()).map((t) => t.trim())).toEqual([
      '$50.00',
      '$120.00',
      '$0.00',
      '$0.00',
      '$0.00',
      '$0.00',
      '$170.00',
      '—',
    ]);
    expect(await page.locator('scc-reconciliation-page form.filters .hint').innerText()).toContain('Pacific Time');
    await page.waitForFunction(() => {
      const chart = document
        .querySelector('scc-app')!
        .shadowRoot!.querySelector('scc-reconciliation-page')!
        .shadowRoot!.querySelector('scc-takings-chart')!;
      return (
        (chart.shadowRoot!.querySelector('canvas')!.width ?? 0) > 0 &&
        !chart.shadowRoot!.querySelector('[role=status]')?.textContent
      );
    });

    const count = page.locator('scc-cash-count');
    expect(await count.locator('dd').first().innerText()).toBe('$50.00');
    await count.getByLabel('Cash counted').fill('48');
    await count.getByLabel('Notes').fill('one $2 bill missing');
    await count.getByRole('button', { name: 'Record count' }).click();
    await count.getByText('$2.00 short').waitFor();
    expect(await count.locator('dl').innerText()).toContain('accounting@example.com');
    await row.locator('td').last().getByText('$48.00').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await readmeScreenshot(page, 'reconciliation');

    const { cashCounts } = await d.graphql(
      'accounting@example.com',
      /* GraphQL */ `
      query ($d: AWSDate!) { cashCounts(from: $d, to: $d) { items { countedCents expectedCents differenceCents notes countedBy } } }`,
      { d: day },
    );
    expect(cashCounts.items).toEqual([
      {
        countedCents: 4_800,
        expectedCents: 5_000,
        differenceCents: -200,
        notes: 'one $2 bill missing',
        countedBy: 'accounting@example.com',
      },
    ]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`reconciliation-${day}-to-${day}.csv`);
    const csv = readCsv(fs.readFileSync((await download.path())!, 'utf8')).map((row) => row.join(','));
    expect(csv.at(-1)).toBe(`total,,,,170.00,0.00,170.00,${day},${day}`);
    expect(csv).toContain(`day,${day},,CASH,50.00,0.00,50.00,${day},${day}`);
    await context.close();
  });

  it('fits an admin’s header, with every link, in 375 px', async () => {
    const { page, context } = await dash.d.signedIn('admin@example.com', PHONE);
    await page.getByRole('link', { name: 'Reconciliation' }).click();
    await page.locator('scc-reconciliation-page tbody tr').first().waitFor();
    for (const name of ['Today', 'Charters', 'Payments', 'Reconciliation'])
      expect(await page.getByRole('link', { name, exact: true }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });

  it('is not offered to crew, and its address is not theirs', async () => {
    const { page, context } = await dash.d.signedIn('crew@example.com', PHONE);
    expect(await page.getByRole('link', { name: 'Reconciliation' }).count()).toBe(0);
    await page.goto(`${dash.d.product.endpoints.edgeUrl}/reconciliation`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await context.close();
  });
});
