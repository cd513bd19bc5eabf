import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { createEvent, dashboardForThisFile, rosterRow } from './dashboard-support';

/**
 * Issue 16 §1 at the gangway: two crew members' phones (375 px, two browser contexts, two users)
 * on one sailing. One logs a payment; within a second the other's event page, roster and Today
 * show it, without a reload. A phone that loses its live link says so, and catches up when back.
 */
const dash = dashboardForThisFile();
const PHONE = { width: 375, height: 812 };

/** From the first minutes of today in the operator's zone, for 24 h: today's sailing whatever hour CI runs (see today.test.ts). */
function todayAllDay(): { startsAt: string; hours: number } {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
  return { startsAt: new Date(Date.parse(`${day}T20:00:00Z`) - (11 * 60 + 59) * 60_000).toISOString(), hours: 24 };
}

async function openEvent(page: Page, eventId: string) {
  await page.goto(new URL(`/events/${eventId}`, page.url()).href);
  await page.getByText('Live: changes by others show up here.').waitFor();
}

describe('live screens', () => {
  it("show another user's payment within a second on the event page, its roster and Today; a lost link is said and recovered", async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Gangway Sail', [{ email: 'jo@example.com', name: 'Jo March', partySize: 2 }], todayAllDay());

    const watcher = await d.signedIn('crew@example.com', PHONE);
    await openEvent(watcher.page, eventId);
    const today = await watcher.context.newPage();
    await today.goto(new URL('/today', watcher.page.url()).href);
    const sailing = today.locator('scc-today-sailing', { has: today.getByRole('heading', { name: 'Gangway Sail' }) });
    await sailing.waitFor();
    expect(await sailing.locator('ul.owing li').allTextContents()).toEqual(['Jo March $100.00']);
    await today.getByText('Live: changes by others show up here.').waitFor();

    const other = await d.signedIn('admin@example.com', PHONE);
    await openEvent(other.page, eventId);
    await rosterRow(other.page, 'Jo March').getByRole('button', { name: 'Log payment for Jo March' }).click();
    const modal = other.page.getByRole('dialog', { name: 'Log a payment' });
    await expect.poll(() => modal.getByLabel('Patron', { exact: true }).inputValue()).not.toBe('');
    await modal.getByLabel('Amount (dollars)').fill('25.00');
    await modal.getByLabel('Method').selectOption({ label: 'Cash' });
    await modal.getByLabel('Email a receipt to the patron').uncheck();
    await modal.getByRole('button', { name: 'Log payment' }).click();
    await modal.getByText('Logged $25.00 cash from Jo March.').waitFor();
    const logged = Date.now();

    // The watcher never reloads: the subscription brings the change to both of its pages.
    const row = rosterRow(watcher.page, 'Jo March');
    await expect.poll(() => row.textContent(), { timeout: 1_000, interval: 50 }).toMatch(/Paid\s*\$25\.00/);
    await expect.poll(() => watcher.page.locator('scc-event-detail header').textContent(), { timeout: 1_000, interval: 50 }).toMatch(/Paid\s*\$25\.00\s*of\s*\$100\.00/);
    await expect.poll(() => sailing.locator('ul.owing li').allTextContents(), { timeout: 1_000, interval: 50 }).toEqual(['Jo March $75.00']);
    expect(Date.now() - logged).toBeLessThan(1_000);
    expect(await watcher.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The watcher's phone loses signal: the page says its picture may be old, rather than pass it off as current.
    await watcher.context.setOffline(true);
    await watcher.page.getByText(/Live updates lost at .*: others’ changes since then are not shown\. Reconnecting…/).waitFor();
    await d.graphql('admin@example.com', `mutation { logPayment(input: { idempotencyKey: "live-offline", eventId: "${eventId}", patronEmail: "jo@example.com", amountCents: 1000, method: CARD }) { id eventId } }`);
    await watcher.context.setOffline(false);
    // Back online, it is live again and shows what it missed.
    await watcher.page.getByText('Live: changes by others show up here.').waitFor({ timeout: 15_000 });
    await expect.poll(() => row.textContent(), { timeout: 5_000 }).toMatch(/Paid\s*\$35\.00/);

    await watcher.context.close();
    await other.context.close();
  });
});
