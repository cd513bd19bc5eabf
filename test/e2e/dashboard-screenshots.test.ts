/**
 * The dashboard, an event and the payment modal at desktop and phone width, from the running
 * product: nothing may overflow sideways. The README's screenshots come from here:
 * `SCC_SCREENSHOTS=1 npx vitest run --project e2e test/e2e/dashboard-screenshots.test.ts` writes
 * docs/screenshots/{dashboard,event,payment}-{desktop,375}.png; otherwise they go to a temporary
 * folder, so a test run never rewrites tracked files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_TIME_ZONE, localDateTime } from '../../local/seed/season';
import { createEvent, startDashboard, type Dashboard } from './support/dashboard';

const out = process.env.SCC_SCREENSHOTS
  ? path.resolve(import.meta.dirname, '../../docs/screenshots')
  : fs.mkdtempSync(path.join(os.tmpdir(), 'scc-screenshots-'));

/** How far the page is wider than the viewport (0 when nothing makes it scroll sideways). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const viewports = { desktop: { width: 1280, height: 860 }, '375': { width: 375, height: 812 } } as const;

describe('the dashboard at desktop and phone width', () => {
  let d: Dashboard;
  let eventId: string;

  beforeAll(async () => {
    d = await startDashboard();
    // Plausible times for the README: a sunset sail, a whale watch, a charter, in the operator's time zone.
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    eventId = await createEvent(
      d,
      'Sunset Sail',
      [
        { email: 'jo@example.com', name: 'Jo March', partySize: 2 },
        { email: 'amy@example.com', name: 'Amy March', partySize: 1 },
        { email: 'laurie@example.com', name: 'Theodore Laurence', partySize: 3 },
      ],
      { startsAt: localDateTime(day(2), '18:30'), hours: 2.5 },
    );
    await createEvent(
      d,
      'Whale Watch',
      [
        { email: 'meg@example.com', name: 'Meg March', partySize: 4 },
        { email: 'beth@example.com', name: 'Beth March', partySize: 1 },
      ],
      { startsAt: localDateTime(day(4), '09:00'), hours: 4 },
    );
    await createEvent(d, 'Private Charter: Brooke Party', [], { startsAt: localDateTime(day(6), '16:00'), hours: 4 });
    for (const [email, amountCents, method] of [
      ['jo@example.com', 5000, 'CASH'],
      ['laurie@example.com', 15000, 'CARD'],
    ] as const) {
      await d.graphql(
        'crew@example.com',
        /* GraphQL */ `
        mutation ($input: LogPaymentInput!) { logPayment(input: $input) { id } }`,
        {
          input: { idempotencyKey: crypto.randomUUID(), eventId, patronEmail: email, amountCents, method },
        },
      );
    }
    fs.mkdirSync(out, { recursive: true });
  });
  afterAll(async () => {
    await d?.stop();
    if (!process.env.SCC_SCREENSHOTS) fs.rmSync(out, { recursive: true, force: true });
  });

  for (const [name, viewport] of Object.entries(viewports)) {
    it(`shows the dashboard, an event and the payment modal at ${name} without sideways scrolling`, async () => {
      const { page, context } = await d.signedIn('crew@example.com', viewport, HOME_TIME_ZONE);
      await page.getByRole('link', { name: 'Charters', exact: true }).click();
      await page.locator('scc-event-card').first().waitFor();
      expect(await overflow(page)).toBe(0);
      await page.screenshot({ path: path.join(out, `dashboard-${name}.png`), fullPage: true });

      await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
      await page.locator('scc-payment-history tbody tr').first().waitFor();
      expect(await overflow(page)).toBe(0);
      await page.screenshot({ path: path.join(out, `event-${name}.png`), fullPage: true });

      await page.getByRole('button', { name: 'Log payment for Jo March' }).click();
      const modal = page.getByRole('dialog', { name: 'Log a payment' });
      await expect.poll(() => modal.getByLabel('Patron', { exact: true }).inputValue()).toBe('jo@example.com');
      await modal.getByLabel('Amount (dollars)').fill('25.00');
      expect(await overflow(page)).toBe(0);
      await page.screenshot({ path: path.join(out, `payment-${name}.png`) });
      await context.close();
    });
  }
});
