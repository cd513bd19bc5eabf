import { beforeAll, describe, expect, it } from 'vitest';
import { QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from '../../amplify/data/limits';
import type { Assembly } from './assembly';
import { synthesizedAssembly } from './synthesized';

let cdk: Assembly;

beforeAll(async () => {
  cdk = await synthesizedAssembly();
}, 180_000);

describe('what one GraphQL request may cost on AWS', () => {
  it('sets a query depth limit and a resolver count limit on the API, the ones the local AppSync enforces', () => {
    const api = cdk.only('AWS::AppSync::GraphQLApi').resource.Properties!;
    expect(api.QueryDepthLimit).toBe(QUERY_DEPTH_LIMIT);
    expect(api.ResolverCountLimit).toBe(RESOLVER_COUNT_LIMIT);
    // AppSync's valid ranges: depth 1–75, resolvers 1–10000 (0 would mean no depth limit at all).
    expect(QUERY_DEPTH_LIMIT).toBeGreaterThanOrEqual(1);
    expect(QUERY_DEPTH_LIMIT).toBeLessThanOrEqual(75);
    expect(RESOLVER_COUNT_LIMIT).toBeGreaterThanOrEqual(1);
    expect(RESOLVER_COUNT_LIMIT).toBeLessThan(50);
  });
});
