import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../vite.config';
import { startHarness, type Harness } from './harness';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ graphiql: { defaultQuery: '{ whoAmI }' } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await h?.api.close();
});

describe('GraphiQL in a browser', () => {
  it('opens offline (nothing fetched from another origin) and runs a query as the demo user', async () => {
    const page = await browser.newPage();
    const origin = new URL(h.api.url).origin;
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) elsewhere.push(url);
    });
    await page.goto(h.api.url);
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 15_000 }).toContain('identity');
    expect(await page.locator('.graphiql-response').innerText()).toContain('ADMINS');
    expect(elsewhere).toEqual([]);
  });
});
