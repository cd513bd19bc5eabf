import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Edge } from '../../../../local/edge';
import { lambdaContext } from '../../../../local/appsync/datasources/lambda';
import { loadWaiverHandler } from '../../../../local/edge/bundle';
import { scanAll } from '../../../support/stack';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  seedEvent,
  startDistEdge,
  waiverEnvironment,
} from './support/fixtures';

const EVENT = '2026-05-23-alice-period';

let table: string;
let edge: Edge;

beforeAll(async () => {
  table = await waiverEnvironment();
  await seedEvent(table, {
    id: EVENT,
    title: 'Alice Period charter',
    boat: 'Lady Washington',
    startsAt: '2099-05-23T22:00:00.000Z',
  });
  edge = await startDistEdge();
});
afterAll(async () => {
  await edge?.close();
});

const waiverUrl = (id = EVENT) => `${edge.url}/g/${id}/waiver`;
const post = (body: string, id = EVENT, type = 'application/x-www-form-urlencoded') =>
  fetch(waiverUrl(id), { method: 'POST', headers: { 'content-type': type }, body, redirect: 'manual' });

describe('GET /g/<id>/waiver', () => {
  it('renders the event, the waiver text and the form', async () => {
    const res = await fetch(waiverUrl());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<h1>Alice Period charter</h1>');
    expect(html).toContain('Saturday, May 23, 2099 at 3:00 PM (PDT) · aboard Lady Washington');
    expect(html).toContain('Release of liability, assumption of risk and indemnity');
    for (const name of [
      'name',
      'email',
      'phone',
      'dateOfBirth',
      'agree',
      'signature',
      'minorName',
      'minorDateOfBirth',
    ]) {
      expect(html).toContain(`name="${name}"`);
    }
    expect(html).toContain(`name="waiverVersion" value="${VERSION}"`);
  });

  it('carries the security headers', async () => {
    const res = await fetch(waiverUrl());
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/form-action 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('allows its one inline stylesheet by hash, and nothing else inline', async () => {
    const res = await fetch(waiverUrl());
    const html = await res.text();
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!).digest('base64');
    expect(res.headers.get('content-security-policy')).toContain(`style-src 'sha256-${hash}'`);
    expect(html).not.toMatch(/<script|\son\w+=|style="/i);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await fetch(waiverUrl(), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toBe('');
  });
});

describe('error pages', () => {
  it('answers 404 in HTML for an unknown event', async () => {
    const res = await fetch(waiverUrl('2030-01-01-nobody'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toContain('No event matches this waiver link');
  });

  for (const id of ['bad%20id', '%E0%A4%A', '-leading-dash', 'a'.repeat(129)]) {
    it(`answers 400 for the malformed id ${id.slice(0, 20)}`, async () => {
      const res = await fetch(waiverUrl(id));
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<h1>Bad request</h1>');
    });
  }

  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    it(`answers 405 to ${method}, naming the allowed methods`, async () => {
      const res = await fetch(waiverUrl(), { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
      expect(await res.text()).toContain('Method not allowed');
    });
  }

  it('answers 413 to a body over 32 KB, and writes nothing', async () => {
    const before = await scanAll(table);
    const res = await post(formBody({ name: 'x'.repeat(33 * 1024) }, VERSION));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Too much data');
    expect(await scanAll(table)).toEqual(before);
  });

  it('answers 400 to a body that is not a form', async () => {
    const res = await post(JSON.stringify({ name: 'Alice' }), EVENT, 'application/json');
    expect(res.status).toBe(400);
  });

  it('refuses a request that did not come through the edge (no origin header)', async () => {
    const { handler, dispose } = await loadWaiverHandler();
    try {
      const res = await handler(
        {
          version: '2.0',
          routeKey: '$default',
          rawPath: `/g/${EVENT}/waiver`,
          rawQueryString: '',
          headers: { host: 'abc.lambda-url.us-east-1.on.aws' },
          isBase64Encoded: false,
          requestContext: {
            accountId: 'anonymous',
            apiId: 'abc',
            domainName: 'abc.lambda-url.us-east-1.on.aws',
            domainPrefix: 'abc',
            http: {
              method: 'GET',
              path: `/g/${EVENT}/waiver`,
              protocol: 'HTTP/1.1',
              sourceIp: '203.0.113.9',
              userAgent: 'curl',
            },
            requestId: 'r',
            routeKey: '$default',
            stage: '$default',
            time: '',
            timeEpoch: 0,
          },
        },
        lambdaContext('waiver'),
      );
      expect(res).toMatchObject({ statusCode: 403 });
    } finally {
      dispose();
    }
  });

  it('refuses a request whose origin header carries the wrong secret', async () => {
    const wrong = await startDistEdge({ originVerifySecret: 'not-the-secret' });
    try {
      const res = await fetch(`${wrong.url}/g/${EVENT}/waiver`);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('Alice Period charter');
    } finally {
      await wrong.close();
    }
  });

  it('ignores an origin header sent by the viewer (the edge overwrites it)', async () => {
    const res = await fetch(waiverUrl(), { headers: { 'x-scc-origin-verify': 'forged' } });
    expect(res.status).toBe(200);
  });
});
