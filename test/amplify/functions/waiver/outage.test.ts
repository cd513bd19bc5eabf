import { afterAll, beforeAll, expect, it } from 'vitest';

import type { Edge } from '../../../../local/edge';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  seedEvent,
  startDistEdge,
  waiverConfig,
  waiverEnvironment,
} from './support/fixtures';

/**
 * While DynamoDB cannot be reached, the waiver Lambda still answers with its own HTML
 * page and its security headers (503, try again), never the Function URL's bare JSON 502, and
 * shows nothing of its internals.
 */
const EVENT = '2027-06-06-outage-sail';
let edge: Edge;

beforeAll(async () => {
  const table = await waiverEnvironment();
  await seedEvent(table, { id: EVENT });
  // Nothing listens on the discard port: every DynamoDB call is refused, as in an outage.
  edge = await startDistEdge({ waiverConfig: waiverConfig({ dynamo: { endpoint: 'http://127.0.0.1:9' } }) });
});
afterAll(async () => {
  await edge?.close();
});

const url = `/g/${EVENT}/waiver`;

for (const [method, body] of [
  ['GET', undefined],
  ['HEAD', undefined],
  ['POST', formBody({}, VERSION)],
] as const) {
  it(`answers a ${method} during a DynamoDB outage with its own 503 page and security headers`, async () => {
    const res = await fetch(edge.url + url, {
      method,
      body,
      headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
      redirect: 'manual',
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    if (method === 'HEAD') return expect(html).toBe('');
    expect(html).toContain('<h1>Temporarily unavailable</h1>');
    expect(html).toContain('nothing was recorded');
    expect(html).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|DynamoDB|Error:|"Message"/);
  });
}
