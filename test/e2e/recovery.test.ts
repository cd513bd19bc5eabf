import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { createEvent, dashboardForThisFile, paymentsOf, rosterRow } from './support/dashboard';

const product = dashboardForThisFile();
const modalOf = (page: Page) => page.getByRole('dialog', { name: 'Log a payment' });

/** An event with one patron who owes `dueCents`, added through the API as admin. */
async function eventOwing(title: string, patron: { email: string; name: string }, dueCents: number) {
  const eventId = await createEvent(product.d, title, []);
  await product.d.graphql(
    'admin@example.com',
    /* GraphQL */ `
    mutation ($input: AddPatronInput!) { addPatron(input: $input) { email } }`,
    {
      input: { eventId, ...patron, amountDueCents: dueCents },
    },
  );
  return eventId;
}

describe('the dashboard recovers', () => {
  it('loads the payment form’s patrons again when the connection returns, and the payment goes through', async () => {
    const eventId = await eventOwing('Offline Outing', { email: 'laurie@example.com', name: 'Laurie Laurence' }, 6500);
    const { page, context } = await product.d.signedIn('crew@example.com');
    // From the charters list (crew start on Today, which shows only today's sailings): this phone
    // never saved the roster, so there is none to fall back on offline (with one, the form works
    // from it and the payment waits in the outbox: outbox.test.ts, offline.test.ts).
    await page.goto(`${product.d.product.endpoints.edgeUrl}/events`);
    await page.getByRole('button', { name: 'Log payment for Offline Outing' }).waitFor();

    await context.setOffline(true);
    await page.getByRole('button', { name: 'Log payment for Offline Outing' }).click();
    const modal = modalOf(page);
    await modal.getByText('Could not load the patrons of this event. Cannot reach the server').waitFor();
    await modal.getByRole('button', { name: 'Retry' }).click();
    await modal.getByText('Could not load the patrons of this event').waitFor();
    // Nothing to pay against: no "Choose the patron who paid" for an empty list.
    expect(await modal.getByRole('button', { name: 'Log payment' }).isDisabled()).toBe(true);

    await context.setOffline(false);
    const patron = modal.getByLabel('Patron', { exact: true });
    await expect
      .poll(() => patron.locator('option').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('Laurie Laurence')]));
    expect(await modal.getByText('Could not load').count()).toBe(0);
    await patron.selectOption('laurie@example.com');
    await modal.getByText('Still owes $65.00 of $65.00').waitFor();
    await modal.getByLabel('Amount (dollars)').fill('20');
    await modal.getByLabel('Email a receipt to the patron').uncheck();
    await modal.getByRole('button', { name: 'Log payment' }).click();
    await modal.getByText('Logged $20.00 cash from Laurie Laurence.').waitFor();
    expect((await paymentsOf(product.d, eventId)).map((p) => p.amountCents)).toEqual([2000]);
    await context.close();
  });

  it('shows the latest balance at once when two crew log $65 for one patron at the same moment', async () => {
    const eventId = await eventOwing('Race Regatta', { email: 'hannah@example.com', name: 'Hannah Mullet' }, 6500);
    const crews = await Promise.all(['crew@example.com', 'admin@example.com'].map((who) => product.d.signedIn(who)));
    const modals = await Promise.all(
      crews.map(async ({ page }) => {
        await page.goto(`${product.d.product.endpoints.edgeUrl}/events/${eventId}`);
        await rosterRow(page, 'Hannah Mullet').getByRole('button', { name: 'Log payment for Hannah Mullet' }).click();
        const modal = modalOf(page);
        await modal.getByText('Still owes $65.00 of $65.00').waitFor();
        await modal.getByLabel('Amount (dollars)').fill('65');
        await modal.getByLabel('Email a receipt to the patron').uncheck();
        return modal;
      }),
    );
    await Promise.all(modals.map((modal) => modal.getByRole('button', { name: 'Log payment' }).click()));

    const outcome = (i: number) =>
      modals[i]!.locator('[role=status], [role=alert]').first().textContent({ timeout: 10_000 });
    const said = await Promise.all([outcome(0), outcome(1)]);
    const refused = said.findIndex((s) => /more than the patron still owes/.test(s ?? ''));
    expect(said.filter((s) => /Logged \$65\.00 cash from Hannah Mullet/.test(s ?? ''))).toHaveLength(1);
    expect(refused).toBeGreaterThanOrEqual(0);

    // The refused form shows the balance as it now is, at once, not the $65.00 it was opened with.
    const loser = modals[refused]!;
    await loser.getByText('Still owes $0.00 of $65.00').waitFor({ timeout: 3_000 });
    expect(await loser.getByText('Still owes $65.00').count()).toBe(0);
    // And the event page behind it too.
    const page = crews[refused]!.page;
    await loser.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => rosterRow(page, 'Hannah Mullet').textContent(), { timeout: 3_000 })
      .toMatch(/Paid\s*\$65\.00/);
    await expect.poll(() => page.locator('scc-payment-history tbody tr').count(), { timeout: 3_000 }).toBe(1);

    expect((await paymentsOf(product.d, eventId)).map((p) => p.amountCents)).toEqual([6500]);
    await Promise.all(crews.map(({ context }) => context.close()));
  });

  it('says a page whose code could not load (offline before it was fetched), and loads it on Retry', async () => {
    const { page: signingIn, context } = await product.d.signedIn('admin@example.com');
    // A page opened afresh, whose team page chunk fails from the start (the page that signed in may
    // have fetched every view by now), as when the phone lost signal before the page was first opened.
    const page = await context.newPage();
    const failing = (route: { abort(): Promise<void> }) => route.abort();
    await page.route('**/scc-team-page*', failing);
    await page.goto(signingIn.url());
    await page.getByRole('link', { name: 'Team' }).click();
    const failed = page.getByText(/Could not load this page/);
    await failed.waitFor();
    // Only once no aborted load of the chunk is still under way: an import of the same URL while
    // one is in flight joins it (the browser's module map) and fails with it, whatever the route.
    await page.unrouteAll({ behavior: 'wait' });
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('heading', { name: 'Team' }).waitFor();
    expect(await failed.count()).toBe(0);
    await context.close();
  });
});
