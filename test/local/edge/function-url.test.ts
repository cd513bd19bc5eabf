import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Edge } from '../../../local/edge';
import { startDistEdge } from '../../amplify/functions/waiver/support/fixtures';

/** What the local edge hands the waiver origin, and how it writes the answer back. */
describe('the edge invoking a Function URL handler', () => {
  let edge: Edge;
  let seen: LambdaFunctionURLEvent[] = [];
  let answer: () => unknown = () => ({ statusCode: 200, body: 'ok' });

  beforeAll(async () => {
    edge = await startDistEdge({
      originVerifySecret: 's3cret',
      waiver: async (event) => {
        seen.push(event);
        return answer() as never;
      },
    });
  });
  afterAll(async () => {
    await edge?.close();
  });
  const last = () => seen.at(-1)!;
  const reset = (next: () => unknown = () => ({ statusCode: 200, body: 'ok' })) => {
    seen = [];
    answer = next;
  };

  it('passes a payload v2 event with the raw path and query, lower-cased headers and the request context', async () => {
    reset();
    await fetch(`${edge.url}/g/abc/waiver?signed=1&x=a%20b`, {
      headers: { 'X-Custom': 'Yes', 'User-Agent': 'EdgeTest/2' },
    });
    expect(last()).toMatchObject({
      version: '2.0',
      rawPath: '/g/abc/waiver',
      rawQueryString: 'signed=1&x=a%20b',
      queryStringParameters: { signed: '1', x: 'a b' },
      headers: { 'x-custom': 'Yes', 'user-agent': 'EdgeTest/2' },
      requestContext: {
        http: { method: 'GET', path: '/g/abc/waiver', sourceIp: '127.0.0.1', userAgent: 'EdgeTest/2' },
      },
      isBase64Encoded: false,
    });
  });

  it('adds the origin-verification header, overwriting one sent by the viewer', async () => {
    reset();
    await fetch(`${edge.url}/g/abc/waiver`, { headers: { 'x-scc-origin-verify': 'forged' } });
    expect(last().headers['x-scc-origin-verify']).toBe('s3cret');
  });

  it('adds the viewer address as CloudFront does (cloudfront-viewer-address)', async () => {
    reset();
    await fetch(`${edge.url}/g/abc/waiver`);
    expect(last().headers['cloudfront-viewer-address']).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('moves cookies out of the headers into their own list', async () => {
    reset();
    await fetch(`${edge.url}/g/abc/waiver`, { headers: { cookie: 'a=1; b=2' } });
    expect(last().cookies).toEqual(['a=1', 'b=2']);
    expect(last().headers).not.toHaveProperty('cookie');
  });

  it('passes a form body as text and a binary body as base64', async () => {
    reset();
    await fetch(`${edge.url}/g/abc/waiver`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=%C3%89mile',
    });
    expect(last()).toMatchObject({ body: 'name=%C3%89mile', isBase64Encoded: false });
    await fetch(`${edge.url}/g/abc/waiver`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array([0, 255]),
    });
    expect(last()).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });

  it('writes back the status, headers, cookies and a base64 body', async () => {
    reset(() => ({
      statusCode: 201,
      headers: { 'x-out': '1' },
      cookies: ['c=3; Path=/'],
      body: Buffer.from('héllo').toString('base64'),
      isBase64Encoded: true,
    }));
    const res = await fetch(`${edge.url}/g/abc/waiver`);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-out')).toBe('1');
    expect(res.headers.get('set-cookie')).toBe('c=3; Path=/');
    expect(await res.text()).toBe('héllo');
  });

  it('answers a result without statusCode as 200 JSON, like a Function URL', async () => {
    reset(() => ({ hello: 'world' }));
    const res = await fetch(`${edge.url}/g/abc/waiver`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: 'world' });
  });

  it('answers 502 when the handler throws', async () => {
    reset(() => {
      throw new Error('boom');
    });
    const res = await fetch(`${edge.url}/g/abc/waiver`);
    expect(res.status).toBe(502);
  });
});
