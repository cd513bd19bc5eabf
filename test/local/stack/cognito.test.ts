import { describe, expect, it } from 'vitest';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  NotAuthorizedException,
  UserNotFoundException,
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
    const out = await client().send(
      new AdminListGroupsForUserCommand({ UserPoolId: stack().userPoolId, Username: user.Username }),
    );
    expect(out.Groups?.map((g) => g.GroupName)).toEqual([group]);
  });

  it.each(DEMO_USERS)('lets $email sign in with USER_PASSWORD_AUTH and the demo password', async ({ email, group }) => {
    const { idToken, accessToken } = await signIn(email);
    const claims = decodeJwt(idToken);
    expect(claims).toMatchObject({ email, token_use: 'id', 'cognito:groups': [group], aud: stack().userPoolClientId });
    expect(claims.iss).toBe(`${stack().cognitoEndpoint}/${stack().userPoolId}`);
    expect(decodeJwt(accessToken).token_use).toBe('access');
  });

  it('issues ID and access tokens valid for 5 minutes, as the deployed app client does', async () => {
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

    it('gives the same user new ID and access tokens, groups included, and keeps the refresh token', async () => {
      const { refreshToken } = await signIn('crew@example.com');
      const out = await refresh(refreshToken!);
      const claims = decodeJwt(out.AuthenticationResult!.IdToken!);
      expect(claims).toMatchObject({
        email: 'crew@example.com',
        token_use: 'id',
        'cognito:groups': ['CREW'],
        aud: stack().userPoolClientId,
      });
      expect(claims.exp! - claims.iat!).toBe(TOKEN_VALIDITY.idTokenMinutes * 60);
      expect(decodeJwt(out.AuthenticationResult!.AccessToken!).token_use).toBe('access');
      expect(out.AuthenticationResult!.RefreshToken).toBeUndefined();
    });

    it('refuses a refresh token it never issued', async () => {
      await expect(refresh('not-a-refresh-token')).rejects.toBeInstanceOf(NotAuthorizedException);
    });

    it("refuses a disabled member's refresh token, as Cognito does", async () => {
      const email = `refresh-${Date.now()}@example.com`;
      await client().send(
        new AdminCreateUserCommand({
          UserPoolId: stack().userPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          TemporaryPassword: stack().demoPassword,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      await client().send(
        new AdminSetUserPasswordCommand({
          UserPoolId: stack().userPoolId,
          Username: email,
          Password: stack().demoPassword,
          Permanent: true,
        }),
      );
      const { refreshToken } = await signIn(email);
      await expect(refresh(refreshToken!)).resolves.toBeDefined();
      await client().send(new AdminDisableUserCommand({ UserPoolId: stack().userPoolId, Username: email }));
      await expect(refresh(refreshToken!)).rejects.toBeInstanceOf(NotAuthorizedException);
    });
  });

  describe('signing a user out everywhere with AdminUserGlobalSignOut (the team Lambda does, when it takes access away)', () => {
    const newUser = async () => {
      const email = `signout-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.com`;
      await client().send(
        new AdminCreateUserCommand({
          UserPoolId: stack().userPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          TemporaryPassword: stack().demoPassword,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      await client().send(
        new AdminSetUserPasswordCommand({
          UserPoolId: stack().userPoolId,
          Username: email,
          Password: stack().demoPassword,
          Permanent: true,
        }),
      );
      return email;
    };

    it('revokes every refresh token and access token issued before it, as Cognito documents; signing in again works', async () => {
      const email = await newUser();
      const phone = await signIn(email);
      const laptop = await signIn(email);
      await expect(client().send(new GetUserCommand({ AccessToken: phone.accessToken }))).resolves.toBeDefined();
      await client().send(new AdminUserGlobalSignOutCommand({ UserPoolId: stack().userPoolId, Username: email }));
      for (const session of [phone, laptop]) {
        await expect(
          client().send(
            new GetTokensFromRefreshTokenCommand({
              ClientId: stack().userPoolClientId,
              RefreshToken: session.refreshToken!,
            }),
          ),
        ).rejects.toBeInstanceOf(NotAuthorizedException);
        await expect(client().send(new GetUserCommand({ AccessToken: session.accessToken }))).rejects.toThrow(
          'Access Token has been revoked',
        );
      }
      // A token's iat is in whole seconds: the next second's sign-in is after the sign-out.
      await new Promise((r) => setTimeout(r, 1_000 - (Date.now() % 1_000)));
      const again = await signIn(email);
      await expect(client().send(new GetUserCommand({ AccessToken: again.accessToken }))).resolves.toBeDefined();
    });

    it('answers UserNotFoundException for a user the pool does not have', async () => {
      await expect(
        client().send(
          new AdminUserGlobalSignOutCommand({ UserPoolId: stack().userPoolId, Username: 'nobody-here@example.com' }),
        ),
      ).rejects.toBeInstanceOf(UserNotFoundException);
    });
  });
});
