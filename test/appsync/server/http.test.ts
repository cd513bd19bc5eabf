import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../../support/stack';
import { gql, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.api.close());

describe('HTTP and CORS', () => {
  it('answers a browser preflight with the headers the Amplify client sends, exposing x-amzn-errortype', async () => {
    const res = await fetch(h.api.url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, x-amz-user-agent' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = res.headers.get('access-control-allow-headers')!.split(',').map((s) => s.trim());
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-api-key', 'x-amz-user-agent', 'x-amz-date']));
    expect(res.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
  });

  it('lets a cross-origin caller read x-amzn-errortype on an error', async () => {
    const res = await fetch(h.api.url, { method: 'POST', headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' }, body: '{"query":"{ whoAmI }"}' });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
  });

  it('answers a success without x-amzn-errortype', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ whoAmI }');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-errortype')).toBeNull();
    expect(res.headers.get('x-amzn-requestid')).toEqual(expect.any(String));
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await fetch(h.api.url, { method: 'POST', headers: { authorization: h.tokens.crew }, body: 'query { whoAmI }' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('MalformedHttpRequestException');
  });

  it('reports a query that does not validate with path null and no resolver run', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ nope }');
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]).toMatchObject({ path: null, locations: [{ line: 1, column: 3, sourceName: null }] });
  });
});

describe('GraphiQL', () => {
  it('can introspect the schema (AWS scalars included) with the signed-in token', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ __schema { queryType { name } types { name } } }');
    const schema = res.body.data?.__schema as { queryType: { name: string }; types: { name: string }[] };
    expect(schema.queryType.name).toBe('Query');
    expect(schema.types.map((t) => t.name)).toEqual(expect.arrayContaining(['AWSDateTime', 'AWSEmail', 'AWSJSON', 'Thing']));
  });

  it('serves its page with everything inlined: no script, style or font from another origin', async () => {
    const res = await fetch(h.api.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<div id="root"');
    expect(html.match(/<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?\/\//gi)).toBeNull();
    expect(html.match(/@import\s+url\(\s*["']?https?:/gi)).toBeNull();
    expect(html.match(/url\(\s*["']?https?:\/\//gi)).toBeNull();
  });

  it('is signed in as the first demo user, with a token the API accepts', async () => {
    const html = await (await fetch(h.api.url)).text();
    expect(html).toContain(`signed in as ${stack().users.admin}`);
    const token = /\\"Authorization\\": \\"([\w.-]+)\\"/.exec(html)?.[1];
    expect(token).toBeDefined();
    const res = await gql(h.api.url, token, '{ whoAmI }');
    expect(res.status).toBe(200);
  });

  it('switches to another demo user with ?as=', async () => {
    const html = await (await fetch(`${h.api.url}?as=${encodeURIComponent(stack().users.crew)}`)).text();
    expect(html).toContain(`signed in as ${stack().users.crew}`);
  });
});
