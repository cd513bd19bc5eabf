import { describe, expect, it } from 'vitest';
import { createEvent, dashboardForThisFile } from './support/dashboard';
import { signWaiver } from './support/boarding';

/**
 * A signature on the public link under a booked email, as crew see it on a phone (375 px): held
 * apart from the roster as "claims to be <patron>", the patron's own signature untouched, until
 * crew match it after checking who signed.
 */
const dash = dashboardForThisFile();
const PHONE = { width: 375, height: 812 };

describe('signatures held as claims', () => {
  it('an impostor’s signature waits apart from the roster; crew match the patron’s own, and the roster shows it', async () => {
    const d = dash.d;
    const eventId = await createEvent(d, 'Claims Sail', [{ email: 'jo@example.com', name: 'Jo Sailor', partySize: 2 }]);
    await signWaiver(d, eventId, 'jo@example.com', 'Mallory Impostor', [], true);
    const { page, context } = await d.signedIn('crew@example.com', PHONE);
    await page.goto(`${d.product.endpoints.edgeUrl}/events/${eventId}`);
    const roster = page.locator('scc-roster ul[part=list] > li');
    await roster.first().waitFor();
    await expect.poll(() => roster.first().innerText()).toContain('Waiver not signed');
    const claims = page.locator('scc-waiver-claims li');
    await expect.poll(() => claims.count()).toBe(1);
    expect(await claims.first().innerText()).toContain('claims to be Jo Sailor');

    // Jo signs on the public link too, for herself and her child; crew check it is her, and match it.
    await signWaiver(d, eventId, 'jo@example.com', 'Jo Sailor', ['Kid Jo'], true);
    await page.reload();
    await expect.poll(() => claims.count()).toBe(2);
    const hers = claims.filter({ hasText: 'Kid Jo' });
    await hers.getByRole('button', { name: /Match to Jo Sailor/ }).click();
    await expect.poll(() => roster.first().innerText()).toContain('Waiver signed');
    expect(await roster.first().innerText()).toContain('for themselves and Kid Jo');
    await expect.poll(() => claims.count()).toBe(1);
    expect(await claims.first().innerText()).toContain('Mallory Impostor');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
