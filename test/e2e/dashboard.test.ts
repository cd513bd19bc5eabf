import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { createEvent, paymentsOf, startDashboard, type Dashboard } from './support/dashboard';
import { readCsv } from '../support/csv';

let d: Dashboard;
beforeAll(async () => {
  d = await startDashboard();
});
afterAll(async () => {
  await d?.stop();
});

const rosterRow = (page: Page, name: string) =>
  page.locator('scc-roster li', { has: page.getByText(name, { exact: true }) });

async function logPayment(page: Page, patron: string, amount: string, method: string) {
  await rosterRow(page, patron)
    .getByRole('button', { name: `Log payment for ${patron}` })
    .click();
  const modal = page.getByRole('dialog', { name: 'Log a payment' });
  await expect.poll(() => modal.getByLabel('Patron', { exact: true }).inputValue()).not.toBe('');
  await modal.getByLabel('Amount (dollars)').fill(amount);
  await modal.getByLabel('Method').selectOption({ label: method });
  return modal;
}

describe('the dashboard, end to end', () => {
  it('crew logs a $25.00 cash payment with a receipt; an admin voids it and the totals return', async () => {
    const eventId = await createEvent(d, 'Harbor Lights Cruise', [
      { email: 'jo@example.com', name: 'Jo March', partySize: 2 },
    ]);
    const { page, context } = await d.signedIn('crew@example.com');

    await page.getByRole('link', { name: 'Charters', exact: true }).click();
    await page.getByRole('link', { name: 'Harbor Lights Cruise', exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/events/${eventId}`);
    const modal = await logPayment(page, 'Jo March', '25.00', 'Cash');
    await expect.poll(() => modal.getByLabel('Email a receipt to the patron').isChecked()).toBe(true);
    await modal.getByRole('button', { name: 'Log payment' }).click();
    await modal.getByText('Logged $25.00 cash from Jo March.').waitFor();
    await modal.getByText('Receipt sent to jo@example.com.').waitFor();
    await modal.getByRole('button', { name: 'Done' }).click();

    const row = rosterRow(page, 'Jo March');
    await expect.poll(() => row.textContent()).toMatch(/Paid\s*\$25\.00/);
    expect(await row.textContent()).toMatch(/Balance\s*\$75\.00/);
    await expect.poll(() => page.locator('scc-payment-history tbody tr').count()).toBe(1);

    await page.getByRole('link', { name: '← All events' }).click();
    const card = page.locator('scc-event-card', {
      has: page.getByRole('link', { name: 'Harbor Lights Cruise', exact: true }),
    });
    await expect.poll(() => card.locator('article').textContent()).toMatch(/Paid\s*\$25\.00\s*of \$100\.00/);

    const mail = await d.mailTo('jo@example.com');
    expect(mail).toHaveLength(1);
    expect(`${mail[0].subject} ${mail[0].body.text ?? mail[0].body.html}`).toContain('$25.00');

    // Crew has no void button, even on its own payment.
    await page.goBack();
    await page.locator('scc-payment-history tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: /^Void/ }).count()).toBe(0);
    await context.close();

    // An admin opens the event's URL directly (as after a reload) and voids the payment.
    const admin = await d.signedIn('admin@example.com');
    await admin.page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    await admin.page.getByRole('button', { name: /^Void \$25\.00 from Jo March/ }).click();
    const confirm = admin.page.getByRole('dialog', { name: 'Void a payment' });
    await confirm.getByLabel('Reason').fill('Logged on the wrong charter');
    await confirm.getByRole('button', { name: 'Void payment' }).click();
    const adminRow = rosterRow(admin.page, 'Jo March');
    await expect.poll(() => adminRow.textContent()).toMatch(/Paid\s*\$0\.00/);
    expect(await adminRow.textContent()).toMatch(/Balance\s*\$100\.00/);
    await admin.page.locator('scc-payment-history s', { hasText: '$25.00' }).waitFor();
    await admin.page.getByText('Logged on the wrong charter').waitFor();
    // Who did it is the person's email, from the ID token the dashboard sends (an access token has none).
    expect(
      (await paymentsOf(d, eventId)).map(({ status, loggedBy, voidedBy }) => ({ status, loggedBy, voidedBy })),
    ).toEqual([{ status: 'VOIDED', loggedBy: 'crew@example.com', voidedBy: 'admin@example.com' }]);
    await admin.context.close();
  });

  it('makes one payment from a double-clicked submit', async () => {
    const eventId = await createEvent(d, 'Double Click Regatta', [{ email: 'amy@example.com', name: 'Amy March' }]);
    const { page, context } = await d.signedIn('crew@example.com');
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    const modal = await logPayment(page, 'Amy March', '$10', 'Card');
    await modal.getByLabel('Email a receipt to the patron').uncheck();
    await modal.getByRole('button', { name: 'Log payment' }).dblclick();
    await modal.getByText('Logged $10.00 card from Amy March.').waitFor();
    const payments = await paymentsOf(d, eventId);
    expect(payments.map((p) => p.amountCents)).toEqual([1000]);
    await context.close();
  });

  it('explains an amount over the balance before anything is sent', async () => {
    const eventId = await createEvent(d, 'Overpay Outing', [{ email: 'meg@example.com', name: 'Meg March' }]);
    const { page, context } = await d.signedIn('crew@example.com');
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    const modal = await logPayment(page, 'Meg March', '75', 'Check');
    await modal.getByRole('button', { name: 'Log payment' }).click();
    await modal.getByText('That is more than the $50.00 Meg March still owes.').waitFor();
    expect(await paymentsOf(d, eventId)).toEqual([]);
    await context.close();
  });

  it('keeps the event page and the session across a reload', async () => {
    const eventId = await createEvent(d, 'Reload Run', [{ email: 'beth@example.com', name: 'Beth March' }]);
    const { page, context } = await d.signedIn('crew@example.com');
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    await page.getByRole('heading', { name: 'Reload Run' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Reload Run' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    await context.close();
  });

  it('shows accounting the period’s payments and exports them as CSV', async () => {
    const eventId = await createEvent(d, 'Ledger Cruise', [{ email: 'john@example.com', name: 'John Brooke' }]);
    await d.graphql(
      'crew@example.com',
      /* GraphQL */ `
      mutation ($input: LogPaymentInput!) { logPayment(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: crypto.randomUUID(),
          eventId,
          patronEmail: 'john@example.com',
          amountCents: 1234,
          method: 'ACH',
        },
      },
    );
    const { page, context } = await d.signedIn('accounting@example.com');
    await page.getByRole('heading', { name: 'Payments', exact: true }).waitFor();
    const row = page.locator('scc-payment-history tbody tr', { hasText: 'John Brooke' });
    await expect.poll(() => row.count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8');
    expect(readCsv(csv).map((r) => r.slice(1, 8))).toContainEqual([
      eventId,
      'john@example.com',
      'John Brooke',
      '12.34',
      'USD',
      'ACH',
      'RECORDED',
    ]);
    expect(await page.getByRole('button', { name: /^Void/ }).count()).toBe(0);
    await context.close();
  });

  it('lets an admin create an event and add a patron from the screen alone', async () => {
    const { page, context } = await d.signedIn('admin@example.com');
    await page.getByRole('button', { name: 'New event' }).click();
    const form = page.getByRole('dialog', { name: 'New event' });
    const day = new Date(Date.now() + 10 * 86_400_000);
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    await form.getByLabel('Title').fill('Screen Made Sail');
    await form.getByLabel('Date').fill(date);
    await form.getByLabel('Starts').fill('18:00');
    await form.getByLabel('Ends').fill('21:00');
    await form.getByLabel('Capacity (people)').fill('12');
    await form.getByLabel('Price per person').fill('40');
    await form.getByRole('button', { name: 'Create event' }).click();
    await page.getByRole('heading', { name: 'Screen Made Sail' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/events\/\d{4}-\d{2}-\d{2}-screen-made-sail$/);

    await page.getByRole('button', { name: 'Add patron' }).click();
    const patron = page.getByRole('dialog', { name: 'Add a patron' });
    await patron.getByLabel('Name').fill('Marmee March');
    await patron.getByLabel('Email').fill('marmee@example.com');
    await patron.getByLabel('Party size').fill('2');
    await patron.getByRole('button', { name: 'Add patron' }).click();
    const row = rosterRow(page, 'Marmee March');
    await expect.poll(() => row.textContent()).toMatch(/Due\s*\$80\.00/);
    await context.close();
  });
});
