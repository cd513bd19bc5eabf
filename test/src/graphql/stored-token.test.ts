import { describe, expect, it } from 'vitest';
import { storedIdToken } from '../../../src/graphql/stored-token';

const CLIENT = 'client123';
const NOW = Date.parse('2026-11-30T12:00:00Z');

/** A JWT-shaped token whose payload says it expires at `exp` (seconds); the signature is not read. */
function jwt(exp: unknown): string {
  const part = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'RS256' })}.${part({ exp, email: 'crew@example.com', 'cognito:groups': ['CREW'] })}.sig`;
}

/** localStorage as aws-amplify's default token store leaves it after signing in `user`. */
function store(user: string | undefined, token: string | undefined): Pick<Storage, 'getItem'> {
  const items = new Map<string, string>();
  if (user) items.set(`CognitoIdentityServiceProvider.${CLIENT}.LastAuthUser`, user);
  if (user && token) items.set(`CognitoIdentityServiceProvider.${CLIENT}.${user}.idToken`, token);
  return { getItem: (key) => items.get(key) ?? null };
}

describe('the stored ID token, read without aws-amplify', () => {
  it("is the last signed-in user's ID token while it has more than a minute to live", () => {
    const token = jwt(NOW / 1000 + 3600);
    expect(storedIdToken(CLIENT, NOW, store('crew', token))).toBe(token);
  });

  it('is not used within a minute of expiring, or once expired: aws-amplify refreshes it instead', () => {
    expect(storedIdToken(CLIENT, NOW, store('crew', jwt(NOW / 1000 + 59)))).toBeUndefined();
    expect(storedIdToken(CLIENT, NOW, store('crew', jwt(NOW / 1000 - 10)))).toBeUndefined();
  });

  it('is nothing when nobody signed in, the token is missing, or it cannot be read', () => {
    expect(storedIdToken(CLIENT, NOW, store(undefined, undefined))).toBeUndefined();
    expect(storedIdToken(CLIENT, NOW, store('crew', undefined))).toBeUndefined();
    expect(storedIdToken(CLIENT, NOW, store('crew', 'not-a-jwt'))).toBeUndefined();
    expect(storedIdToken(CLIENT, NOW, store('crew', 'a.%%%.c'))).toBeUndefined();
    expect(storedIdToken(CLIENT, NOW, store('crew', jwt('tomorrow')))).toBeUndefined();
  });

  it("is another app client's token never", () => {
    expect(storedIdToken('other-client', NOW, store('crew', jwt(NOW / 1000 + 3600)))).toBeUndefined();
  });
});
