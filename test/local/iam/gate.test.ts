import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

import { startIamGate, type IamGate } from '../../../local/iam/gate';
import { createTestTable, scanAll, stack } from '../../support/stack';
import { synthesizedPolicies } from '../../../local/iam/policies';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const S = (s: string) => ({ S: s });
let table: string;
let gate: IamGate;
let denying: IamGate;

beforeAll(async () => {
  const s = stack();
  table = await createTestTable('scc-iam');
  const upstream = { dynamodb: s.dynamodbEndpoint, ses: s.sesUrl, cognito: s.cognitoEndpoint };
  gate = await startIamGate({ upstream, region: s.region, tableName: table, userPoolId: s.userPoolId });
  // The waiver role with an explicit Deny on audit partitions added to its synthesized policies.
  const withDeny = synthesizedPolicies();
  withDeny.principals.waiver!.policies.push({
    Statement: [
      {
        Effect: 'Deny',
        Action: 'dynamodb:*',
        Resource: '*',
        Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
      },
    ],
  });
  denying = await startIamGate({
    upstream,
    region: s.region,
    tableName: table,
    userPoolId: s.userPoolId,
    policies: withDeny,
  });
});
afterAll(async () => {
  await gate?.close();
  await denying?.close();
});

type AwsError = Error & { $metadata: { httpStatusCode: number } };
/** The error a call failed with (a call that succeeds fails the test). */
const refused = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('the call was allowed');
    },
    (e: unknown) => e as AwsError,
  );
const dynamo = (g: IamGate, principal: string) =>
  new DynamoDBClient({
    endpoint: g.endpoint(principal, 'dynamodb'),
    region: stack().region,
    credentials,
    maxAttempts: 1,
  });
const refusal = (principal: string, role: RegExp, action: string, resource: string) =>
  new RegExp(
    `^User: arn:aws:sts::000000000000:assumed-role/${role.source}/${principal} is not authorized to perform: ${action} on resource: ${resource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} because no identity-based policy allows the ${action} action$`,
  );

describe('the local IAM gate', () => {
  it('passes what a role is granted on to the stand-in', async () => {
    const waiver = dynamo(gate, 'waiver');
    await waiver.send(
      new PutItemCommand({ TableName: table, Item: { PK: S('EVENT#gate-1'), SK: S('EVENT'), title: S('x') } }),
    );
    const out = await waiver.send(
      new GetItemCommand({ TableName: table, Key: { PK: S('EVENT#gate-1'), SK: S('EVENT') } }),
    );
    expect(out.Item?.title).toEqual(S('x'));
  });

  it('refuses what it is not granted as AWS does: AccessDeniedException, AWS’s message, nothing written', async () => {
    const err = await refused(
      dynamo(gate, 'waiver').send(new PutItemCommand({ TableName: table, Item: { PK: S('USER#gate'), SK: S('X') } })),
    );
    expect(err.name).toBe('AccessDeniedException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toMatch(
      refusal(
        'waiver',
        /waiverlambdaServiceRole\w+/,
        'dynamodb:PutItem',
        `arn:aws:dynamodb:us-east-1:000000000000:table/${table}`,
      ),
    );
    expect((await scanAll(table)).filter((i) => i.PK?.S === 'USER#gate')).toEqual([]);
  });

  it('authorizes each item of a transaction as its own operation and key: one refused item refuses all', async () => {
    const err = await refused(
      dynamo(gate, 'retention').send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: table,
                Key: { PK: S('EVENT#gate-2'), SK: S('P') },
                UpdateExpression: 'SET a = :a',
                ExpressionAttributeValues: { ':a': S('1') },
              },
            },
            { Put: { TableName: table, Item: { PK: S('EVENT#gate-2'), SK: S('Q') } } },
          ],
        }),
      ),
    );
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toContain('not authorized to perform: dynamodb:PutItem');
    expect((await scanAll(table)).filter((i) => i.PK?.S === 'EVENT#gate-2')).toEqual([]);
  });

  it('a Query on an index needs the index in the policy', async () => {
    const query = (principal: string) =>
      dynamo(gate, principal).send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI2',
          KeyConditionExpression: 'GSI2PK = :y',
          ExpressionAttributeValues: { ':y': S('EVENTS#2099') },
        }),
      );
    await expect(query('reminders')).resolves.toMatchObject({ Items: [] });
    await expect(query('retention')).rejects.toThrow(
      /not authorized to perform: dynamodb:Query on resource: .*\/index\/GSI2/,
    );
  });

  it('an explicit Deny wins over the Allow', async () => {
    const err = await refused(
      dynamo(denying, 'waiver').send(
        new PutItemCommand({ TableName: table, Item: { PK: S('AUDIT#EVENT#gate'), SK: S('X') } }),
      ),
    );
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toMatch(/with an explicit deny in an identity-based policy$/);
  });

  it('checks SES and Cognito calls too, each answered in its service’s error shape', async () => {
    const send = (principal: string) =>
      new SESClient({
        endpoint: gate.endpoint(principal, 'ses'),
        region: stack().region,
        credentials,
        maxAttempts: 1,
      }).send(
        new SendEmailCommand({
          Source: 'bookings@example.com',
          Destination: { ToAddresses: ['gate@example.com'] },
          Message: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } },
        }),
      );
    await expect(send('mailer')).resolves.toMatchObject({ MessageId: expect.any(String) });
    await expect(send('retention')).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(
        'ses:SendEmail on resource: arn:aws:ses:us-east-1:000000000000:identity/bookings@example.com',
      ),
    });
    const getUser = (principal: string) =>
      new CognitoIdentityProviderClient({
        endpoint: gate.endpoint(principal, 'cognito'),
        region: stack().region,
        credentials,
        maxAttempts: 1,
      }).send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: stack().users.admin }));
    await expect(getUser('team')).resolves.toMatchObject({ Username: expect.any(String) });
    await expect(getUser('waiver')).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(
        `cognito-idp:AdminGetUser on resource: arn:aws:cognito-idp:us-east-1:000000000000:userpool/${stack().userPoolId}`,
      ),
    });
  });

  it('authorizes an AppSync data source invoking its own Lambda only', () => {
    expect(() =>
      gate.authorize('MailerDataSource', { action: 'lambda:InvokeFunction', resource: gate.functionArn('mailer') }),
    ).not.toThrow();
    expect(() =>
      gate.authorize('MailerDataSource', { action: 'lambda:InvokeFunction', resource: gate.functionArn('team') }),
    ).toThrow(/not authorized to perform: lambda:InvokeFunction/);
  });
});
