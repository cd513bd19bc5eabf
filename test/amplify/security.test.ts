import { beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_VALIDITY } from '../../amplify/auth/tokens';
import { QUERY_DEPTH_LIMIT, RESOLVER_COUNT_LIMIT } from '../../amplify/data/limits';
import type { Assembly } from './support/assembly';
import { synthesizedAssembly } from './support/synthesized';

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

describe('tokens on AWS', () => {
  it('gives the web client ID and access tokens of 5 minutes (the least Cognito allows), the lifetimes cognito-local gets, and revocable refresh tokens', () => {
    const client = cdk.only('AWS::Cognito::UserPoolClient').resource.Properties!;
    expect(client).toMatchObject({
      IdTokenValidity: 5,
      AccessTokenValidity: 5,
      RefreshTokenValidity: TOKEN_VALIDITY.refreshTokenDays,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'days' },
      EnableTokenRevocation: true,
    });
    expect(TOKEN_VALIDITY).toMatchObject({ idTokenMinutes: 5, accessTokenMinutes: 5 });
  });

  it('signs page tokens with a secret Secrets Manager generates at deploy time, resolved into the API, never in the template', () => {
    const api = cdk.only('AWS::AppSync::GraphQLApi');
    const secret = cdk
      .resources('AWS::SecretsManager::Secret', api.stack.replace(/[0-9A-F]{8}$/, ''))
      .find((s) => s.id.startsWith('PageTokenSecret'))!;
    expect(secret).toBeDefined();
    expect(secret.resource.Properties!.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    expect(secret.resource.Properties!.SecretString).toBeUndefined();
    const value = JSON.stringify(api.resource.Properties!.EnvironmentVariables.PAGE_TOKEN_SECRET);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(secret.id);
  });
});
