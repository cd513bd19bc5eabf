import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UserNotFoundException,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { TOKEN_VALIDITY } from '../../amplify/auth/tokens';

export const GROUPS = ['ADMINS', 'CREW', 'ACCOUNTING'] as const;
export type Group = (typeof GROUPS)[number];

export const DEMO_USERS: ReadonlyArray<{ email: string; group: Group; name: string }> = [
  { email: 'admin@example.com', group: 'ADMINS', name: 'Ada Admin' },
  { email: 'crew@example.com', group: 'CREW', name: 'Casey Crew' },
  { email: 'accounting@example.com', group: 'ACCOUNTING', name: 'Avery Accounts' },
];

export const DEFAULT_DEMO_PASSWORD = 'Sail-away-2026!';
const POOL_NAME = 'scc-local';
const CLIENT_NAME = 'scc-web';

export interface UserPool {
  userPoolId: string;
  userPoolClientId: string;
}

export function cognitoClient(endpoint: string, region = 'us-east-1'): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/**
 * The pool, its web client, the three groups and the demo users, created only where missing, so a
 * restart finds the pool (and its random id) of the previous run.
 */
export async function ensureUserPool(client: CognitoIdentityProviderClient, demoPassword: string): Promise<UserPool> {
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === POOL_NAME)?.Id;
  if (!userPoolId) {
    const created = await client.send(
      new CreateUserPoolCommand({
        PoolName: POOL_NAME,
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      }),
    );
    userPoolId = created.UserPool!.Id!;
  }

  const clients = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let userPoolClientId = clients.UserPoolClients?.find((c) => c.ClientName === CLIENT_NAME)?.ClientId;
  const settings: Omit<CreateUserPoolClientCommandInput, 'UserPoolId' | 'ClientName'> = {
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    // The deployed client's lifetimes (amplify/auth/tokens.ts), not cognito-local's 24 h.
    IdTokenValidity: TOKEN_VALIDITY.idTokenMinutes,
    AccessTokenValidity: TOKEN_VALIDITY.accessTokenMinutes,
    RefreshTokenValidity: TOKEN_VALIDITY.refreshTokenDays,
    TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'days' },
  };
  if (!userPoolClientId) {
    const created = await client.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: CLIENT_NAME, ...settings }),
    );
    userPoolClientId = created.UserPoolClient!.ClientId!;
  } else {
    // A pool made by an earlier version kept cognito-local's 24 h tokens.
    const current = await client.send(
      new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: userPoolClientId }),
    );
    if (
      current.UserPoolClient?.IdTokenValidity !== settings.IdTokenValidity ||
      current.UserPoolClient?.AccessTokenValidity !== settings.AccessTokenValidity
    ) {
      await client.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: userPoolId,
          ClientId: userPoolClientId,
          ClientName: CLIENT_NAME,
          ...settings,
        }),
      );
    }
  }

  const groups = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  for (const group of GROUPS) {
    if (!groups.Groups?.some((g) => g.GroupName === group)) {
      await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
    }
  }

  for (const user of DEMO_USERS) await ensureUser(client, userPoolId, user, demoPassword);
  return { userPoolId, userPoolClientId };
}

async function ensureUser(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  user: { email: string; group: Group; name: string },
  password: string,
): Promise<void> {
  let exists = true;
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: user.email }));
  } catch (error) {
    if (!(error instanceof UserNotFoundException)) throw error;
    exists = false;
  }
  if (!exists) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        MessageAction: 'SUPPRESS',
        TemporaryPassword: password,
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: user.name },
        ],
      }),
    );
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: user.group }),
    );
  }
  // Always (re)set: SCC_DEMO_PASSWORD may have changed since the pool was made.
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: user.email,
      Password: password,
      Permanent: true,
    }),
  );
}

/** USER_PASSWORD_AUTH, the flow cognito-local supports (it has no SRP). */
export async function signIn(
  client: CognitoIdentityProviderClient,
  userPoolClientId: string,
  email: string,
  password: string,
): Promise<{ idToken: string; accessToken: string; refreshToken?: string }> {
  const out = await client.send(
    new InitiateAuthCommand({
      ClientId: userPoolClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  );
  const result = out.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken)
    throw new Error(`sign-in of ${email} returned no tokens (${out.ChallengeName ?? 'no challenge'})`);
  return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken };
}
