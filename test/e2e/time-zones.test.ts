/**
 * One time zone, the operator's (America/Los_Angeles here), on every surface, with the dashboard in
 * browsers whose zone is not the operator's (UTC and Asia/Tokyo): event ids, the event list and
 * card, Edit event (shown and saved as Pacific wall times), the payments page's day range and its
 * CSV, the receipt and the waiver page; and the two DST-change days of 2026 (Mar 8 and Nov 1).
 */
import fs from 'node:fs';
import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type Dashboard } from './support/dashboard';
import { readCsv } from '../support/csv';

const CREATE = /* GraphQL */ `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
/** An instant as Pacific wall time, `2026-11-29T19:00:00.000`, computed apart from the product's own helpers. */
const pacific = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'America/Los_Angeles',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hourCycle: 'h23',
  })
    .format(new Date(iso))
    .replace(' ', 'T')
    .replace(',', '.');
const text = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .innerText()
    .then((t) => t.replace(/\s+/g, ' '));

describe('the operator time zone, from browsers in other zones', () => {
  let d: Dashboard;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    d = await startDashboard();
    expect(d.product.outputs.custom).toMatchObject({ timeZone: 'America/Los_Angeles' });
    const events = {
      // Friday Dec 4 2037, 6:30-9:00 PM PST: already Saturday in UTC and in Tokyo (years ahead, so its waiver page stays open).
      sunset: { title: 'Sunset Sail', startsAt: '2037-12-05T02:30:00Z', endsAt: '2037-12-05T05:00:00Z' },
      // The evenings of the DST-change days: 6:00-8:30 PM PDT on Mar 8, PST on Nov 1.
      spring: { title: 'Spring Forward Sail', startsAt: '2026-03-09T01:00:00Z', endsAt: '2026-03-09T03:30:00Z' },
      fall: { title: 'Fall Back Sail', startsAt: '2026-11-02T02:00:00Z', endsAt: '2026-11-02T04:30:00Z' },
    };
    for (const [key, e] of Object.entries(events)) {
      const { createEvent } = await d.graphql('admin@example.com', CREATE, {
        input: {
          ...e,
          boat: key === 'sunset' ? 'Lady Washington' : `Boat ${key}`,
          captain: 'Ahab',
          capacity: 40,
          priceCents: 6500,
        },
      });
      ids[key] = createEvent.id;
    }
    await d.graphql(
      'admin@example.com',
      /* GraphQL */ `
      mutation ($input: AddPatronInput!) { addPatron(input: $input) { email } }`,
      { input: { eventId: ids.sunset, email: 'jo@example.com', name: 'Jo March' } },
    );
    // Received Sunday Nov 29 at 7 PM in San Diego (Monday in UTC).
    const { logPayment } = await d.graphql(
      'crew@example.com',
      /* GraphQL */ `
      mutation ($input: LogPaymentInput!) { logPayment(input: $input) { id loggedAt } }`,
      {
        input: {
          idempotencyKey: crypto.randomUUID(),
          eventId: ids.sunset,
          patronEmail: 'jo@example.com',
          amountCents: 6500,
          method: 'CASH',
          receivedAt: '2026-11-30T03:00:00Z',
        },
      },
    );
    ids.payment = logPayment.id;
    // The payments page searches by when a payment was logged: the server's clock, now.
    ids.loggedOn = pacific(logPayment.loggedAt).slice(0, 10);
  });
  afterAll(async () => {
    await d?.stop();
  });

  it('dates event ids by the operator’s day', () => {
    expect(ids).toMatchObject({
      sunset: '2037-12-04-sunset-sail',
      spring: '2026-03-08-spring-forward-sail',
      fall: '2026-11-01-fall-back-sail',
    });
  });

  it('emails a receipt dated in the operator zone', async () => {
    await d.graphql(
      'crew@example.com',
      /* GraphQL */ `
      mutation ($e: ID!, $p: ID!) { notifyPatron(eventId: $e, paymentId: $p) { status } }`,
      { e: ids.sunset, p: ids.payment },
    );
    const [mail] = await d.mailTo('jo@example.com');
    expect(mail.body.text).toContain('Date: Friday, December 4, 2037 at 6:30 PM (PST)');
    expect(mail.body.text).toContain('Received: Sunday, November 29, 2026');
  });

  for (const zone of ['UTC', 'Asia/Tokyo']) {
    describe(`in a browser set to ${zone}`, () => {
      it('lists each event on its Pacific day, with Pacific times labelled, DST days included', async () => {
        const { page, context } = await d.signedIn('admin@example.com', undefined, zone);
        expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(zone);
        for (const [day, title, when] of [
          ['2037-12-04', 'Sunset Sail', 'Fri, Dec 4, 6:30 PM – 9:00 PM PST'],
          ['2026-03-08', 'Spring Forward Sail', 'Sun, Mar 8, 6:00 PM – 8:30 PM PDT'],
          ['2026-11-01', 'Fall Back Sail', 'Sun, Nov 1, 6:00 PM – 8:30 PM PST'],
        ]) {
          await page.goto(`${d.product.endpoints.edgeUrl}/?from=${day}&to=${day}`);
          const card = page.locator('scc-event-card');
          await card.first().waitFor();
          expect(await card.count(), day).toBe(1);
          expect(await text(page, 'scc-event-card h2')).toBe(title);
          expect(await text(page, 'scc-event-card dd')).toBe(when);
        }
        await context.close();
      });

      it('shows Edit event in Pacific wall time and saves it back without moving the event', async () => {
        const { page, context } = await d.signedIn('admin@example.com', undefined, zone);
        await page.goto(`${d.product.endpoints.edgeUrl}/events/${ids.sunset}`);
        await page.getByRole('button', { name: 'Edit event' }).click();
        const form = page.getByRole('dialog', { name: 'Edit event' });
        expect(await form.getByLabel('Date').inputValue()).toBe('2037-12-04');
        expect(await form.getByLabel(/^Starts/).inputValue()).toBe('18:30');
        expect(await form.getByLabel(/^Ends/).inputValue()).toBe('21:00');
        await form.getByRole('button', { name: /Save/ }).click();
        await form.waitFor({ state: 'hidden' });
        const { getEvent } = await d.graphql(
          'admin@example.com',
          /* GraphQL */ `
          query ($id: ID!) { getEvent(id: $id) { event { startsAt endsAt } } }`,
          { id: ids.sunset },
        );
        expect(getEvent.event).toEqual({ startsAt: '2037-12-05T02:30:00.000Z', endsAt: '2037-12-05T05:00:00.000Z' });
        await context.close();
      });

      it('searches whole Pacific days, and exports what it finds whole with Pacific dates', async () => {
        const { page, context } = await d.signedIn('accounting@example.com', undefined, zone);
        const searches: Array<{ from: string; to: string }> = [];
        page.on('request', (r) => {
          const body =
            r.method() === 'POST'
              ? (r.postDataJSON() as { query?: string; variables?: { from: string; to: string } })
              : null;
          if (body?.query?.includes('paymentsBetween')) searches.push(body.variables!);
        });
        await page.goto(`${d.product.endpoints.edgeUrl}/payments?from=${ids.loggedOn}&to=${ids.loggedOn}`);
        await page.locator('scc-payment-history tbody tr').first().waitFor();
        // The range asked for runs from the day's first Pacific millisecond to its last, whatever the browser's zone.
        // (The last search: accounting's landing page, /payments with its default range, may also have asked.)
        const asked = searches.at(-1)!;
        expect(pacific(asked.from)).toBe(`${ids.loggedOn}T00:00:00.000`);
        expect(pacific(asked.to)).toBe(`${ids.loggedOn}T23:59:59.999`);
        expect(pacific(new Date(Date.parse(asked.from) - 1).toISOString()).slice(0, 10)).not.toBe(ids.loggedOn);
        // Received Sunday evening in San Diego: the row and the CSV say Nov 29, not Monday.
        expect(await text(page, 'scc-payment-history tbody tr')).toContain('Nov 29, 2026');
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Export CSV' }).click();
        const file = await download;
        expect(file.suggestedFilename()).toBe(`payments-${ids.loggedOn}-to-${ids.loggedOn}.csv`);
        const rows = readCsv(fs.readFileSync((await file.path())!, 'utf8')).slice(1);
        const row = rows.find((r) => r[0] === ids.payment)!;
        expect(row.slice(0, 2)).toEqual([ids.payment, ids.sunset]);
        expect(row[8]).toBe('2026-11-29');
        expect(row[9]).toMatch(new RegExp(`^${ids.loggedOn}T\\d\\d:\\d\\d:\\d\\d-0[78]:00$`));
        await context.close();
      });

      it('shows the waiver page’s date in Pacific time', async () => {
        const { page, context } = await d.signedIn('crew@example.com', undefined, zone);
        await page.goto(`${d.product.endpoints.edgeUrl}/g/${ids.sunset}/waiver`);
        expect(await page.locator('header .meta').innerText()).toContain('Friday, December 4, 2037 at 6:30 PM (PST)');
        await context.close();
      });
    });
  }
});
