import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { createEvent, dashboardForThisFile, rosterRow } from './support/dashboard';
import { signWaiverToken } from '../../amplify/functions/outreach/link';
import { stateSecret } from '../../local/stack/keys';

/**
 * Live updates at the gangway: two crew members' phones (375 px, two browser contexts, two users)
 * on one sailing. One logs a payment; within a second the other's event page, roster and Today
 * show it, without a reload; at two gangways, each boarding page shows the other's check-ins. A
 * phone that loses its live link says so, and catches up when back.
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
    const eventId = await createEvent(
      d,
      'Gangway Sail',
      [{ email: 'jo@example.com', name: 'Jo March', partySize: 2 }],
      todayAllDay(),
    );

    const watcher = await d.signedIn('crew@example.com', PHONE);
    // As after a plain `npm start`: no certificate accepted, the live socket goes over ws://.
    const sockets: string[] = [];
    watcher.context.on('page', (p) => p.on('websocket', (ws) => sockets.push(ws.url())));
    watcher.page.on('websocket', (ws) => sockets.push(ws.url()));
    await openEvent(watcher.page, eventId);
    expect(sockets.filter((url) => url.includes('/graphql/realtime')).map((url) => new URL(url).protocol)).toEqual([
      'ws:',
    ]);
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
    await expect
      .poll(() => watcher.page.locator('scc-event-detail header').first().textContent(), {
        timeout: 1_000,
        interval: 50,
      })
      .toMatch(/Paid\s*\$25\.00\s*of\s*\$100\.00/);
    await expect
      .poll(() => sailing.locator('ul.owing li').allTextContents(), { timeout: 1_000, interval: 50 })
      .toEqual(['Jo March $75.00']);
    expect(Date.now() - logged).toBeLessThan(1_000);
    expect(await watcher.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The watcher's phone loses signal: the page says its picture may be old, rather than pass it off as current.
    await watcher.context.setOffline(true);
    await watcher.page
      .getByText(/Live updates lost at .*: others’ changes since then are not shown\. Reconnecting…/)
      .waitFor();
    await d.graphql(
      'admin@example.com',
      `mutation { logPayment(input: { idempotencyKey: "live-offline", eventId: "${eventId}", patronEmail: "jo@example.com", amountCents: 1000, method: CARD }) { id eventId } }`,
    );
    await watcher.context.setOffline(false);
    // Back online, it is live again and shows what it missed.
    await watcher.page.getByText('Live: changes by others show up here.').waitFor({ timeout: 15_000 });
    await expect.poll(() => row.textContent(), { timeout: 5_000 }).toMatch(/Paid\s*\$35\.00/);

    await watcher.context.close();
    await other.context.close();
  });

  it("show a patron's signature on the public waiver form within 2 s on crew's event page and Today, without a reload", async () => {
    const d = dash.d;
    const eventId = await createEvent(
      d,
      'Signing Sail',
      [{ email: 'beth@example.com', name: 'Beth March', partySize: 1 }],
      todayAllDay(),
    );
    const crew = await d.signedIn('crew@example.com', PHONE);
    await openEvent(crew.page, eventId);
    // "Live" is a promise: what cannot reach the page is said.
    expect(
      await crew.page
        .getByText('Not shown until you reload: a sailing cancelled, or a patron moved to another sailing.')
        .isVisible(),
    ).toBe(true);
    const row = rosterRow(crew.page, 'Beth March');
    expect(await row.locator('p.waiver').textContent()).toBe('Waiver not signed');
    const today = await crew.context.newPage();
    await today.goto(new URL('/today', crew.page.url()).href);
    const sailing = today.locator('scc-today-sailing', { has: today.getByRole('heading', { name: 'Signing Sail' }) });
    await today.getByText('Live: changes by others show up here.').waitFor();
    expect(await sailing.locator('ul.unsigned li').allTextContents()).toEqual(['Beth March']);

    // The patron, on their own phone, signs on the waiver page through the link they were mailed:
    // the waiver Lambda writes the signature, not a mutation.
    const patron = await d.browser.newContext({ viewport: PHONE });
    const form = await patron.newPage();
    const token = signWaiverToken(stateSecret(d.product.dir, 'waiver-link-secret'), eventId, 'beth@example.com');
    await form.goto(`${d.product.endpoints.edgeUrl}/g/${eventId}/waiver?t=${token}`);
    await form.locator('#name').fill('Beth March');
    await form.locator('#phone').fill('+1 555 010 0123');
    await form.locator('#dateOfBirth').fill('1990-02-03');
    await form.locator('#agree').check();
    await form.locator('#signature').fill('Beth March');
    await form.getByRole('button', { name: 'Sign waiver' }).click();
    await form.waitForURL(/signed=/);
    const signed = Date.now();

    await expect
      .poll(() => row.locator('p.waiver').textContent(), { timeout: 2_000, interval: 50 })
      .toMatch(/Waiver signed[^]*by\s+Beth March/);
    await expect.poll(() => sailing.locator('ul.unsigned li').count(), { timeout: 2_000, interval: 50 }).toBe(0);
    expect(Date.now() - signed).toBeLessThan(2_000);
    await patron.close();
    await crew.context.close();
  });

  it("show another crew member's check-in on the boarding page within a second, without a refresh", async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Two Gangways', [
      { email: 'meg@example.com', name: 'Meg March', partySize: 2 },
    ]);
    const boarding = async (email: string) => {
      const phone = await d.signedIn(email, PHONE);
      await phone.page.goto(new URL(`/events/${eventId}/boarding`, phone.page.url()).href);
      await phone.page.getByRole('heading', { name: 'Boarding: Two Gangways' }).waitFor();
      await phone.page.getByText('Live: changes by others show up here.').waitFor();
      return phone;
    };
    const aft = await boarding('crew@example.com');
    const fore = await boarding('admin@example.com');
    const count = (page: Page) => page.getByRole('status').filter({ hasText: 'aboard of' }).textContent();
    expect(await count(aft.page)).toMatch(/0\s*aboard of 40 capacity · 2 booked/);

    // Meg has not signed and owes: boarding her takes the second, deliberate step.
    await fore.page.getByRole('button', { name: 'Check in Meg March' }).click();
    await fore.page.getByRole('button', { name: /^Board without waiver, owing/ }).click();
    await expect.poll(() => count(fore.page)).toMatch(/1\s*aboard of 40/);
    const checkedIn = Date.now();

    // The other gangway's phone neither reloads nor taps Refresh.
    await expect.poll(() => count(aft.page), { timeout: 1_000, interval: 50 }).toMatch(/1\s*aboard of 40/);
    expect(Date.now() - checkedIn).toBeLessThan(1_000);
    const aboard = aft.page.locator('section', { has: aft.page.getByRole('heading', { name: /^Checked in \(1\)/ }) });
    expect(await aboard.getByText('Meg March', { exact: true }).count()).toBe(1);
    expect(await aft.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await aft.context.close();
    await fore.context.close();
  });

  // The dock's link: a signed-in reload does not wait for aws-amplify (74 KB gzip) to read.
  it('a signed-in reload shows the roster, as read now, before aws-amplify has loaded; once it has, the page goes live and shows what changed meanwhile', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Early Read', [{ email: 'amy@example.com', name: 'Amy March', partySize: 1 }]);
    const { context, page } = await d.signedIn('crew@example.com', PHONE);
    const amplify = await holdAmplify(page);
    await page.goto(new URL(`/events/${eventId}`, page.url()).href);
    await rosterRow(page, 'Amy March').waitFor();
    expect(amplify.requested()).toBe(true);
    expect(await page.locator('scc-event-detail .saved-copy').count()).toBe(0);
    expect(await rosterRow(page, 'Amy March').textContent()).toMatch(/Paid\s*\$0\.00/);

    // Another user's payment while this page cannot be live yet.
    await d.graphql(
      'admin@example.com',
      `mutation { logPayment(input: { idempotencyKey: "early-read", eventId: "${eventId}", patronEmail: "amy@example.com", amountCents: 1500, method: CASH }) { id } }`,
    );
    amplify.release();
    await page.getByText('Live: changes by others show up here.').waitFor({ timeout: 15_000 });
    await expect.poll(() => rosterRow(page, 'Amy March').textContent(), { timeout: 5_000 }).toMatch(/Paid\s*\$15\.00/);
    await context.close();
  });

  it('the event, boarding and Today pages each ask for their first data once, started by the shell before their code arrives', async () => {
    const d = dash.d;
    const eventId = await createEvent(
      d,
      'Preloaded Sail',
      [{ email: 'jo2@example.com', name: 'Jo Bhaer', partySize: 1 }],
      todayAllDay(),
    );
    const { context, page } = await d.signedIn('crew@example.com', PHONE);
    // Today (the crew's start page) has read this sailing already: nothing of its own in flight.
    await page.getByRole('heading', { name: 'Preloaded Sail' }).waitFor();
    await page.waitForLoadState('networkidle');
    const asked: string[] = [];
    page.on('request', (r) => {
      const body = r.method() === 'POST' && r.url().includes('/graphql') ? JSON.parse(r.postData() ?? '{}') : {};
      const field = /\{\s*(\w+)\s*\(/.exec(body.query ?? '')?.[1];
      // This sailing's reads only (and Today's list of the day's sailings).
      if (field && (field === 'listEvents' || JSON.stringify(body.variables ?? {}).includes(eventId)))
        asked.push(field);
    });
    const amplify = await holdAmplify(page);
    const open = async (path: string, view: string, field: string, shown: () => Promise<unknown>) => {
      asked.length = 0;
      const code = await hold(page, `**/${view}*`);
      await page.goto(new URL(path, page.url()).href);
      // Asked while the page's own code is still held back.
      await expect.poll(() => asked.includes(field)).toBe(true);
      expect(code.requested()).toBe(true);
      code.release();
      await shown();
      await page.waitForTimeout(300);
      expect(asked.filter((f) => f === field)).toEqual([field]);
    };
    await open(`/events/${eventId}`, 'scc-event-detail', 'getEvent', () => rosterRow(page, 'Jo Bhaer').waitFor());
    await open(`/events/${eventId}/boarding`, 'scc-boarding-page', 'boarding', () =>
      page.getByRole('heading', { name: 'Boarding: Preloaded Sail' }).waitFor(),
    );
    await open('/today', 'scc-today-page', 'listEvents', () =>
      page.getByRole('heading', { name: 'Preloaded Sail' }).waitFor(),
    );
    amplify.release();
    await context.close();
  });

  it('a reload whose stored session has expired sends nothing with it, and reads once aws-amplify has refreshed the session', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Expired Read', [
      { email: 'beth@example.com', name: 'Beth March', partySize: 1 },
    ]);
    const { context, page } = await d.signedIn('crew@example.com', PHONE);
    // The stored ID token, its `exp` an hour ago (what a phone left overnight holds), put in place as
    // the next page starts: the open page's aws-amplify would otherwise refresh it at once.
    const [key, token] = await page.evaluate(() => {
      const k = Object.keys(localStorage).find((name) => name.endsWith('.idToken'))!;
      return [k, localStorage.getItem(k)!];
    });
    const [head, body, sig] = token.split('.');
    const claims = {
      ...JSON.parse(Buffer.from(body, 'base64url').toString()),
      exp: Math.floor(Date.now() / 1000) - 3600,
    };
    const expired = [head, Buffer.from(JSON.stringify(claims)).toString('base64url'), sig].join('.');
    await page.addInitScript(([k, t]) => localStorage.setItem(k, t), [key, expired] as const);
    const amplify = await holdAmplify(page);
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/graphql')) sent.push(r.headers().authorization ?? '');
    });
    await page.goto(new URL(`/events/${eventId}`, page.url()).href);
    await expect.poll(() => amplify.requested()).toBe(true);
    await page.waitForTimeout(1_000);
    expect(await rosterRow(page, 'Beth March').count()).toBe(0);
    amplify.release();
    await rosterRow(page, 'Beth March').waitFor({ timeout: 15_000 });
    // Read with the token aws-amplify refreshed; the expired one was never sent.
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((token) => token === expired)).toEqual([]);
    await context.close();
  });
});

/** Holds back the requests for `pattern` (a module, a chunk) until released. */
async function hold(page: Page, pattern: string): Promise<{ requested(): boolean; release(): void }> {
  let requested = false;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    requested = true;
    await held;
    // The page may be gone by then (its context closed): nothing left to continue.
    await route.continue().catch(() => undefined);
  });
  return { requested: () => requested, release };
}

/** Holds back the aws-amplify chunk until released. */
const holdAmplify = (page: Page) => hold(page, '**/amplify-backend*');
