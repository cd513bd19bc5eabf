import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEdge, type Edge } from '../../../local/edge';
import { seedEvent, waiverConfig, waiverEnvironment } from '../../amplify/functions/waiver/support/fixtures';

/** The edge in development: the SPA through Vite, waiver links still to the Lambda. */
describe('the local edge with Vite', () => {
  let edge: Edge;
  let dir: string;
  const MARKER = `outputs-${process.pid}`;
  // A waiver text of this test's own, to watch the development edge pick up an edit.
  const LIVE_ID = `zz-live-${process.pid}`;
  const liveText = fileURLToPath(new URL(`../../../amplify/waivers/${LIVE_ID}.md`, import.meta.url));

  beforeAll(async () => {
    const table = await waiverEnvironment();
    await seedEvent(table, { id: '2026-05-23-alice-period', title: 'Vite mode sail' });
    await seedEvent(table, { id: LIVE_ID, title: 'Live edit sail' });
    fs.writeFileSync(liveText, 'First draft of the terms.\n');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-outputs-'));
    fs.writeFileSync(path.join(dir, 'outputs.json'), JSON.stringify({ version: '1.4', custom: { marker: MARKER } }));
    edge = await startEdge({
      spa: { mode: 'vite' },
      outputsFile: path.join(dir, 'outputs.json'),
      waiverConfig: waiverConfig(),
    });
  });
  afterAll(async () => {
    await edge?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(liveText, { force: true });
  });

  it('falls back to index.html for a client route', async () => {
    const res = await fetch(`${edge.url}/events/2026-05-23-alice-period`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('src="/src/main.ts"');
  });

  it('still sends waiver links to the waiver Lambda', async () => {
    const res = await fetch(`${edge.url}/g/2026-05-23-alice-period/waiver`);
    expect(await res.text()).toContain('<h1>Vite mode sail</h1>');
  });

  it("points the SPA's amplify_outputs.json import at the outputs file it was given", async () => {
    const main = await (await fetch(`${edge.url}/src/main.ts`)).text();
    const imported = /import\s+\w+\s+from\s+"([^"]*outputs\.json[^"]*)"/.exec(main)?.[1];
    expect(imported).toBeDefined();
    expect(await (await fetch(edge.url + imported)).text()).toContain(MARKER);
  });

  it('serves an edited waiver text on the next request, without a restart', async () => {
    const page = () => fetch(`${edge.url}/g/${LIVE_ID}/waiver`).then((r) => r.text());
    expect(await page()).toContain('First draft of the terms.');
    fs.writeFileSync(liveText, 'Second draft of the terms.\n');
    // Some filesystems keep mtimes to the second: make the edit unmistakably newer than the bundle.
    const later = new Date(Date.now() + 2000);
    fs.utimesSync(liveText, later, later);
    const html = await page();
    expect(html).toContain('Second draft of the terms.');
    expect(html).not.toContain('First draft');
  });

  it("serves no package's private files, nor the state folder, only what the SPA imports", async () => {
    for (const url of [
      '/node_modules/cognito-local/lib/keys/cognitoLocal.private.json',
      '/node_modules/cognito-local/package.json',
      '/node_modules/lit/index.js',
      '/@fs' + path.resolve('node_modules/cognito-local/lib/keys/cognitoLocal.private.json'),
      '/.local/secrets/page-token',
      '/%2Elocal/secrets/page-token',
      '/.git/config',
    ]) {
      const res = await fetch(edge.url + url);
      expect([403, 404], url).toContain(res.status);
      expect(await res.text(), url).not.toMatch(/PRIVATE KEY|"jwk"|"name":\s*"cognito-local"/);
    }
  });

  it('still serves everything the SPA imports, transitively (its own modules, packages, Vite client, virtual helpers)', async () => {
    const seen = new Set<string>();
    const queue = ['/@vite/client', '/src/main.ts'];
    const failed: string[] = [];
    while (queue.length && seen.size < 400) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(edge.url + url);
      if (res.status !== 200) {
        failed.push(`${res.status} ${url}`);
        continue;
      }
      const code = await res.text();
      for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)"(\/[^"]+)"/g)) queue.push(m[1]!);
    }
    expect(failed).toEqual([]);
    expect([...seen].some((u) => u.startsWith('/node_modules/.vite/deps/'))).toBe(true);
    expect([...seen].some((u) => u.startsWith('/@id/__x00__'))).toBe(true);
  });

  it("compiles the Lit components' decorators", async () => {
    const res = await fetch(`${edge.url}/src/components/scc-event-card.ts`);
    expect(res.status).toBe(200);
    const code = await res.text();
    expect(code).toMatch(/_decorate\(\[customElement\("scc-event-card"\)\]/);
    expect(code).not.toMatch(/^\s*@customElement/m);
  });
});
