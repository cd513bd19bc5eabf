import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../../vite.config';
import { cognitoClient, DEFAULT_DEMO_PASSWORD, ensureUserPool } from '../../../../local/stack/cognito';
import { loopbackOrigins } from '../../../../local/stack/loopback/guard';
import { freePort } from '../../../../local/stack/ports';
import type { ManagedProcess } from '../../../../local/stack/process';
import { startCognito } from '../../../../local/stack/standins';
import { startHarness, type Harness } from './support/harness';

// GraphiQL signs in from the browser, so it needs a cognito-local that allows the API's origin,
// as `npm start` sets it up: one of its own, next to the test run's.
let h: Harness;
let browser: Browser;
let cognito: ManagedProcess;
let dir: string;
let cognitoOrigin: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-graphiql-'));
  const [apiPort, cognitoPort] = [await freePort(), await freePort()];
  cognito = await startCognito({
    port: cognitoPort,
    stateDir: dir,
    logDir: dir,
    allowedOrigins: loopbackOrigins(apiPort),
  });
  const endpoint = `http://127.0.0.1:${cognitoPort}`;
  cognitoOrigin = endpoint;
  const pool = await ensureUserPool(cognitoClient(endpoint), DEFAULT_DEMO_PASSWORD);
  h = await startHarness({ port: apiPort, graphiql: { defaultQuery: '{ whoAmI }' }, cognito: { endpoint, ...pool } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await h?.api.close();
  await cognito?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('GraphiQL in a browser', () => {
  it('opens offline, signs in with email and password as the dashboard does, and runs a query', async () => {
    const page = await browser.newPage();
    const origin = new URL(h.api.url).origin;
    const elsewhere: string[] = [];
    const refused: string[] = [];
    page.on('request', (r) => {
      const url = r.url();
      if (![origin, cognitoOrigin, 'blob:', 'data:'].some((allowed) => url.startsWith(allowed))) elsewhere.push(url);
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(h.api.url);
    await page.fill('#scc-sign-in input[name=email]', 'admin@example.com');
    await page.fill('#scc-sign-in input[name=password]', 'not-the-password');
    await page.click('#scc-sign-in button[type=submit]');
    await expect
      .poll(() => page.locator('#scc-sign-in [role=alert]').innerText(), { timeout: 10_000 })
      .toMatch(/password/i);
    await page.fill('#scc-sign-in input[name=password]', DEFAULT_DEMO_PASSWORD);
    await page.click('#scc-sign-in button[type=submit]');
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    expect(await page.locator('#scc-banner').innerText()).toContain('signed in as admin@example.com');
    await page.click('.graphiql-execute-button');
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 15_000 }).toContain('identity');
    expect(await page.locator('.graphiql-response').innerText()).toContain('ADMINS');
    expect(elsewhere).toEqual([]);
    expect(refused).toEqual([]);
  });
});
