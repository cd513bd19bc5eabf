import { describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand, AdminDisableUserCommand, AdminGetUserCommand, AdminListGroupsForUserCommand, AdminSetUserPasswordCommand,
  GetTokensFromRefreshTokenCommand, NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';

import { TOKEN_VALIDITY } from '../../../amplify/auth/tokens';
import { cognitoClient, DEMO_USERS, ensureUserPool } from '../../../local/stack/cognito';
import { signIn, stack } from '../../support/stack';

const client = () => cognitoClient(stack().cognitoEndpoint, stack().region);

describe('the local user pool', () => {
  it.each(DEMO_USERS)('has $email in group $group', async ({ email, group }) => {
    // cognito-local resolves the email alias in AdminGetUser but not in AdminListGroupsForUser.
    const user = await client().send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: email }));
    const out = await client().send(new AdminListGroupsForUserCommand({ UserPoolId: stack().userPoolId, Username: user.Username }));
    expect(out.Groups?.map((g) => g.GroupName)).toEqual([group]);
  });

  it.each(DEMO_USERS)('lets $email sign in with USER_PASSWORD_AUTH and the demo password', async ({ email, group }) => {
    const { idToken, accessToken } = await signIn(email);
    const claims = decodeJwt(idToken);
    expect(claims).toMatchObject({ email, token_use: 'id', 'cognito:groups': [group], aud: stack().userPoolClientId });
    expect(claims.iss).toBe(`${stack().cognitoEndpoint}/${stack().userPoolId}`);
    expect(decodeJwt(accessToken).token_use).toBe('access');
  });

  it('issues ID and access tokens valid for 60 minutes, as the deployed app client does', async () => {
    const { idToken, accessToken } = await signIn(DEMO_USERS[0].email);
    for (const token of [idToken, accessToken]) {
      const { iat, exp } = decodeJwt(token);
      expect(exp! - iat!).toBe(TOKEN_VALIDITY.idTokenMinutes * 60);
    }
    expect(TOKEN_VALIDITY.accessTokenMinutes).toBe(TOKEN_VALIDITY.idTokenMinutes);
  });

  it('refuses a wrong password', async () => {
    await expect(signIn(DEMO_USERS[0].email, 'not-the-password')).rejects.toThrow(/password/i);
  });

  it('is found again, not duplicated, when set up a second time', async () => {
    const again = await ensureUserPool(client(), stack().demoPassword);
    expect(again).toEqual({ userPoolId: stack().userPoolId, userPoolClientId: stack().userPoolClientId });
  });

  describe('refreshing a session with GetTokensFromRefreshToken (how aws-amplify refreshes an expired one)', () => {
    const refresh = (token: string) =>
      client().send(new GetTokensFromRefreshTokenCommand({ ClientId: stack().userPoolClientId, RefreshToken: token }));

    it("gives the same user new ID and access tokens, groups included, and keeps the refresh token", async () => {
      const { refreshToken } = await signIn('crew@example.com');
      const out = await refresh(refreshToken!);
      const claims = decodeJwt(out.AuthenticationResult!.IdToken!);
      expect(claims).toMatchObject({ email: 'crew@example.com', token_use: 'id', 'cognito:groups': ['CREW'], aud: stack().userPoolClientId });
      expect(claims.exp! - claims.iat!).toBe(TOKEN_VALIDITY.idTokenMinutes * 60);
      expect(decodeJwt(out.AuthenticationResult!.AccessToken!).token_use).toBe('access');
      expect(out.AuthenticationResult!.RefreshToken).toBeUndefined();
    });

    it('refuses a refresh token it never issued', async () => {
      await expect(refresh('not-a-refresh-token')).rejects.toBeInstanceOf(NotAuthorizedException);
    });

    it("refuses a disabled member's refresh token, as Cognito does", async () => {
      const email = `refresh-${Date.now()}@example.com`;
      await client().send(new AdminCreateUserCommand({
        UserPoolId: stack().userPoolId, Username: email, MessageAction: 'SUPPRESS', TemporaryPassword: stack().demoPassword,
        UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
      }));
      await client().send(new AdminSetUserPasswordCommand({ UserPoolId: stack().userPoolId, Username: email, Password: stack().demoPassword, Permanent: true }));
      const { refreshToken } = await signIn(email);
      await expect(refresh(refreshToken!)).resolves.toBeDefined();
      await client().send(new AdminDisableUserCommand({ UserPoolId: stack().userPoolId, Username: email }));
      await expect(refresh(refreshToken!)).rejects.toBeInstanceOf(NotAuthorizedException);
    });
  });
});
