import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { createEvent, dashboardForThisFile, rosterRow } from './support/dashboard';
import { readmeScreenshot } from './support/boarding';

/**
 * Refunds and a cancelled sailing on a phone, at 375 px in Chromium: an admin logs a
 * payment, refunds part of it from the history, cancels the sailing, moves one patron to a later
 * sailing and refunds all another paid; the totals shown on both sailings are the sums.
 */
const dash = dashboardForThisFile();
const PHONE = { width: 375, height: 812 };

const paidLine = (page: Page) => page.locator('header p', { hasText: 'balance' }).first().textContent();
/** A cancelled sailing's header: nothing owed, what is still to refund (never its stored balance). */
const cancelledLine = (page: Page) => page.locator('header p', { hasText: 'still to refund' }).first().textContent();
const patron = (page: Page, name: string) =>
  page.locator('scc-cancelled-sailing li', { has: page.getByText(name, { exact: true }) });

async function totals(d: typeof dash.d, eventId: string) {
  const { getEvent } = await d.graphql(
    'admin@example.com',
    `query { getEvent(id: "${eventId}") { event { paidCents status } } }`,
  );
  return getEvent.event as { paidCents: number; status: string };
}

describe('refunds and a cancelled sailing on a phone', () => {
  it('refunds part of a payment, cancels the sailing, moves one patron and refunds another; the totals follow', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Squall Line Sail', [
      { email: 'jo@example.com', name: 'Jo Sailor', partySize: 1 },
      { email: 'sam@example.com', name: 'Sam Deck', partySize: 1 },
    ]);
    const laterId = await createEvent(d, 'Fair Weather Sail', [], {
      startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      hours: 2,
    });
    await d.graphql(
      'admin@example.com',
      /* GraphQL */ `
      mutation ($input: LogPaymentInput!) { logPayment(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: crypto.randomUUID(),
          eventId,
          patronEmail: 'sam@example.com',
          amountCents: 3000,
          method: 'CARD',
        },
      },
    );
    const { page, context } = await d.signedIn('admin@example.com', PHONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    await page.getByRole('heading', { name: 'Squall Line Sail' }).waitFor();

    // Log Jo's $50.00 cash.
    await rosterRow(page, 'Jo Sailor').getByRole('button', { name: 'Log payment for Jo Sailor' }).click();
    const modal = page.getByRole('dialog', { name: 'Log a payment' });
    await expect.poll(() => modal.getByLabel('Patron', { exact: true }).inputValue()).not.toBe('');
    await modal.getByLabel('Amount (dollars)').fill('50');
    await modal.getByRole('button', { name: 'Log payment' }).click();
    await modal.getByText('Logged $50.00 cash from Jo Sailor.').waitFor();
    await modal.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => paidLine(page)).toMatch(/Paid \$80\.00/);

    // Refund $15.00 of it from the history, with the receipt.
    await page.getByRole('button', { name: 'Refund $50.00 from Jo Sailor' }).click();
    const refund = page.getByRole('dialog', { name: 'Refund' });
    expect(await refund.getByLabel('Amount (dollars)').inputValue()).toBe('50.00');
    await refund.getByLabel('Amount (dollars)').fill('15');
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    await refund.getByText('Say why the money is given back.').waitFor();
    await refund.getByLabel('Reason').fill('Left at the first stop');
    await readmeScreenshot(page, 'refund');
    await refund.getByRole('button', { name: 'Refund', exact: true }).click();
    await refund.getByText('Refunded $15.00 to Jo Sailor.').waitFor();
    await refund.getByRole('button', { name: 'Email refund receipt' }).click();
    await refund.getByText('Refund receipt sent to jo@example.com.').waitFor();
    await refund.getByRole('button', { name: 'Done' }).click();
    const refundRow = page.locator('scc-payment-history tbody tr', { hasText: 'Refund: Left at the first stop' });
    await expect.poll(() => refundRow.locator('.amount').textContent()).toBe('−$15.00');
    await expect.poll(() => paidLine(page)).toMatch(/Paid \$65\.00/);
    expect((await totals(d, eventId)).paidCents).toBe(6500);

    // Cancel the sailing with a reason.
    await page.getByRole('button', { name: 'Cancel sailing' }).click();
    const cancel = page.getByRole('dialog', { name: 'Cancel this sailing?' });
    await cancel.getByLabel('Reason').fill('Small craft advisory');
    await cancel.getByRole('button', { name: 'Cancel sailing' }).click();
    const banner = page.getByRole('region', { name: 'Cancelled' });
    await banner.getByText(/By admin@example\.com on .*Small craft advisory/).waitFor();
    await banner.getByText('2 of 2 patrons unresolved').waitFor();
    // Nothing is owed on it: the header and the block say what was taken, refunded and is still to refund.
    await expect.poll(() => cancelledLine(page)).toMatch(/Cancelled: nothing owed · \$65\.00 still to refund/);
    await banner.getByText('Nothing is owed. Taken $80.00 · refunded $15.00 · $65.00 still to refund').waitFor();
    // It offers nothing the server now refuses on it: no payment, booking, patron edit or removal, waiver link or check-in.
    for (const name of [
      /^Log payment/,
      /^Add patron/,
      /^Add to roster/,
      /^Edit for/,
      /^Remove/,
      /waiver link/i,
      /^Check in/,
      /^Cancel sailing/,
    ]) {
      expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
    expect(await page.locator('scc-event-detail scc-roster, scc-event-detail scc-waiver-link').count()).toBe(0);
    expect(await patron(page, 'Jo Sailor').textContent()).toMatch(/Notice sent/);

    // Move Jo, with what remains of their money, to the later sailing.
    await patron(page, 'Jo Sailor').getByRole('button', { name: 'Move to another sailing' }).click();
    await patron(page, 'Jo Sailor').getByLabel('Move Jo Sailor to').selectOption(laterId);
    await patron(page, 'Jo Sailor').getByRole('button', { name: 'Move', exact: true }).click();
    await banner.getByText('1 of 2 patrons unresolved').waitFor();
    // Named by title and day, linking to it.
    await patron(page, 'Jo Sailor')
      .getByRole('link', { name: /^Fair Weather Sail, / })
      .waitFor();
    expect(
      await patron(page, 'Jo Sailor')
        .getByRole('link', { name: /^Fair Weather Sail, / })
        .getAttribute('href'),
    ).toBe(`/events/${laterId}`);

    // Refund all Sam paid: back to the card it came from, naming that payment.
    await patron(page, 'Sam Deck').getByRole('button', { name: 'Refund all' }).click();
    const all = page.getByRole('dialog', { name: 'Refund' });
    await all.getByText('$30.00 may be refunded, back the way it was paid').waitFor();
    expect(await all.getByLabel(/^\$30\.00 of the card payment received .*, back by$/).inputValue()).toBe('CARD');
    await all.getByLabel('Reason').fill('Sailing cancelled');
    await all.getByRole('button', { name: 'Refund', exact: true }).click();
    await all.getByText('Refunded $30.00 to Sam Deck.').waitFor();
    await all.getByRole('button', { name: 'Done' }).click();
    await banner.getByText('Every patron is resolved').waitFor();
    await expect.poll(() => cancelledLine(page)).toMatch(/Cancelled: nothing owed · \$0\.00 still to refund/);
    const { paymentsByEvent } = await d.graphql(
      'admin@example.com',
      `query { paymentsByEvent(eventId: "${eventId}") { items { kind method amountCents refundOf patronEmail } } }`,
    );
    const samPaid = (paymentsByEvent.items as Record<string, unknown>[]).filter(
      (p) => p.patronEmail === 'sam@example.com',
    );
    expect(samPaid.find((p) => p.kind === 'REFUND')).toMatchObject({ method: 'CARD', amountCents: 3000 });
    expect(samPaid.find((p) => p.kind === 'REFUND')!.refundOf).toBeTruthy();
    await readmeScreenshot(page, 'cancelled');

    // The sums: nothing left on the cancelled sailing; Jo's $35.00 net on the later one.
    expect(await totals(d, eventId)).toEqual({ paidCents: 0, status: 'CANCELLED' });
    expect((await totals(d, laterId)).paidCents).toBe(3500);
    // Nothing of the event page is wider than the phone (the shell's own nav is not this page's).
    const right = await page
      .locator('scc-event-detail')
      .evaluate((detail) =>
        Math.max(...[...detail.shadowRoot!.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)),
      );
    expect(right).toBeLessThanOrEqual(375);
    // Its boarding page boards no one: no Check in, one line saying why.
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}/boarding`);
    await page.getByText('Sailing cancelled: no one boards it.').waitFor();
    expect(await page.getByRole('button', { name: /^Check in/ }).count()).toBe(0);
    await context.close();
  });
});
