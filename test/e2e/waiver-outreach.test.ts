/**
 * Waiver outreach on a phone (375 px), from the running product: crew send one patron their personal
 * waiver link and then everyone not signed; each row says what was recorded; the patron's link
 * opens the waiver with their email locked. `SCC_SCREENSHOTS=1` writes the README's screenshots
 * docs/screenshots/waiver-links-375.png and waiver-personal-375.png; otherwise a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { HOME_TIME_ZONE } from '../../local/seed/season';
import { createEvent, dashboardForThisFile, rosterRow } from './support/dashboard';

const out = process.env.SCC_SCREENSHOTS
  ? path.resolve(import.meta.dirname, '../../docs/screenshots')
  : fs.mkdtempSync(path.join(os.tmpdir(), 'scc-screenshots-'));
afterAll(() => {
  if (!process.env.SCC_SCREENSHOTS) fs.rmSync(out, { recursive: true, force: true });
});
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const phone = { width: 375, height: 812 };
const holder = dashboardForThisFile();

describe('sending waiver links from a phone', () => {
  it('sends one patron their link, then everyone not signed, and the link opens their own waiver', async () => {
    const { d } = holder;
    const eventId = await createEvent(d, 'Harbor Lights Sail', [
      { email: 'jo@example.com', name: 'Jo March', partySize: 2 },
      { email: 'amy@example.com', name: 'Amy March' },
      { email: 'beth@example.com', name: 'Beth March' },
    ]);
    const { page, context } = await d.signedIn('crew@example.com', phone, HOME_TIME_ZONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);

    await page.getByRole('button', { name: 'Send waiver link to Jo March' }).click();
    await expect
      .poll(() => rosterRow(page, 'Jo March').getByRole('status').allInnerTexts())
      .toContainEqual(expect.stringMatching(/Link sent/));
    const mail = (await d.mailTo('jo@example.com')).find((m) => m.subject.startsWith('Please sign your waiver'));
    const link = /http\S+\/waiver\?t=\S+/.exec(mail?.body.text ?? '')?.[0];
    expect(link).toContain(`/g/${eventId}/waiver?t=`);

    await page.getByRole('button', { name: 'Send waiver links to everyone not signed' }).click();
    await page.getByText('Sent 3 of 3').waitFor();
    for (const who of ['amy@example.com', 'beth@example.com']) {
      expect((await d.mailTo(who)).some((m) => m.subject.startsWith('Please sign your waiver'))).toBe(true);
    }
    // After the roster reloads, each row shows the delivery the API recorded.
    await expect
      .poll(() =>
        rosterRow(page, 'Beth March')
          .getByText(/Link sent/)
          .count(),
      )
      .toBe(1);
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: path.join(out, 'waiver-links-375.png'), fullPage: true });

    const patron = await d.browser.newContext({ viewport: phone });
    const waiver = await patron.newPage();
    await waiver.goto(link!);
    const email = waiver.getByLabel('Email');
    expect(await email.inputValue()).toBe('jo@example.com');
    expect(await email.getAttribute('readonly')).not.toBeNull();
    expect(await overflow(waiver)).toBe(0);
    await waiver.screenshot({ path: path.join(out, 'waiver-personal-375.png') });
    await patron.close();
    await context.close();
  });
});

describe("resending a receipt from a patron's history", () => {
  it('sends a past receipt again, records the delivery, and says so', async () => {
    const { d } = holder;
    const eventId = await createEvent(d, 'Receipt Resend Sail', [{ email: 'meg@example.com', name: 'Meg March' }]);
    const { logPayment } = await d.graphql(
      'crew@example.com',
      /* GraphQL */ `
      mutation ($input: LogPaymentInput!) { logPayment(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: crypto.randomUUID(),
          eventId,
          patronEmail: 'meg@example.com',
          amountCents: 2_500,
          method: 'CASH',
        },
      },
    );
    const receipts = async () =>
      (await d.mailTo('meg@example.com')).filter((m) => m.body.text?.includes(logPayment.id)).length;
    expect(await receipts()).toBe(0);

    const { page, context } = await d.signedIn('admin@example.com', phone, HOME_TIME_ZONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    await page.getByRole('button', { name: 'History for Meg March' }).click();
    const history = page.locator('scc-payment-history', { hasText: 'meg@example.com' }).last();
    await history.getByRole('button', { name: 'Send receipt for $25.00 from Meg March' }).click();
    await history.getByText('Receipt sent to meg@example.com').waitFor();
    expect(await receipts()).toBe(1);
    // Recorded on the payment: after the reload the history offers to send it again.
    await history.getByRole('button', { name: 'Send receipt again for $25.00 from Meg March' }).click();
    await expect.poll(receipts).toBe(2);
    const { paymentsByEvent } = await d.graphql(
      'admin@example.com',
      /* GraphQL */ `
      query ($eventId: ID!) { paymentsByEvent(eventId: $eventId) { items { id notificationStatus notifiedAt } } }`,
      { eventId },
    );
    expect(paymentsByEvent.items[0]).toMatchObject({ id: logPayment.id, notificationStatus: 'SENT' });
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: path.join(out, 'receipt-resend-375.png'), fullPage: true });
    await context.close();
  });
});
