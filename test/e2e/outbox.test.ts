/**
 * The outbox on a phone (375 px, docs/offline.md): a payment logged without signal waits on the phone, survives
 * reloads, is recorded exactly once when the connection returns (even when the server's answer is
 * lost on the way back), and a payment refused on arrival stays in front of its person.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright';
import { createEvent, dashboardForThisFile, paymentsOf, rosterRow } from './support/dashboard';

const product = dashboardForThisFile();
const PHONE = { width: 375, height: 812 };
const modalOf = (page: Page) => page.getByRole('dialog', { name: 'Log a payment' });
const outboxBar = (page: Page) => page.locator('scc-outbox-status');
/** The event page's totals line, as read aloud. */
const totalsLine = async (page: Page) =>
  ((await page.locator('scc-event-detail header p').first().textContent()) ?? '').replace(/\s+/g, ' ');

async function eventOwing(title: string, patron: { email: string; name: string }, dueCents: number) {
  const eventId = await createEvent(product.d, title, []);
  await product.d.graphql(
    'admin@example.com',
    /* GraphQL */ `
    mutation ($input: AddPatronInput!) { addPatron(input: $input) { email } }`,
    { input: { eventId, ...patron, amountDueCents: dueCents } },
  );
  return eventId;
}

async function totals(eventId: string) {
  const { getEvent } = await product.d.graphql(
    'admin@example.com',
    /* GraphQL */ `
    query ($id: ID!) { getEvent(id: $id) { event { paidCents balanceCents } roster { email paidCents balanceCents } } }`,
    { id: eventId },
  );
  return getEvent as {
    event: { paidCents: number; balanceCents: number };
    roster: Array<{ email: string; paidCents: number; balanceCents: number }>;
  };
}

/** Logs a payment on the event page with the phone offline: the form works from the roster as loaded. */
async function logOffline(page: Page, context: BrowserContext, patronEmail: string, dollars: string) {
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Log payment', exact: true }).click();
  const modal = modalOf(page);
  await modal.getByText('No signal. Balances as loaded').waitFor();
  await modal.getByLabel('Patron', { exact: true }).selectOption(patronEmail);
  await modal.getByLabel('Amount (dollars)').fill(dollars);
  await modal.getByLabel('Email a receipt to the patron').uncheck();
  await modal.getByRole('button', { name: 'Save for sending' }).click();
  await modal.getByText('is saved on this phone, not yet recorded').waitFor();
  await modal.getByRole('button', { name: 'Done' }).click();
}

/** The browser says the connection is back (`online`), as a phone does when signal returns. */
async function signalReturns(context: BrowserContext) {
  await context.setOffline(true);
  await context.setOffline(false);
}

describe('payments that wait for signal', () => {
  it('records a payment logged offline exactly once, across reloads and a lost answer, with the totals right', async () => {
    const eventId = await eventOwing('Drizzle Dockside', { email: 'jo@example.com', name: 'Jo March' }, 6500);
    const { page, context } = await product.d.signedIn('crew@example.com', PHONE);
    const graphqlUrl = product.d.product.endpoints.graphqlUrl;
    const toApi = (url: URL) => url.href.startsWith(graphqlUrl);
    await page.goto(`${product.d.product.endpoints.edgeUrl}/events/${eventId}`);
    await rosterRow(page, 'Jo March').waitFor();

    await logOffline(page, context, 'jo@example.com', '20');
    await outboxBar(page).getByText('1 payment waiting for signal').waitFor();
    await page.getByText('$20.00 in 1 payment waiting for signal: pending, not counted').waitFor();
    // The totals shown are still the server's: nothing pretends the $20 is paid.
    await expect.poll(() => totalsLine(page), { timeout: 10_000 }).toContain('Paid $0.00 of $65.00 · balance $65.00');

    // Reloaded with no way to the API (the page itself comes from the edge): the payment is still there.
    const noSignal = (route: Route) => route.abort('internetdisconnected');
    await page.route(toApi, noSignal);
    await context.setOffline(false);
    await page.reload();
    await outboxBar(page).getByText('1 payment waiting for signal').waitFor();
    expect(await paymentsOf(product.d, eventId)).toEqual([]);

    // Signal returns, the server records the payment, and its answer is lost on the way back.
    await page.unroute(toApi, noSignal);
    let lost = 0;
    const loseAnswer = async (route: Route) => {
      if (!route.request().postData()?.includes('logPayment')) return route.continue();
      await route.fetch();
      lost += 1;
      return route.abort('internetdisconnected');
    };
    await page.route(toApi, loseAnswer);
    await signalReturns(context);
    await expect.poll(() => lost, { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await paymentsOf(product.d, eventId)).map((p) => p.amountCents)).toEqual([2000]);
    await outboxBar(page).getByText('1 payment waiting for signal').waitFor();

    // The page is reloaded: it sends the payment again under the same key, and the server replays it.
    // (A retry may be in flight in loseAnswer: wait for it rather than pull the route from under it.)
    await page.unrouteAll({ behavior: 'wait' });
    await page.reload();
    await outboxBar(page).getByText('Recorded: $20.00 cash from Jo March').waitFor({ timeout: 10_000 });
    expect(await outboxBar(page).getByText('waiting for signal').count()).toBe(0);
    const payments = await paymentsOf(product.d, eventId);
    expect(payments.map((p) => [p.amountCents, p.status, p.loggedBy])).toEqual([
      [2000, 'RECORDED', 'crew@example.com'],
    ]);
    expect(await totals(eventId)).toEqual({
      event: { paidCents: 2000, balanceCents: 4500 },
      roster: [{ email: 'jo@example.com', paidCents: 2000, balanceCents: 4500 }],
    });
    await expect.poll(() => totalsLine(page), { timeout: 10_000 }).toContain('Paid $20.00 of $65.00 · balance $45.00');
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await outboxBar(page).getByRole('button', { name: 'Dismiss the outcome of $20.00 from Jo March' }).click();
    await expect.poll(() => outboxBar(page).isVisible()).toBe(false);
    await context.close();
  });

  it('shows a payment refused on arrival to the person who entered it, with what to do, until they dismiss it', async () => {
    const eventId = await eventOwing('Squall Sail', { email: 'beth@example.com', name: 'Beth March' }, 6500);
    const { page, context } = await product.d.signedIn('crew@example.com', PHONE);
    await page.goto(`${product.d.product.endpoints.edgeUrl}/events/${eventId}`);
    await rosterRow(page, 'Beth March').waitFor();

    await logOffline(page, context, 'beth@example.com', '65');
    await outboxBar(page).getByText('1 payment waiting for signal').waitFor();
    // Meanwhile, at the gangway, an admin with signal logs $30 from the same patron.
    await product.d.graphql(
      'admin@example.com',
      /* GraphQL */ `
      mutation ($input: LogPaymentInput!) { logPayment(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: crypto.randomUUID(),
          eventId,
          patronEmail: 'beth@example.com',
          amountCents: 3000,
          method: 'CARD',
        },
      },
    );

    await context.setOffline(false);
    const refusal = outboxBar(page).getByRole('alert');
    await refusal.getByText('Not recorded: $65.00 cash from Beth March').waitFor({ timeout: 10_000 });
    expect(await refusal.textContent()).toContain('Amount exceeds the balance due of $35.00.');
    expect(await refusal.textContent()).toContain('check what they owe now, and log that amount if they still owe it');
    // The refusal reloaded the page: it shows the admin's payment, and nothing is pending.
    await expect.poll(() => totalsLine(page), { timeout: 10_000 }).toContain('Paid $30.00 of $65.00 · balance $35.00');
    expect(await page.getByText('waiting for signal').count()).toBe(0);

    // Kept across a reload, until its person dismisses it.
    await page.reload();
    await outboxBar(page).getByRole('alert').getByText('Not recorded: $65.00 cash from Beth March').waitFor();
    expect((await paymentsOf(product.d, eventId)).map((p) => p.amountCents)).toEqual([3000]);
    await outboxBar(page).getByRole('button', { name: 'Dismiss the outcome of $65.00 from Beth March' }).click();
    await expect.poll(() => outboxBar(page).isVisible()).toBe(false);
    await page.reload();
    await rosterRow(page, 'Beth March').waitFor();
    expect(await outboxBar(page).isVisible()).toBe(false);
    await context.close();
  });
});
