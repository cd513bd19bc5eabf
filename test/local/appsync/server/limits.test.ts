import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from '../../../../amplify/data/limits';
import { scanAll } from '../../../support/stack';
import { gql, startHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.api.close());

/** A request that must be refused before any resolver runs, quickly, with a request-level error. */
async function refusedQuickly(query: string, message: RegExp, variables?: Record<string, unknown>) {
  const started = performance.now();
  const res = await gql(h.api.url, h.tokens.admin, query, variables);
  const ms = performance.now() - started;
  expect(res.status).toBe(200);
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0]).toMatchObject({ path: null, message: expect.stringMatching(message) });
  expect(res.headers.get('x-amzn-errortype')).toBe('ValidationError');
  expect(ms).toBeLessThan(300);
  return res;
}

const aliases = (n: number, field: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => `a${i}: ${field(i)}`).join('\n');

describe('what one request may cost (AppSync queryDepthLimit, resolverCountLimit, 1 MB)', () => {
  it(`runs up to ${RESOLVER_COUNT_LIMIT} resolvers in one request`, async () => {
    const res = await gql(h.api.url, h.tokens.admin, `{ ${aliases(RESOLVER_COUNT_LIMIT, () => 'whoAmI')} }`);
    expect(res.body.errors).toBeUndefined();
    expect(Object.keys(res.body.data!)).toHaveLength(RESOLVER_COUNT_LIMIT);
  });

  it('refuses one more resolver than the limit, running none of them', async () => {
    const before = await scanAll(h.table);
    const query = `mutation { ${aliases(RESOLVER_COUNT_LIMIT + 1, (i) => `putThing(id: "limit-${i}", email: "p${i}@example.com") { id }`)} }`;
    const res = await refusedQuickly(query, new RegExp(`resolver count limit of ${RESOLVER_COUNT_LIMIT}`));
    expect(res.body.data).toBeNull();
    expect(await scanAll(h.table)).toEqual(before);
  });

  it('refuses 50 aliased mutations, writing nothing', async () => {
    const before = await scanAll(h.table);
    await refusedQuickly(
      `mutation { ${aliases(50, (i) => `addThing(id: "fifty-${i}", email: "f${i}@example.com") { id }`)} }`,
      /resolver count limit/,
    );
    expect(await scanAll(h.table)).toEqual(before);
  });

  it('counts resolvers reached through fragments, once per place they are spread', async () => {
    const query = `query { ...A ...B } fragment A on Query { ${aliases(6, () => 'whoAmI')} } fragment B on Query { x: getThing(id: "1") { ...A2 } ${aliases(5, () => 'whoAmI').replace(/a(\d)/g, 'b$1')} } fragment A2 on Thing { id }`;
    await refusedQuickly(query, /invoke 12 resolvers/);
  });

  it('refuses 1,000 aliased queries at once', async () => {
    await refusedQuickly(`{ ${aliases(1000, (i) => `getThing(id: "${i}") { id }`)} }`, /more than \d+ tokens/);
  });

  it('refuses 3,000 repeated fields without validating them', async () => {
    await refusedQuickly(`{ getThing(id: "1") { ${'id '.repeat(3000)} } }`, /more than \d+ tokens/);
  });

  it('refuses 400 repeated fields (within the token bound) before the quadratic validation', async () => {
    await refusedQuickly(`{ getThing(id: "1") { ${'id '.repeat(600)} } }`, /more than 500 field selections/);
  });

  it('refuses a fragment chain 2,000 deep, and a shorter one deeper than the depth limit', async () => {
    const chain = (n: number) =>
      `query { getThing(id: "1") { ...F0 } } ${Array.from({ length: n }, (_, i) => `fragment F${i} on Thing { id ${i + 1 < n ? `...F${i + 1}` : ''} }`).join(' ')}`;
    await refusedQuickly(chain(2000), /more than \d+ tokens/);
    // Spreads do not nest fields: a chain of 100 is depth 2 and runs.
    expect((await gql(h.api.url, h.tokens.admin, chain(100))).body.errors).toBeUndefined();
  });

  it('refuses fragments that fan out (each spreading the next twice): fields are counted expanded', async () => {
    // 90 tokens and 23 fields as written, 2^22 as run: expanding them took minutes and held every request.
    const fanOut = `{ getThing(id: "1") { ...G0 } } ${Array.from({ length: 22 }, (_, i) => `fragment G${i} on Thing { id ...G${i + 1} ...G${i + 1} }`).join(' ')} fragment G22 on Thing { id }`;
    await refusedQuickly(fanOut, /more than 500 field selections/);
  });

  it(`refuses a query deeper than ${QUERY_DEPTH_LIMIT} levels, through fragments too`, async () => {
    const nested = (n: number): string => (n === 0 ? 'name' : `ofType { ${nested(n - 1)} }`);
    // __type(1) ofType×k, then name: depth k + 2.
    const deep = (k: number) => `{ __type(name: "Thing") { ${nested(k)} } }`;
    expect((await gql(h.api.url, h.tokens.admin, deep(QUERY_DEPTH_LIMIT - 2))).body.errors).toBeUndefined();
    await refusedQuickly(
      deep(QUERY_DEPTH_LIMIT - 1),
      new RegExp(`depth of ${QUERY_DEPTH_LIMIT + 1} exceeds the query depth limit of ${QUERY_DEPTH_LIMIT}`),
    );
    const viaFragments = `{ __type(name: "Thing") { ...L0 } } ${Array.from({ length: QUERY_DEPTH_LIMIT }, (_, i) => `fragment L${i} on __Type { ofType { ${i + 1 < QUERY_DEPTH_LIMIT ? `...L${i + 1}` : 'name'} } }`).join(' ')}`;
    await refusedQuickly(viaFragments, /exceeds the query depth limit/);
  });

  it("still answers GraphiQL's introspection query", async () => {
    const res = await gql(h.api.url, h.tokens.crew, getIntrospectionQuery());
    expect(res.body.errors).toBeUndefined();
  });

  it('answers a body over 1 MB with HTTP 413, as AppSync does, before parsing it', async () => {
    const body = JSON.stringify({ query: `{ whoAmI }`, variables: { pad: 'x'.repeat(1024 * 1024) } });
    const res = await fetch(h.api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: h.tokens.admin },
      body,
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('x-amzn-errortype')).toBe('PayloadTooLargeException');
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/1 MB/);
  });
});
