/**
 * The dashboard on a dock with no signal (issue 16 §2), on the production build as deployed: the
 * service worker brings the app shell back with no connection, and the events a crew member
 * opened stay readable from IndexedDB, marked with when they were saved.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright';
import { createEvent, dashboardForThisFile, rosterRow } from './dashboard-support';

const product = dashboardForThisFile({ spa: 'dist' });
const PHONE = { width: 375, height: 740 };

/** Signed in on a phone, with the service worker installed and in control of the page. */
async function onPhone(email = 'crew@example.com'): Promise<{ context: BrowserContext; page: Page }> {
  const signed = await product.d.signedIn(email, PHONE);
  await signed.page.waitForFunction(() => navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined,
    undefined, { timeout: 30_000 });
  return signed;
}

const edge = () => product.d.product.endpoints.edgeUrl;

describe('offline on the dock', () => {
  it('installs: a manifest with a name, standalone display and icons, and the service worker from /sw.js, uncached', async () => {
    const manifest = await (await fetch(`${edge()}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: 'Ship Captain Crew', start_url: '/', display: 'standalone', theme_color: '#14213d' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
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

    await context.setOffline(true);
    await page.reload();
    // First "Saved … · loading the latest", then, the load failed, "Offline — saved …" with Retry.
    const notice = page.locator('scc-event-detail .saved-copy', { hasText: 'Offline — saved' });
    await notice.waitFor({ timeout: 20_000 });
    // When it was saved, in the operator's zone (America/Los_Angeles here): PST or PDT, never UTC.
    expect(await notice.textContent()).toMatch(/Offline — saved [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M P[SD]T\./);
    await page.getByRole('heading', { name: 'Dockside Sail' }).waitFor();
    await rosterRow(page, 'Meg March').waitFor();
    await rosterRow(page, 'Beth March').waitFor();
    // What cannot be read offline says so and offers Retry.
    await page.locator('scc-payment-history').getByRole('button', { name: 'Retry' }).first().waitFor();

    // Signal again: the notice goes, the page is live.
    await context.setOffline(false);
    await notice.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => page.locator('scc-event-detail .saved-copy').count(), { timeout: 15_000 }).toBe(0);
    await rosterRow(page, 'Meg March').waitFor();
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
    const eventId = await createEvent(product.d, 'Shared Phone Sail', [{ email: 'amy@example.com', name: 'Amy March' }]);
    const { context, page } = await onPhone();
    await page.goto(`${edge()}/events/${eventId}`);
    await rosterRow(page, 'Amy March').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Email').waitFor();
    const saved = await page.evaluate(() => new Promise<number>((resolve, reject) => {
      const open = indexedDB.open('scc');
      open.onsuccess = () => {
        const count = open.result.transaction('reads').objectStore('reads').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      };
      open.onerror = () => reject(open.error);
    }));
    expect(saved).toBe(0);
    await context.close();
  });

  it('leaves waiver links to the waiver Lambda even with the service worker installed', async () => {
    const eventId = await createEvent(product.d, 'Waiver Sail', []);
    const { context, page } = await onPhone();
    const res = await page.goto(`${edge()}/g/${eventId}/waiver`);
    expect(res?.fromServiceWorker()).toBe(false);
    await page.getByRole('heading', { name: /Waiver Sail/ }).first().waitFor();
    expect(await page.locator('scc-app').count()).toBe(0);
    await context.close();
  });
});
