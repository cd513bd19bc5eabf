import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../../../../amplify/data/audit';
import { auditPk, TEAM_ENTITY } from '../../../../amplify/data/keys';
import { teamResult } from '../../../../amplify/functions/team/handler';
import { cognitoDirectory, type Directory } from '../../../../amplify/functions/team/directory';
import { teamLock } from '../../../../amplify/functions/team/lock';
import { accessRevoker } from '../../../../amplify/functions/team/access';
import { runTeamRequest, type TeamDeps } from '../../../../amplify/functions/team/run';
import { cognitoClient, GROUPS } from '../../../../local/stack/cognito';
import { createTestTable, dynamoClient, stack } from '../../../support/stack';

/**
 * A team change that Cognito takes only in part: the first call made, a later one
 * refused by the real cognito-local. The failures are real ones: another admin deleting the group
 * between the two calls of an invitation (through the same cognito-local), and DynamoDB refusing
 * the access record a disable writes (its table gone).
 */
const db = DynamoDBDocumentClient.from(dynamoClient());
const cognito = () => cognitoClient(stack().cognitoEndpoint, stack().region);
let tableName: string;
let userPoolId: string;

beforeAll(async () => {
  tableName = await createTestTable('scc-team-run');
  const pool = await cognito().send(
    new CreateUserPoolCommand({ PoolName: `scc-team-run-${randomUUID().slice(0, 8)}`, UsernameAttributes: ['email'] }),
  );
  userPoolId = pool.UserPool!.Id!;
  for (const GroupName of GROUPS) await cognito().send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName }));
});

const directory = () => cognitoDirectory({ region: stack().region, endpoint: stack().cognitoEndpoint, userPoolId });
const deps = (dir: Directory, accessTable = tableName): TeamDeps => ({
  directory: dir,
  lock: teamLock(db, tableName),
  revokeAccess: accessRevoker(db, accessTable),
  sendMail: async () => ({ messageId: 'not reached' }),
  mailFailure: String,
  newId: randomUUID,
  now: () => new Date(),
});
const records = async () =>
  (
    (
      await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': auditPk(TEAM_ENTITY) },
        }),
      )
    ).Items ?? []
  ).map((i) => readAudit(i));
const groupsOf = async (email: string) => {
  const user = await cognito().send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
  return (
    (await cognito().send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: user.Username! })))
      .Groups ?? []
  ).map((g) => g.GroupName);
};

describe('a change Cognito takes only in part', () => {
  it('an invitation whose group is deleted between its two calls: the member exists in no group, the record and the admin say so', async () => {
    const email = `dee.${randomUUID().slice(0, 8)}@team.test`;
    const real = directory();
    // Another admin deletes CREW (through the same cognito-local) right after the user is made.
    const racing: Directory = {
      ...real,
      create: (e, name, group, password, steps) =>
        real.create(e, name, group, password, {
          async run(what, call) {
            const out = await steps.run(what, call);
            if (what === 'create the user')
              await cognito().send(new DeleteGroupCommand({ UserPoolId: userPoolId, GroupName: 'CREW' }));
            return out;
          },
        }),
    };
    try {
      const refused = await runTeamRequest(deps(racing), {
        action: 'invite',
        email,
        name: 'Dee',
        group: 'CREW',
        actor: 'ada@team.test',
      }).catch((err: unknown) => err);
      expect(teamResult(refused)).toEqual({
        error: {
          type: 'Conflict',
          message: `Only part of this change was made: create the user done; add to group CREW failed. ${email} is now in no group, enabled. Give them their group with "Change role", or disable them.`,
          info: { reason: 'PARTIAL_CHANGE', retryable: false },
        },
      });
    } finally {
      await cognito().send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'CREW' }));
    }
    expect(await groupsOf(email)).toEqual([]);
    const record = (await records()).find((r) => r.after?.email === email);
    expect(record).toMatchObject({
      operation: 'inviteTeamMember',
      actor: 'ada@team.test',
      before: null,
      after: { email, group: null, groups: [], enabled: true, done: ['create the user'], failed: 'add to group CREW' },
    });
  });

  it('a move whose old group is deleted between adding and removing: audited with the step that failed, the admin told where the member stands', async () => {
    const email = `gus.${randomUUID().slice(0, 8)}@team.test`;
    const real = directory();
    await real.create(email, 'Gus', 'ACCOUNTING', 'Temp-pass-2026!', { run: (_what, call) => call() });
    const racing: Directory = {
      ...real,
      moveTo: (e, group, steps) =>
        real.moveTo(e, group, {
          async run(what, call) {
            const out = await steps.run(what, call);
            if (what === 'add to group CREW')
              await cognito().send(new DeleteGroupCommand({ UserPoolId: userPoolId, GroupName: 'ACCOUNTING' }));
            return out;
          },
        }),
    };
    try {
      const refused = await runTeamRequest(deps(racing), {
        action: 'setGroup',
        email,
        group: 'CREW',
        actor: 'ada@team.test',
      }).catch((err: unknown) => err);
      expect(teamResult(refused)).toMatchObject({
        error: {
          type: 'Conflict',
          message: `Only part of this change was made: add to group CREW done; remove from group ACCOUNTING failed. ${email} is now in CREW, enabled. Make the change again to finish it.`,
          info: { reason: 'PARTIAL_CHANGE', retryable: false },
        },
      });
    } finally {
      await cognito().send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: 'ACCOUNTING' }));
    }
    expect((await records()).find((r) => r.after?.email === email)).toMatchObject({
      operation: 'setTeamMemberGroup',
      before: { email, group: 'ACCOUNTING' },
      after: {
        email,
        group: 'CREW',
        groups: ['CREW'],
        done: ['add to group CREW'],
        failed: 'remove from group ACCOUNTING',
      },
    });
  });

  it('a move left in two groups (added, not removed) is finished by asking for it again, and audited', async () => {
    const email = `hal.${randomUUID().slice(0, 8)}@team.test`;
    const real = directory();
    await real.create(email, 'Hal', 'ACCOUNTING', 'Temp-pass-2026!', { run: (_what, call) => call() });
    const user = await cognito().send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }));
    // As a move to CREW whose removal from ACCOUNTING failed leaves them: shown as CREW, in both.
    await cognito().send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.Username!, GroupName: 'CREW' }),
    );
    expect((await real.member(email)).group).toBe('CREW');
    const answer = await runTeamRequest(deps(real), {
      action: 'setGroup',
      email,
      group: 'CREW',
      actor: 'ada@team.test',
    });
    expect(answer).toMatchObject({ email, group: 'CREW' });
    expect(await groupsOf(email)).toEqual(['CREW']);
    expect((await records()).find((r) => r.after?.email === email)).toMatchObject({
      operation: 'setTeamMemberGroup',
      before: { group: 'CREW' },
      after: { group: 'CREW' },
    });
  });

  it('a disable whose sessions cannot be ended: the member is disabled, the record and the admin say the sessions were not ended', async () => {
    const email = `eve.${randomUUID().slice(0, 8)}@team.test`;
    await deps(directory()).directory.create(email, 'Eve', 'ACCOUNTING', 'Temp-pass-2026!', {
      run: (_what, call) => call(),
    });
    // DynamoDB refuses the access record: its table does not exist.
    const refused = await runTeamRequest(deps(directory(), 'scc-no-such-table'), {
      action: 'disable',
      email,
      actor: 'ada@team.test',
    }).catch((err: unknown) => err);
    expect(teamResult(refused)).toMatchObject({
      error: {
        type: 'Conflict',
        message: `Only part of this change was made: disable the user done; end their sessions in the API failed. ${email} is now in ACCOUNTING, disabled. They cannot sign in again, but a session already open may last until its ID token expires (5 minutes).`,
        info: { reason: 'PARTIAL_CHANGE', retryable: false },
      },
    });
    expect((await cognito().send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: email }))).Enabled).toBe(
      false,
    );
    expect((await records()).find((r) => r.after?.email === email)).toMatchObject({
      operation: 'disableTeamMember',
      before: { email, group: 'ACCOUNTING', enabled: true },
      after: {
        email,
        group: 'ACCOUNTING',
        groups: ['ACCOUNTING'],
        enabled: false,
        done: ['disable the user'],
        failed: 'end their sessions in the API',
      },
    });
  });

  it('a change refused at its first call is refused whole: no record, the error as it was', async () => {
    const email = `fay.${randomUUID().slice(0, 8)}@team.test`;
    await cognito().send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    const count = (await records()).length;
    const refused = await runTeamRequest(deps(directory()), {
      action: 'invite',
      email,
      name: 'Fay',
      group: 'CREW',
      actor: 'ada@team.test',
    }).catch((err: unknown) => err);
    expect(teamResult(refused)).toMatchObject({ error: { type: 'Conflict', info: { reason: 'ALREADY_MEMBER' } } });
    expect((await records()).length).toBe(count);
  });
});
