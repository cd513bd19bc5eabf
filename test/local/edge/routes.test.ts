import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BEHAVIORS, DEFAULT_BEHAVIOR, matchesPathPattern, ROUTES, routeFor } from '../../../amplify/edge/routes';
import type { Edge } from '../../../local/edge';
import { seedEvent, startDistEdge, waiverEnvironment } from '../../amplify/functions/waiver/support/fixtures';

describe('CloudFront path patterns', () => {
  it('lets * match across slashes', () => {
    expect(matchesPathPattern('/g/*/waiver', '/g/a/b/waiver')).toBe(true);
  });
  it('lets ? match exactly one character', () => {
    expect(matchesPathPattern('/g/?/waiver', '/g/a/waiver')).toBe(true);
    expect(matchesPathPattern('/g/?/waiver', '/g/ab/waiver')).toBe(false);
  });
  it('is case-sensitive', () => {
    expect(matchesPathPattern('/g/*/waiver', '/G/x/Waiver')).toBe(false);
  });
  it('anchors at the end, so a trailing slash or suffix does not match', () => {
    expect(matchesPathPattern('/g/*/waiver', '/g/x/waiver/')).toBe(false);
    expect(matchesPathPattern('/g/*/waiver', '/g/x/waiverx')).toBe(false);
  });
  it('treats regex characters in a pattern literally', () => {
    expect(matchesPathPattern('/a.b/*', '/a.b/c')).toBe(true);
    expect(matchesPathPattern('/a.b/*', '/axb/c')).toBe(false);
  });
  it('keeps the default behavior last and matching everything', () => {
    expect(ROUTES.at(-1)).toBe(DEFAULT_BEHAVIOR);
    expect(matchesPathPattern(DEFAULT_BEHAVIOR.pathPattern, '/anything/at/all')).toBe(true);
  });
  it('sends waiver links to the waiver Lambda with every method and no caching', () => {
    const waiver = routeFor('/g/2026-05-23-alice-period/waiver');
    expect(waiver).toBe(BEHAVIORS[0]);
    expect(waiver).toMatchObject({ origin: 'waiver', allowedMethods: 'ALL', cache: 'disabled' });
  });
  it('serves the service worker from the SPA bucket uncached, so phones see a new deployment', () => {
    expect(routeFor('/sw.js')).toMatchObject({
      origin: 'spa',
      allowedMethods: 'GET_HEAD',
      cache: 'disabled',
      spaFallback: false,
    });
    expect(routeFor('/assets/sw.js')).toBe(DEFAULT_BEHAVIOR);
    expect(routeFor('/manifest.webmanifest')).toBe(DEFAULT_BEHAVIOR);
  });
});

describe('the local edge routes by the table', () => {
  let edge: Edge;

  beforeAll(async () => {
    const table = await waiverEnvironment();
    await seedEvent(table, { id: '2026-05-23-alice-period', title: 'Alice Period charter' });
    edge = await startDistEdge();
  });
  afterAll(async () => {
    await edge?.close();
  });

  const get = (path: string) => fetch(edge.url + path, { redirect: 'manual' });
  const isSpa = async (res: Response) => (await res.text()).includes('data-spa="yes"');

  it('sends /g/<id>/waiver to the waiver Lambda, which renders the event', async () => {
    const res = await get('/g/2026-05-23-alice-period/waiver');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('Alice Period charter');
    expect(html).not.toContain('data-spa');
  });

  it('sends a waiver link of an unknown event to the Lambda, which answers 404 in HTML', async () => {
    const res = await get('/g/no-such-event/waiver');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await isSpa(res)).toBe(false);
  });

  for (const path of [
    '/g/x/waiver/',
    '/g/x/waiverx',
    '/',
    '/events/2026-05-23-alice-period',
    '/assets/missing-chunk.js',
  ]) {
    it(`sends ${path} to the SPA (index.html fallback)`, async () => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(await isSpa(res)).toBe(true);
    });
  }

  it('compresses text for viewers that accept gzip, as CloudFront does (compress: true)', async () => {
    const zipped = await fetch(edge.url + '/assets/app.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(await zipped.text()).toBe('export const spa = true;');
    const plain = await fetch(edge.url + '/assets/app.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe('export const spa = true;');
  });

  it('serves a built asset as itself', async () => {
    const res = await get('/assets/app.js');
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toBe('export const spa = true;');
  });

  it('refuses a POST to the SPA as CloudFront does (GET and HEAD only)', async () => {
    const res = await fetch(edge.url + '/events', { method: 'POST', body: 'x' });
    expect(res.status).toBe(403);
  });

  it('passes a POST on a waiver link through to the Lambda', async () => {
    const res = await fetch(edge.url + '/g/no-such-event/waiver', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=x',
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Waiver not found');
  });
});
