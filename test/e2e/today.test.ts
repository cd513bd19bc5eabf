import { describe, expect, it } from 'vitest';
import { createEvent, dashboardForThisFile } from './support/dashboard';
import { readmeScreenshot, signWaiver } from './support/boarding';

/**
 * Today on a phone, at 375 px in Chromium: a crew member sees today's and tomorrow's
 * sailings in the operator's zone, each with who is not signed, who owes money and how many are
 * booked against capacity, and reaches boarding in one tap.
 */
const dash = dashboardForThisFile();
const PHONE = { width: 375, height: 812 };

/** Noon in the operator's zone (America/Los_Angeles locally), `days` days from today. */
function operatorNoon(days: number): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
  // 20:00 UTC is noon or 1 PM Pacific, both well inside the day.
  return `${day}T20:00:00Z`;
}

describe('today on a phone', () => {
  it("shows today's and tomorrow's sailings with open waivers, balances and head count, one tap from boarding", async () => {
    const d = dash.d;
    const todayId = await createEvent(
      d,
      'Noon Harbor Sail',
      [
        { email: 'jo@example.com', name: 'Jo Sailor', partySize: 2 },
        { email: 'sam@example.com', name: 'Sam Deck', partySize: 1 },
        // From the first minutes of today in the operator's zone until this time tomorrow: on today's date and open for
        // waivers whatever hour the test runs (a sailing starting "in ten minutes" is tomorrow's after 11:50 PM).
      ],
      { startsAt: new Date(Date.parse(operatorNoon(0)) - (11 * 60 + 59) * 60_000).toISOString(), hours: 24 },
    );
    await createEvent(d, 'Tomorrow Bay Sail', [{ email: 'ann@example.com', name: 'Ann Bow', partySize: 3 }], {
      startsAt: operatorNoon(1),
      hours: 2,
    });
    await createEvent(d, 'Next Week Sail', [], { startsAt: operatorNoon(7), hours: 2 });
    await signWaiver(d, todayId, 'jo@example.com', 'Jo Sailor', ['Kid Jo']);
    await d.graphql(
      'crew@example.com',
      `mutation { logPayment(input: { idempotencyKey: "today-sam", eventId: "${todayId}", patronEmail: "sam@example.com", amountCents: 5000, method: CASH }) { id } }`,
    );

    const { page, context } = await d.signedIn('crew@example.com', PHONE);
    // Crew land on Today: signing in at / shows it, no tap needed.
    await page.getByRole('heading', { name: 'Today’s sailings' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    const today = page.locator('section', { has: page.getByRole('heading', { name: /^Today · / }) });
    const tomorrow = page.locator('section', { has: page.getByRole('heading', { name: /^Tomorrow · / }) });
    const sail = today.locator('scc-today-sailing', { has: page.getByRole('heading', { name: 'Noon Harbor Sail' }) });
    await sail.waitFor();
    expect(await sail.locator('.booked').textContent()).toMatch(/3 booked of 40 · 2 parties/);
    expect(await sail.locator('ul.unsigned li').allTextContents()).toEqual(['Sam Deck']);
    expect(await sail.locator('ul.owing li').allTextContents()).toEqual(['Jo Sailor $100.00']);
    const next = tomorrow.locator('scc-today-sailing', {
      has: page.getByRole('heading', { name: 'Tomorrow Bay Sail' }),
    });
    expect(await next.locator('ul.unsigned li').allTextContents()).toEqual(['Ann Bow (party of 3)']);
    expect(await page.getByRole('heading', { name: 'Next Week Sail' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await readmeScreenshot(page, 'today');

    // Patron search is on Today, where crew are: a name finds the booking, one tap to its event.
    await page.getByLabel('Find a patron').fill('ann b');
    await page.getByRole('button', { name: 'Find' }).click();
    const match = page.getByRole('list', { name: 'Patrons found' }).getByRole('listitem');
    await expect
      .poll(() => match.allInnerTexts())
      .toEqual([expect.stringMatching(/Ann Bow · ann@example.com[\s\S]*party of 3/)]);
    expect(await match.getByRole('link').allInnerTexts()).toEqual(['The event']);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await readmeScreenshot(page, 'today-search');
    await sail.getByRole('link', { name: 'Start boarding: Noon Harbor Sail' }).click();
    await page.getByRole('heading', { name: 'Boarding: Noon Harbor Sail' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/events/${todayId}/boarding`);
    await context.close();
  });
});
