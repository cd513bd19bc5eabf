import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../../../../local/stack/cognito';
import { scanAll, signIn, stack } from '../../../support/stack';
import { gql, mintToken, packagedCognitoLocalKey, startHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.api.close());

const GET = 'query Get($id: ID!) { getThing(id: $id) { id email } }';
const PUT = 'mutation Put($id: ID!, $email: AWSEmail!) { putThing(id: $id, email: $email) { id email } }';

describe('authentication (the request as a whole)', () => {
  it('answers 401 UnauthorizedException when no Authorization header is sent', async () => {
    const res = await gql(h.api.url, undefined, GET, { id: '1' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }],
    });
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
  });

  it("refuses a token signed with another key (forged), with AppSync's message", async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await mintToken(h.tokens.admin, {}, privateKey);
    const res = await gql(h.api.url, forged, GET, { id: '1' });
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([
      { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' },
    ]);
  });

  it('refuses an expired token even when its signature is genuine', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    const expired = await mintToken(h.tokens.admin, { iat: past - 60, exp: past });
    const res = await gql(h.api.url, expired, GET, { id: '1' });
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([{ errorType: 'UnauthorizedException', message: 'Token has expired.' }]);
  });

  it('refuses a token once it has expired, though it was accepted before', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await mintToken(h.tokens.admin, { exp });
    expect((await gql(h.api.url, shortLived, GET, { id: '1' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
    const res = await gql(h.api.url, shortLived, GET, { id: '1' });
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([{ errorType: 'UnauthorizedException', message: 'Token has expired.' }]);
  });

  it('refuses a token signed with the key cognito-local ships in its package (anyone has it)', async () => {
    const forged = await mintToken(h.tokens.admin, {}, await packagedCognitoLocalKey());
    const res = await gql(h.api.url, forged, GET, { id: '1' });
    expect(res.status).toBe(401);
    expect(res.body.errors).toEqual([
      { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' },
    ]);
  });

  it("stops accepting a user's token once the user is disabled or deleted (within the API's check interval)", async () => {
    const api = await startHarness({ userCheckCacheMs: 200 });
    const pool = cognitoClient(stack().cognitoEndpoint, stack().region);
    const UserPoolId = stack().userPoolId;
    const email = `leaver-${Date.now()}@example.com`;
    try {
      await pool.send(
        new AdminCreateUserCommand({
          UserPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      await pool.send(
        new AdminSetUserPasswordCommand({
          UserPoolId,
          Username: email,
          Password: stack().demoPassword,
          Permanent: true,
        }),
      );
      await pool.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: 'CREW' }));
      const { idToken, accessToken } = await signIn(email);
      expect((await gql(api.api.url, idToken, GET, { id: '1' })).status).toBe(200);
      await pool.send(new AdminDisableUserCommand({ UserPoolId, Username: email }));
      await new Promise((r) => setTimeout(r, 300));
      for (const token of [idToken, accessToken]) {
        const res = await gql(api.api.url, token, GET, { id: '1' });
        expect(res.status).toBe(401);
        expect(res.body.errors).toEqual([
          { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' },
        ]);
      }
      await pool.send(new AdminDeleteUserCommand({ UserPoolId, Username: email }));
      await new Promise((r) => setTimeout(r, 300));
      expect((await gql(api.api.url, idToken, GET, { id: '1' })).status).toBe(401);
    } finally {
      await api.api.close();
    }
  });

  it('keeps refusing a forged token after the genuine one it copies was accepted', async () => {
    expect((await gql(h.api.url, h.tokens.admin, GET, { id: '1' })).status).toBe(200);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await mintToken(h.tokens.admin, {}, privateKey);
    expect((await gql(h.api.url, forged, GET, { id: '1' })).status).toBe(401);
  });

  it('refuses a genuine token issued to another app client', async () => {
    const other = await mintToken(h.tokens.admin, { aud: 'some-other-client' });
    const res = await gql(h.api.url, other, GET, { id: '1' });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]).toMatchObject({ errorType: 'UnauthorizedException' });
  });

  it('refuses a "Bearer "-prefixed token, as AppSync does for user pools', async () => {
    const res = await gql(h.api.url, `Bearer ${h.tokens.admin}`, GET, { id: '1' });
    expect(res.status).toBe(401);
  });

  it('accepts an access token as well as an ID token', async () => {
    const { signIn } = await import('../../../support/stack');
    const { accessToken } = await signIn(stack().users.crew);
    const res = await gql(h.api.url, accessToken, GET, { id: 'none' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { getThing: null } });
  });
});

describe('field authorization (cognito_groups)', () => {
  it("nulls a field outside the caller's groups with an Unauthorized error, and its resolver never runs", async () => {
    const before = await scanAll(h.table);
    const res = await gql(h.api.url, h.tokens.crew, PUT, { id: 'crew-try', email: 'a@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ putThing: null });
    expect(res.body.errors).toEqual([
      {
        path: ['putThing'],
        data: null,
        errorType: 'Unauthorized',
        errorInfo: null,
        locations: [{ line: 1, column: 45, sourceName: null }],
        message: 'Not Authorized to access putThing on type Mutation',
      },
    ]);
    expect(res.headers.get('x-amzn-errortype')).toBe('Unauthorized');
    expect(await scanAll(h.table)).toEqual(before);
  });

  it('refuses a group that may not read the type (accounting on getThing)', async () => {
    const res = await gql(h.api.url, h.tokens.accounting, GET, { id: '1' });
    expect(res.body.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access getThing on type Query',
    });
  });

  it('runs the field for a caller in one of its groups', async () => {
    const put = await gql(h.api.url, h.tokens.admin, PUT, { id: 'ok', email: 'ok@example.com' });
    expect(put.body).toEqual({ data: { putThing: { id: 'ok', email: 'ok@example.com' } } });
    const get = await gql(h.api.url, h.tokens.crew, GET, { id: 'ok' });
    expect(get.body).toEqual({ data: { getThing: { id: 'ok', email: 'ok@example.com' } } });
  });

  it('fills ctx.identity as AppSync does for user pools', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ whoAmI }');
    const { identity } = JSON.parse(res.body.data?.whoAmI as string) as { identity: Record<string, unknown> };
    expect(identity).toMatchObject({
      username: expect.any(String),
      sub: expect.any(String),
      groups: ['CREW'],
      defaultAuthStrategy: 'ALLOW',
      sourceIp: [expect.stringMatching(/127\.0\.0\.1|::1/)],
      issuer: expect.stringContaining(stack().userPoolId),
    });
    expect(identity.claims).toMatchObject({ email: stack().users.crew, token_use: 'id', 'cognito:groups': ['CREW'] });
  });
});
