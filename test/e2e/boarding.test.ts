import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { createEvent, dashboardForThisFile } from './support/dashboard';
import { readmeScreenshot, signWaiver } from './support/boarding';

/**
 * Boarding from a phone (docs/boarding.md), at 375 px in Chromium: crew open a sailing's boarding page,
 * check in a patron, the minor on their waiver and an unnamed guest, see the head count move
 * against capacity and who is aboard without a waiver, and undo a check-in with a reason.
 */
const dash = dashboardForThisFile();
const PHONE = { width: 375, height: 812 };

const person = (page: Page, name: string) =>
  page.locator('scc-boarding-person', { has: page.getByText(name, { exact: true }) });
const section = (page: Page, heading: RegExp) =>
  page.locator('section', { has: page.getByRole('heading', { name: heading }) });
/** The accessible label (or text) of the element focus is on, through shadow roots. */
const focusedLabel = (page: Page) =>
  page.evaluate(() => {
    let at: Element | null = document.activeElement;
    while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
    return at?.getAttribute('aria-label') ?? at?.textContent?.trim() ?? null;
  });
const count = (page: Page) => page.getByRole('status').filter({ hasText: 'aboard of' }).textContent();

describe('boarding on a phone', () => {
  it('checks in each person, shows the head count and who has no waiver, and undoes with a reason', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Gangway Test Sail', [
      { email: 'jo@example.com', name: 'Jo Sailor', partySize: 3 },
      { email: 'sam@example.com', name: 'Sam Deck', partySize: 1 },
    ]);
    await signWaiver(d, eventId, 'jo@example.com', 'Jo Sailor', ['Kid Jo']);
    const { page, context } = await d.signedIn('crew@example.com', PHONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}/boarding`);
    await page.getByRole('heading', { name: 'Boarding: Gangway Test Sail' }).waitFor();
    expect(await count(page)).toMatch(/0\s*aboard of 40 capacity · 4 booked/);
    expect(
      await section(page, /^Not checked in \(4\)/)
        .locator('scc-boarding-person')
        .count(),
    ).toBe(4);
    expect(await person(page, 'Guest 1 of Jo Sailor').locator('.who').textContent()).toContain('no waiver');

    // Rows say who owes; a first tap on someone with no waiver or owing money names the problem and
    // boards only on a second, explicit button. By keyboard, focus then stays on the next person.
    expect(await person(page, 'Sam Deck').locator('.who').textContent()).toMatch(/no waiver\s*·\s*owes \$50\.00/);
    await page.getByRole('button', { name: 'Check in Jo Sailor' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => person(page, 'Jo Sailor').locator('.confirm').textContent())
      .toContain('Their booking owes $150.00.');
    expect(
      await section(page, /^Checked in/)
        .getByText('Jo Sailor', { exact: true })
        .count(),
    ).toBe(0);
    expect(await focusedLabel(page)).toBe('Board — owes $150.00');
    await page.keyboard.press('Enter');
    await section(page, /^Checked in/)
      .getByText('Jo Sailor', { exact: true })
      .waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('Check in Kid Jo');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toBe('Board — owes $150.00');
    await page.keyboard.press('Enter');
    await section(page, /^Checked in/)
      .getByText('Kid Jo', { exact: true })
      .waitFor();
    await expect.poll(() => focusedLabel(page)).toBe('Check in Guest 1 of Jo Sailor');
    await page.getByRole('button', { name: 'Check in Sam Deck' }).click();
    await page.getByRole('button', { name: 'Board without waiver, owing $50.00' }).click();
    await section(page, /^Checked in/)
      .getByText('Sam Deck', { exact: true })
      .waitFor();
    await expect.poll(() => count(page)).toMatch(/3\s*aboard of 40/);
    // Sam signed nothing: aboard without a waiver, flagged at the top.
    const warn = section(page, /^Aboard without a waiver \(1\)/);
    expect(await warn.getByRole('listitem').allTextContents()).toEqual(['Sam Deck']);
    expect(await person(page, 'Kid Jo').locator('.who').textContent()).toMatch(/Checked in .* by crew@example\.com/);

    // A second crew member's check-in shows here too (after a refresh).
    await d.graphql(
      'admin@example.com',
      `mutation { checkIn(eventId: "${eventId}", email: "jo@example.com", person: "guest:1", acknowledge: [NO_WAIVER, OWES]) { status } }`,
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => count(page)).toMatch(/4\s*aboard of 40/);
    expect(await section(page, /^Not checked in \(0\)/).textContent()).toContain('Everyone booked is aboard.');

    // A walk-up (signed the waiver, not booked) is listed and boards the same way, counted against capacity.
    await signWaiver(d, eventId, 'wes@example.com', 'Wes Walker', ['Kid Wes']);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await section(page, /^Not checked in \(2\)/).waitFor();
    expect(await person(page, 'Wes Walker').locator('.who').textContent()).toContain(
      'walk-up: signed the waiver, not booked',
    );
    await page.getByRole('button', { name: 'Check in Wes Walker' }).click();
    await section(page, /^Checked in/)
      .getByText('Wes Walker', { exact: true })
      .waitFor();
    await expect.poll(() => count(page)).toMatch(/5\s*aboard of 40 capacity · 4 booked/);
    await page.getByRole('button', { name: 'Undo check-in of Wes Walker' }).click();
    await page.getByLabel('Why undo Wes Walker’s check-in?').fill('Wrong sailing: booked for tomorrow');
    await page.getByRole('button', { name: 'Undo check-in', exact: true }).click();
    await section(page, /^Not checked in \(2\)/)
      .getByText('Wes Walker', { exact: true })
      .waitFor();
    await expect.poll(() => count(page)).toMatch(/4\s*aboard of 40/);

    await readmeScreenshot(page, 'boarding');
    // Undo asks why; without a reason nothing is sent.
    await page.getByRole('button', { name: 'Undo check-in of Sam Deck' }).click();
    await page.getByRole('button', { name: 'Undo check-in', exact: true }).click();
    await page.getByText('Say why the check-in is undone.').waitFor();
    await page.getByLabel('Why undo Sam Deck’s check-in?').fill('Went back ashore for a jacket');
    await page.getByRole('button', { name: 'Undo check-in', exact: true }).click();
    await section(page, /^Not checked in \(3\)/)
      .getByText('Sam Deck', { exact: true })
      .waitFor();
    await expect.poll(() => count(page)).toMatch(/3\s*aboard of 40/);
    expect(await section(page, /^Aboard without a waiver/).count()).toBe(1); // guest 1 has no waiver either

    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const { boarding } = await d.graphql(
      'admin@example.com',
      `query { boarding(eventId: "${eventId}") { event { checkedIn } checkIns { person status undoReason undoneBy } } }`,
    );
    expect(boarding.event.checkedIn).toBe(3);
    expect(boarding.checkIns.find((c: any) => c.person === 'patron' && c.undoReason)).toMatchObject({
      status: 'UNDONE',
      undoReason: 'Went back ashore for a jacket',
      undoneBy: 'crew@example.com',
    });
    await context.close();
  });
});
