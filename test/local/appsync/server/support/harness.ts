import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { decodeJwt, importJWK, SignJWT, type JWK } from 'jose';
import { startAppSync, type AppSyncOptions, type LocalAppSync } from '../../../../../local/appsync/index';
import { cognitoKeys } from '../../../../../local/stack/keys';
import { createTestTable, signIn, stack } from '../../../../support/stack';
import { schema } from '../fixtures/schema';

export interface Harness {
  api: LocalAppSync;
  table: string;
  tokens: { admin: string; crew: string; accounting: string };
}

/** The server on our fixture schema, over a fresh table, with the three demo users signed in. */
export async function startHarness(extra: Partial<AppSyncOptions> = {}): Promise<Harness> {
  const s = stack();
  const table = await createTestTable('scc-appsync');
  const api = await startAppSync({
    port: 0,
    schema,
    tableName: table,
    dynamodbEndpoint: s.dynamodbEndpoint,
    region: s.region,
    cognito: { endpoint: s.cognitoEndpoint, userPoolId: s.userPoolId, userPoolClientId: s.userPoolClientId },
    lambdas: {
      EchoDataSource: async (event) => ({ echoed: event }),
      greeter: async (event) => ({ greeted: event }),
    },
    log: () => undefined,
    ...extra,
  });
  const [admin, crew, accounting] = await Promise.all(
    [s.users.admin, s.users.crew, s.users.accounting].map(async (u) => (await signIn(u)).idToken),
  );
  return { api, table, tokens: { admin, crew, accounting } };
}

export interface GqlResponse {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Record<string, unknown>[] };
}

export async function gql(
  url: string,
  token: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GqlResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResponse['body'] };
}

/** The key cognito-local signs with in this test run's state folder: tokens it would issue can be minted here. */
export async function cognitoLocalKey() {
  const file = path.join(cognitoKeys(path.join(stack().dir, 'cognito')), 'cognitoLocal.private.json');
  const { jwk } = JSON.parse(fs.readFileSync(file, 'utf8')) as { jwk: JWK };
  return importJWK(jwk, 'RS256');
}

/** The key cognito-local ships in its npm package, which anyone can read. */
export async function packagedCognitoLocalKey() {
  const require = createRequire(import.meta.url);
  const { jwk } = require('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: JWK };
  return importJWK(jwk, 'RS256');
}

/** A token with the claims of `like`, changed by `claims`, signed with `key` (default: this state folder's cognito-local key). */
export async function mintToken(like: string, claims: Record<string, unknown>, key?: CryptoKey | Uint8Array) {
  const payload = { ...decodeJwt(like), ...claims };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
    .sign(key ?? (await cognitoLocalKey()));
}
