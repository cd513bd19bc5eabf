/**
 * The dashboard on a dock with no signal (docs/offline.md), on the production build as deployed: the
 * service worker brings the app shell back with no connection, and what a crew member opened
 * (Today, the charters, an event with its roster and payments) stays readable from IndexedDB,
 * marked with when it was saved.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { createEvent, dashboardForThisFile, paymentsOf, rosterRow } from './support/dashboard';
import { DEFAULT_DEMO_PASSWORD } from '../../local/stack/cognito';

const product = dashboardForThisFile({ spa: 'dist' });
const PHONE = { width: 375, height: 740 };

/** Signed in on a phone (its clock in `timezoneId`), with the service worker installed and in control of the page. */
async function onPhone(
  email = 'crew@example.com',
  timezoneId?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const signed = await product.d.signedIn(email, PHONE, timezoneId);
  await signed.page.waitForFunction(
    () => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined,
    undefined,
    { timeout: 30_000 },
  );
  return signed;
}

const edge = () => product.d.product.endpoints.edgeUrl;

/** The loads saved on this phone for reading offline (src/lib/offline/offline-store.ts): what, and whose. */
const savedReads = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Array<{ key: string; owner: string }>>((resolve, reject) => {
        const open = indexedDB.open('scc');
        open.onsuccess = () => {
          const all = open.result.transaction('reads').objectStore('reads').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result.map(({ key, owner }) => ({ key, owner })));
          };
          all.onerror = () => {
            open.result.close();
            reject(all.error);
          };
        };
        open.onerror = () => reject(open.error);
      }),
  );

/** Waits until the page has saved a load whose key starts with `key` (`event:<id>`, `today:<day>`, `events:` …; the save follows the screen, unawaited). */
async function savedOffline(page: Page, key: string) {
  await expect
    .poll(async () => (await savedReads(page).catch(() => [])).some((r) => r.key.startsWith(key)), { timeout: 10_000 })
    .toBe(true);
}

/** A saved copy's notice: when it was saved, in the operator's zone (America/Los_Angeles here), PST or PDT, never the phone's. */
const SAVED_IN_OPERATOR_ZONE = /Offline — saved [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T\./;

/** The operator's day (AWSDate) now. */
const operatorToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());

describe('offline on the dock', () => {
  it('installs: a manifest with a name, standalone display and icons, and the service worker from /sw.js, uncached', async () => {
    const manifest = await (await fetch(`${edge()}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({
      name: 'Ship Captain Crew',
      start_url: '/',
      display: 'standalone',
      theme_color: '#14213d',
    });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    for (const icon of manifest.icons as Array<{ src: string; type: string }>) {
      const res = await fetch(edge() + icon.src);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(icon.type);
    }
    const sw = await fetch(`${edge()}/sw.js`);
    expect(sw.headers.get('content-type')).toContain('javascript');
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(await sw.text()).toContain('precacheAndRoute');
  });

  it('opens the app shell from the service worker with no connection', async () => {
    const { context, page } = await onPhone();
    await context.setOffline(true);
    await page.goto(`${edge()}/today`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('link', { name: 'Charters' }).waitFor();
    await context.close();
  });

  it('shows the event and roster last opened after an offline reload, marked Offline with when they were saved', async () => {
    const eventId = await createEvent(product.d, 'Dockside Sail', [
      { email: 'meg@example.com', name: 'Meg March', partySize: 2 },
      { email: 'beth@example.com', name: 'Beth March' },
    ]);
    const { context, page } = await onPhone();
    await page.goto(`${edge()}/events/${eventId}`);
    await rosterRow(page, 'Meg March').waitFor();
    // Both of the page's loads are saved (each after its own answer) before the signal goes.
    await savedOffline(page, `event:${eventId}`);
    await savedOffline(page, `payments:${eventId}`);

    await context.setOffline(true);
    await page.reload();
    // First "Saved … · loading the latest", then, the load failed, "Offline — saved …" with Retry.
    // The event's own notice comes first; its payments' follows (each load says when it was saved).
    const notice = page.locator('scc-event-detail .saved-copy', { hasText: 'Offline — saved' }).first();
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toMatch(SAVED_IN_OPERATOR_ZONE);
    await notice.getByRole('button', { name: 'Retry' }).waitFor();
    await page.getByRole('heading', { name: 'Dockside Sail' }).waitFor();
    await rosterRow(page, 'Meg March').waitFor();
    await rosterRow(page, 'Beth March').waitFor();
    // Its payments as saved too (none yet), with their own notice.
    await page.locator('scc-payment-history .saved-copy', { hasText: 'Offline — saved' }).waitFor();
    await page.locator('scc-payment-history').getByText('No payments yet.').waitFor();

    // Signal again: the page loads again by itself (the browser says `online`), the notices go, it is live.
    await context.setOffline(false);
    await expect.poll(() => page.locator('scc-event-detail .saved-copy').count(), { timeout: 15_000 }).toBe(0);
    await rosterRow(page, 'Meg March').waitFor();
    await context.close();
  });

  it('shows Today, the charters and an event’s payments as last loaded after an offline reload, saved-at in the operator’s zone on a phone set to Tokyo', async () => {
    // Today in the operator's zone whatever the hour: from the first minutes of today until this time tomorrow.
    const noon = Date.parse(`${operatorToday()}T20:00:00Z`);
    const eventId = await createEvent(product.d, 'Dock Day Sail', [{ email: 'jo@example.com', name: 'Jo March' }], {
      startsAt: new Date(noon - (11 * 60 + 59) * 60_000).toISOString(),
      hours: 24,
    });
    await product.d.graphql(
      'crew@example.com',
      `mutation { logPayment(input: { idempotencyKey: "dock-day-jo", eventId: "${eventId}",
      patronEmail: "jo@example.com", amountCents: 1250, method: CASH }) { id } }`,
    );
    const { context, page } = await onPhone('crew@example.com', 'Asia/Tokyo');
    const todaySail = page.locator('scc-today-page scc-today-sailing', {
      has: page.getByRole('heading', { name: 'Dock Day Sail' }),
    });
    const card = page.locator('scc-event-list scc-event-card', { hasText: 'Dock Day Sail' });
    const payment = page.locator('scc-payment-history tbody tr', { hasText: '$12.50' });
    // Crew land on Today; then the charters; then the event with its payments.
    await todaySail.waitFor();
    await savedOffline(page, `today:${operatorToday()}`);
    await page.getByRole('link', { name: 'Charters' }).click();
    await card.waitFor();
    await savedOffline(page, 'events:');
    await page.goto(`${edge()}/events/${eventId}`);
    await payment.waitFor();
    await savedOffline(page, `payments:${eventId}`);

    await context.setOffline(true);
    await page.reload();
    const historyNotice = page.locator('scc-payment-history .saved-copy', { hasText: 'Offline — saved' });
    await historyNotice.waitFor({ timeout: 20_000 });
    expect(await historyNotice.textContent()).toMatch(SAVED_IN_OPERATOR_ZONE);
    await payment.waitFor();

    await page.goto(`${edge()}/events`);
    const listNotice = page.locator('scc-event-list .saved-copy', { hasText: 'Offline — saved' });
    await listNotice.waitFor({ timeout: 20_000 });
    expect(await listNotice.textContent()).toMatch(SAVED_IN_OPERATOR_ZONE);
    await card.waitFor();

    await page.goto(`${edge()}/today`);
    const todayNotice = page.locator('scc-today-page .saved-copy', { hasText: 'Offline — saved' });
    await todayNotice.waitFor({ timeout: 20_000 });
    expect(await todayNotice.textContent()).toMatch(SAVED_IN_OPERATOR_ZONE);
    await todaySail.waitFor();

    // Signal again: Today loads again by itself, no longer marked saved.
    await context.setOffline(false);
    await expect.poll(() => page.locator('scc-today-page .saved-copy').count(), { timeout: 15_000 }).toBe(0);
    await todaySail.waitFor();
    await context.close();
  });

  it('shows the next user on the same phone none of what the last one read', async () => {
    const { context, page } = await onPhone('crew@example.com');
    await page.getByRole('heading', { name: 'Today’s sailings' }).waitFor();
    await savedOffline(page, 'today:');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').fill('admin@example.com');
    await page.getByLabel('Password').fill(DEFAULT_DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Admins land on the charters, loaded and saved as theirs.
    await page.getByRole('heading', { name: 'Charters' }).waitFor();
    await savedOffline(page, 'events:');
    expect((await savedReads(page)).filter((r) => r.owner !== 'admin@example.com')).toEqual([]);

    // The crew member's Today is not the admin's: with no signal it cannot be loaded, and says so.
    await context.setOffline(true);
    await page.goto(`${edge()}/today`);
    await page.getByText('Could not load today’s sailings.').waitFor({ timeout: 20_000 });
    expect(await page.locator('scc-today-page .saved-copy').count()).toBe(0);
    await context.close();
  });

  it('logs a payment after an offline reload, against the roster as saved (marked with when), and sends it when signal returns', async () => {
    const eventId = await createEvent(product.d, 'No Bars Sail', [{ email: 'jo@example.com', name: 'Jo March' }]);
    const { context, page } = await onPhone();
    await page.goto(`${edge()}/events/${eventId}`);
    await rosterRow(page, 'Jo March').waitFor();
    await savedOffline(page, `event:${eventId}`);

    // Truly offline, and reloaded: nothing of the last load is left in the page's memory.
    await context.setOffline(true);
    await page.reload();
    await page
      .locator('scc-event-detail .saved-copy', { hasText: 'Offline — saved' })
      .first()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Log payment', exact: true }).click();
    const modal = page.getByRole('dialog', { name: 'Log a payment' });
    const stale = modal.getByText('No signal. Balances as loaded');
    await stale.waitFor({ timeout: 10_000 });
    expect(await stale.textContent()).toMatch(
      /Balances as loaded [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T;/,
    );
    await modal.getByLabel('Patron', { exact: true }).selectOption('jo@example.com');
    await modal.getByLabel('Amount (dollars)').fill('10');
    await modal.getByLabel('Email a receipt to the patron').uncheck();
    await modal.getByRole('button', { name: 'Save for sending' }).click();
    await modal.getByText('is saved on this phone, not yet recorded').waitFor();
    await modal.getByRole('button', { name: 'Done' }).click();
    await page.locator('scc-outbox-status').getByText('1 payment waiting for signal').waitFor();
    expect(await paymentsOf(product.d, eventId)).toEqual([]);

    // Signal again: it goes out within 2 s of the browser's `online`, not at the next slow retry.
    await context.setOffline(false);
    await expect.poll(() => paymentsOf(product.d, eventId), { timeout: 2_000, interval: 100 }).toHaveLength(1);
    await page
      .locator('scc-outbox-status')
      .getByText('Recorded: $10.00 cash from Jo March')
      .waitFor({ timeout: 10_000 });
    expect((await paymentsOf(product.d, eventId)).map((p) => [p.amountCents, p.loggedBy])).toEqual([
      [1000, 'crew@example.com'],
    ]);
    await context.close();
  });

  it('an event never opened offers Retry, not a blank page', async () => {
    const eventId = await createEvent(product.d, 'Unseen Sail', [{ email: 'jo@example.com', name: 'Jo March' }]);
    const { context, page } = await onPhone();
    await context.setOffline(true);
    await page.goto(`${edge()}/events/${eventId}`);
    await page.getByText('Could not load the event.').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Retry' }).first().waitFor();
    await context.setOffline(false);
    await rosterRow(page, 'Jo March').waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('forgets what was read on sign-out (a shared phone)', async () => {
    const eventId = await createEvent(product.d, 'Shared Phone Sail', [
      { email: 'amy@example.com', name: 'Amy March' },
    ]);
    const { context, page } = await onPhone();
    await page.goto(`${edge()}/events/${eventId}`);
    await rosterRow(page, 'Amy March').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    const saved = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('scc');
          open.onsuccess = () => {
            const count = open.result.transaction('reads').objectStore('reads').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    expect(saved).toBe(0);
    await context.close();
  });

  it('leaves waiver links to the waiver Lambda even with the service worker installed', async () => {
    const eventId = await createEvent(product.d, 'Waiver Sail', []);
    const { context, page } = await onPhone();
    const res = await page.goto(`${edge()}/g/${eventId}/waiver`);
    expect(res?.fromServiceWorker()).toBe(false);
    await page
      .getByRole('heading', { name: /Waiver Sail/ })
      .first()
      .waitFor();
    expect(await page.locator('scc-app').count()).toBe(0);
    await context.close();
  });
});
