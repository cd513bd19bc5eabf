import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUsersInGroupCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditPk, TEAM_ENTITY } from '../../../amplify/data/keys';
import { readAudit } from '../../../amplify/data/audit';
import { cognitoClient, GROUPS, signIn } from '../../../local/stack/cognito';
import { startIamGate } from '../../../local/iam/gate';
import { startAppSync } from '../../../local/appsync/index';
import { createTestTable, dynamoClient, sesMessages, stack } from '../../support/stack';
import { graphqlAt, useMailerEnv, type Api } from './harness';

/**
 * The team tests change who is an admin, so they get a user pool of their own in the shared
 * cognito-local (other files keep the demo pool's admins), and a local API on it.
 */
export const PASSWORD = 'Team-test-2026!';
export const MEMBER_FIELDS = 'email name group enabled status createdAt mailStatus mailError signedOut';
export const TEAM_MEMBERS = `query($limit: Int, $nextToken: String) { teamMembers(limit: $limit, nextToken: $nextToken) { items { ${MEMBER_FIELDS} } nextToken } }`;
export const INVITE = `mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { ${MEMBER_FIELDS} } }`;
export const SET_GROUP = `mutation($email: AWSEmail!, $group: TeamGroup!) { setTeamMemberGroup(email: $email, group: $group) { ${MEMBER_FIELDS} } }`;
export const DISABLE = `mutation($email: AWSEmail!) { disableTeamMember(email: $email) { ${MEMBER_FIELDS} } }`;
export const ENABLE = `mutation($email: AWSEmail!) { enableTeamMember(email: $email) { ${MEMBER_FIELDS} } }`;
export const RESET = `mutation($email: AWSEmail!) { resetTeamMemberPassword(email: $email) { ${MEMBER_FIELDS} } }`;

export interface TeamPool {
  api: Pick<Api, 'url' | 'tableName' | 'gql' | 'close'>;
  userPoolId: string;
  clientId: string;
  /** An email unique to this run, so the shared SES store's messages are this test's. */
  email(local: string): string;
  /** A member made straight in the pool (as the first admin is: README), with PASSWORD. */
  addUser(email: string, group: (typeof GROUPS)[number]): Promise<void>;
  token(email: string, password?: string): Promise<string>;
  /** The temporary password in the last mail to `email`. */
  mailedPassword(email: string): Promise<string>;
  /** Sign-in with a temporary password: the challenge, answered with `newPassword`. */
  choosePassword(email: string, temporary: string, newPassword: string): Promise<string>;
  audit(): Promise<ReturnType<typeof readAudit>[]>;
  /** The enabled members of ADMINS as the pool itself says (not through the API under test). */
  enabledAdmins(): Promise<string[]>;
}

export async function startTeamPool(): Promise<TeamPool> {
  const s = stack();
  const cognito = cognitoClient(s.cognitoEndpoint, s.region);
  const run = randomUUID().slice(0, 8);
  const pool = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: `scc-team-${run}`,
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    }),
  );
  const userPoolId = pool.UserPool!.Id!;
  const client = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'team-test',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  const clientId = client.UserPoolClient!.ClientId!;
  for (const GroupName of GROUPS) await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName }));

  const tableName = await createTestTable('scc-team');
  // The team Lambda and the table data source as their IAM roles, on this pool (local/iam).
  const iam = await startIamGate({
    upstream: { dynamodb: s.dynamodbEndpoint, ses: s.sesUrl, cognito: s.cognitoEndpoint },
    region: s.region,
    tableName,
    userPoolId,
  });
  useMailerEnv(iam.endpoint('mailer', 'ses'));
  const server = await startAppSync({
    tableName,
    dynamodbEndpoint: s.dynamodbEndpoint,
    region: s.region,
    cognito: { endpoint: s.cognitoEndpoint, userPoolId, userPoolClientId: clientId },
    graphiql: false,
    log: () => {},
    iam,
  });
  const db = DynamoDBDocumentClient.from(dynamoClient());
  // A change of access refuses every token issued up to its second (docs/security-access.md): a
  // test signing in right after one waits for the next second, as a person retyping a password does.
  const gql = graphqlAt(server.url);
  let lastCall = 0;
  const sinceChanges: Api['gql'] = async <T>(...args: Parameters<Api['gql']>) => {
    const answer = await gql<T>(...args);
    lastCall = Date.now();
    return answer;
  };
  const nextSecond = () =>
    new Promise((r) => setTimeout(r, Math.max(0, (Math.floor(lastCall / 1000) + 1) * 1000 - Date.now())));

  return {
    api: { url: server.url, tableName, gql: sinceChanges, close: () => server.close().finally(() => iam.close()) },
    userPoolId,
    clientId,
    email: (local) => `${local}.${run}@team.test`,
    async addUser(email, group) {
      await cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: email,
          MessageAction: 'SUPPRESS',
          TemporaryPassword: PASSWORD,
          UserAttributes: [
            { Name: 'email', Value: email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: email.split('@')[0]! },
          ],
        }),
      );
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: email, GroupName: group }));
      await cognito.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: email,
          Password: PASSWORD,
          Permanent: true,
        }),
      );
    },
    async token(email, password = PASSWORD) {
      await nextSecond();
      return (await signIn(cognito, clientId, email, password)).idToken;
    },
    async mailedPassword(email) {
      const mails = await sesMessages(email);
      const text = mails.at(-1)?.body.text ?? '';
      const found = /temporary password: (\S+)/.exec(text);
      if (!found)
        throw new Error(`no temporary password mailed to ${email}: ${JSON.stringify(mails.map((m) => m.subject))}`);
      return found[1]!;
    },
    async choosePassword(email, temporary, newPassword) {
      await nextSecond();
      const first = await cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: temporary },
        }),
      );
      if (first.ChallengeName !== 'NEW_PASSWORD_REQUIRED')
        throw new Error(`expected NEW_PASSWORD_REQUIRED, got ${first.ChallengeName ?? 'tokens'}`);
      const done = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session,
          ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
        }),
      );
      return done.AuthenticationResult!.IdToken!;
    },
    async enabledAdmins() {
      const out = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName: 'ADMINS' }));
      return (out.Users ?? [])
        .filter((u) => u.Enabled !== false)
        .map((u) => u.Attributes!.find((a) => a.Name === 'email')!.Value!)
        .sort();
    },
    async audit() {
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': auditPk(TEAM_ENTITY) },
        }),
      );
      return (out.Items ?? []).map((i) => readAudit(i));
    },
  };
}
