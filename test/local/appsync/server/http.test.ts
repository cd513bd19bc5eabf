import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../../../support/stack';
import { gql, startHarness, type Harness } from './support/harness';

const DASHBOARD = 'http://localhost:5173';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ allowedOrigins: [DASHBOARD] });
});
afterAll(() => h?.api.close());

describe('HTTP and CORS', () => {
  it("answers the dashboard's preflight with the headers the Amplify client sends, exposing x-amzn-errortype", async () => {
    const res = await fetch(h.api.url, {
      method: 'OPTIONS',
      headers: {
        origin: DASHBOARD,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, x-amz-user-agent',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = res.headers
      .get('access-control-allow-headers')!
      .split(',')
      .map((s) => s.trim());
    expect(allowed).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-api-key', 'x-amz-user-agent', 'x-amz-date']),
    );
    expect(res.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
  });

  it('lets a cross-origin caller read x-amzn-errortype on an error', async () => {
    const res = await fetch(h.api.url, {
      method: 'POST',
      headers: { origin: DASHBOARD, 'content-type': 'application/json' },
      body: '{"query":"{ whoAmI }"}',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
  });

  it('gives any other origin no CORS permission: a page elsewhere can neither send nor read', async () => {
    for (const origin of ['http://evil.example', 'null', 'http://localhost:5174']) {
      const pre = await fetch(h.api.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await gql(h.api.url, h.tokens.admin, '{ whoAmI }', undefined, { origin });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('refuses a host name that is not loopback (a DNS name rebound to 127.0.0.1)', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(h.api.url, { headers: { host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('answers a success without x-amzn-errortype', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ whoAmI }');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-errortype')).toBeNull();
    expect(res.headers.get('x-amzn-requestid')).toEqual(expect.any(String));
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await fetch(h.api.url, {
      method: 'POST',
      headers: { authorization: h.tokens.crew },
      body: 'query { whoAmI }',
    });
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
    expect(schema.types.map((t) => t.name)).toEqual(
      expect.arrayContaining(['AWSDateTime', 'AWSEmail', 'AWSJSON', 'Thing']),
    );
  });

  it('serves a small page that loads its assets as files from this origin, under a strict CSP', async () => {
    const res = await fetch(h.api.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html.length).toBeLessThan(10_000);
    expect(html).toContain('<div id="root"');
    const assets = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(
      expect.arrayContaining(['/graphiql/graphiql.js', '/graphiql/graphiql.css', '/graphiql/page.js']),
    );
    for (const asset of assets) {
      const file = await fetch(new URL(asset, h.api.url));
      expect(file.status, asset).toBe(200);
      expect(file.headers.get('access-control-allow-origin'), asset).toBeNull();
    }
    expect(html).not.toMatch(/<script>(?!<)/);
  });

  it('gives out no token, whoever asks and however (the old ?as= sign-in is gone)', async () => {
    const jwt = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
    for (const url of [h.api.url, `${h.api.url}?as=${encodeURIComponent(stack().users.admin)}`]) {
      const res = await fetch(url, { headers: { origin: 'http://evil.example' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await res.text()).not.toMatch(jwt);
    }
  });
});
