/**
 * A bounced address corrected on a phone (375 px), from the running product: a patron booked under
 * SES's bounce simulator is sent their waiver link; after a reload the roster says "bounced: check
 * the address" (the bounce is recorded by the mail-events Lambda, outside the API, so this screen
 * learns of it on reload); crew correct the email on the row, and the next link reaches the mailbox.
 */
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { HOME_TIME_ZONE } from '../../local/seed/season';
import { createEvent, dashboardForThisFile, rosterRow } from './support/dashboard';

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const phone = { width: 375, height: 812 };
const holder = dashboardForThisFile();

describe('correcting a bounced email from a phone', () => {
  it('shows the bounce, takes the corrected address, and the next waiver link reaches it', async () => {
    const { d } = holder;
    const stamp = Date.now();
    const bad = `bounce+e2e${stamp}@simulator.amazonses.com`;
    const good = `success+e2e${stamp}@simulator.amazonses.com`;
    const eventId = await createEvent(d, 'Bounce Bay Sail', [{ email: bad, name: 'Bo Bounce' }]);
    const { page, context } = await d.signedIn('crew@example.com', phone, HOME_TIME_ZONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);

    await page.getByRole('button', { name: 'Send waiver link to Bo Bounce' }).click();
    await expect
      .poll(() => rosterRow(page, 'Bo Bounce').getByRole('status').allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(expect.stringMatching(/Link sent/));
    expect((await d.mailTo(bad)).some((m) => m.subject.startsWith('Please sign your waiver'))).toBe(true);
    await expect
      .poll(
        async () => {
          await page.reload();
          await rosterRow(page, 'Bo Bounce').waitFor();
          return rosterRow(page, 'Bo Bounce').locator('.mail-problem').allInnerTexts();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toContainEqual(expect.stringContaining('bounced: check the address'));

    const row = rosterRow(page, 'Bo Bounce');
    await row.getByRole('button', { name: 'Correct the email of Bo Bounce' }).click();
    await row.getByLabel('Corrected email for Bo Bounce').fill(good);
    expect(await overflow(page)).toBe(0);
    await row.getByRole('button', { name: 'Correct', exact: true }).click();
    // The views reload: the row is the booking under its new address, with no bounce on it.
    await expect
      .poll(() => rosterRow(page, 'Bo Bounce').locator('.who .hint').allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(good);
    expect(await rosterRow(page, 'Bo Bounce').locator('.mail-problem').count()).toBe(0);

    await rosterRow(page, 'Bo Bounce').getByRole('button', { name: 'Send waiver link to Bo Bounce' }).click();
    await expect
      .poll(async () => (await d.mailTo(good)).filter((m) => m.subject.startsWith('Please sign your waiver')).length, {
        timeout: 20_000,
      })
      .toBe(1);
    expect(await overflow(page)).toBe(0);
    await context.close();
  });
});
