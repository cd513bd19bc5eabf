import { describe, expect, it } from 'vitest';
import { cognitoRequests, dynamodbRequests, sesRequests } from '../../../local/iam/requests';

const account = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
const TABLE = 'arn:aws:dynamodb:us-east-1:000000000000:table/t';
const S = (s: string) => ({ S: s });

describe('what IAM authorizes for a request', () => {
  it('an item operation: its action on the table, its partition key as LeadingKeys', () => {
    expect(
      dynamodbRequests(account, 'PutItem', { TableName: 't', Item: { PK: S('WAIVERTEXT#ab'), SK: S('WAIVERTEXT') } }),
    ).toEqual([
      { action: 'dynamodb:PutItem', resource: TABLE, context: { 'dynamodb:LeadingKeys': ['WAIVERTEXT#ab'] } },
    ]);
    expect(
      dynamodbRequests(account, 'GetItem', { TableName: 't', Key: { PK: S('EVENT#1'), SK: S('EVENT') } })[0]!.context,
    ).toEqual({ 'dynamodb:LeadingKeys': ['EVENT#1'] });
  });

  it('a Query: the table or the index queried, the partition key its key condition names', () => {
    expect(
      dynamodbRequests(account, 'Query', {
        TableName: 't',
        KeyConditionExpression: '#pk = :pk AND begins_with(SK, :p)',
        ExpressionAttributeNames: { '#pk': 'PK' },
        ExpressionAttributeValues: { ':pk': S('EVENT#1'), ':p': S('PATRON#') },
      }),
    ).toEqual([{ action: 'dynamodb:Query', resource: TABLE, context: { 'dynamodb:LeadingKeys': ['EVENT#1'] } }]);
    expect(
      dynamodbRequests(account, 'Query', {
        TableName: 't',
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :y AND GSI2SK BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':y': S('EVENTS#2026'), ':a': S('a'), ':b': S('b') },
      }),
    ).toEqual([
      {
        action: 'dynamodb:Query',
        resource: `${TABLE}/index/GSI2`,
        context: { 'dynamodb:LeadingKeys': ['EVENTS#2026'] },
      },
    ]);
  });

  it('a TransactWriteItems: each item as its own Put, Update, Delete or ConditionCheck', () => {
    const requests = dynamodbRequests(account, 'TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: 't', Item: { PK: S('EVENT#1'), SK: S('WAIVER#x') } } },
        { Update: { TableName: 't', Key: { PK: S('WAIVERRATE#ip'), SK: S('x') } } },
        { ConditionCheck: { TableName: 't', Key: { PK: S('EVENT#1'), SK: S('EVENT') } } },
        { Delete: { TableName: 't', Key: { PK: S('TEAM'), SK: S('LOCK') } } },
      ],
    });
    expect(requests.map((r) => [r.action, r.context?.['dynamodb:LeadingKeys']])).toEqual([
      ['dynamodb:PutItem', ['EVENT#1']],
      ['dynamodb:UpdateItem', ['WAIVERRATE#ip']],
      ['dynamodb:ConditionCheckItem', ['EVENT#1']],
      ['dynamodb:DeleteItem', ['TEAM']],
    ]);
  });

  it('a TransactGetItems: each item as a GetItem; a batch once per table with all its keys', () => {
    expect(
      dynamodbRequests(account, 'TransactGetItems', {
        TransactItems: [{ Get: { TableName: 't', Key: { PK: S('EVENT#1'), SK: S('E') } } }],
      }),
    ).toEqual([{ action: 'dynamodb:GetItem', resource: TABLE, context: { 'dynamodb:LeadingKeys': ['EVENT#1'] } }]);
    expect(
      dynamodbRequests(account, 'BatchGetItem', {
        RequestItems: {
          t: {
            Keys: [
              { PK: S('A'), SK: S('1') },
              { PK: S('B'), SK: S('1') },
            ],
          },
        },
      }),
    ).toEqual([{ action: 'dynamodb:BatchGetItem', resource: TABLE, context: { 'dynamodb:LeadingKeys': ['A', 'B'] } }]);
  });

  it('SES SendEmail: on the sender address’s identity, or its domain’s', () => {
    const form = new URLSearchParams({ Action: 'SendEmail', Source: 'Ship Captain Crew <bookings@example.com>' });
    expect(sesRequests(account, 'SendEmail', form).map((alt) => alt.map((r) => r.resource))).toEqual([
      ['arn:aws:ses:us-east-1:000000000000:identity/bookings@example.com'],
      ['arn:aws:ses:us-east-1:000000000000:identity/example.com'],
    ]);
  });

  it('Cognito: the action on the user pool named', () => {
    expect(cognitoRequests(account, 'AdminGetUser', { UserPoolId: 'us-east-1_abc', Username: 'x' })).toEqual([
      {
        action: 'cognito-idp:AdminGetUser',
        resource: 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abc',
      },
    ]);
  });
});
