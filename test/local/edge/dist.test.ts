import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEdge, type Edge } from '../../../local/edge';
import { tinyDist } from '../../amplify/functions/waiver/support/fixtures';

describe('the local edge serving a built SPA with no index.html', () => {
  let edge: Edge;
  let dist: string;
  beforeAll(async () => {
    dist = tinyDist();
    fs.rmSync(`${dist}/index.html`);
    edge = await startEdge({ spa: { mode: 'dist', dir: dist } });
  });
  afterAll(async () => {
    await edge?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('answers 404 for a path that would fall back to it, and keeps serving', async () => {
    expect((await fetch(`${edge.url}/favicon.ico`)).status).toBe(404);
    const asset = await fetch(`${edge.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('spa = true');
  });
});
