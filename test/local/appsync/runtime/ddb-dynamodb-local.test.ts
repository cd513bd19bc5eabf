/**
 * The expressions the dynamodb helpers render must be ones DynamoDB accepts: sent as-is (numbers
 * turned into DynamoDB's strings, as the data source does) to DynamoDB Local.
 */
import { PutItemCommand, QueryCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, dynamoClient } from '../../../support/stack';
import { valueOf } from './support/helpers';

/** APPSYNC_JS keeps N/NS as JSON numbers; the wire format wants strings. */
function wire(value: unknown): any {
  if (Array.isArray(value)) return value.map(wire);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'N' || k === 'NS' ? (Array.isArray(v) ? v.map(String) : String(v)) : wire(v),
    ]),
  );
}

type Expr = {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, AttributeValue>;
};

let table: string;
beforeAll(async () => {
  table = await createTestTable('scc-runtime');
  await dynamoClient().send(
    new PutItemCommand({
      TableName: table,
      Item: {
        PK: { S: 'EVENT#e1' },
        SK: { S: 'PAYMENT#2026-01-01#p1' },
        amountCents: { N: '500' },
        paidCents: { N: '0' },
        tags: { L: [] },
      },
    }),
  );
});

describe('dynamodb helper expressions on DynamoDB Local', () => {
  it('a query key condition (equality plus begins_with) finds the item', async () => {
    const request = valueOf(
      'ddb.query({ query: { PK: { eq: "EVENT#e1" }, SK: { beginsWith: "PAYMENT#" } }, filter: { amountCents: { ge: 100 } } })',
    ) as { query: Expr; filter: Expr };
    const result = await dynamoClient().send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: request.query.expression,
        FilterExpression: request.filter.expression,
        ExpressionAttributeNames: { ...request.query.expressionNames, ...request.filter.expressionNames },
        ExpressionAttributeValues: wire({ ...request.query.expressionValues, ...request.filter.expressionValues }),
      }),
    );
    expect(result.Items).toHaveLength(1);
  });

  it('an update with several operations and a condition applies', async () => {
    const request = valueOf(`ddb.update({ key: { PK: "EVENT#e1", SK: "PAYMENT#2026-01-01#p1" },
      update: { paidCents: ddb.operations.increment(500), tags: ddb.operations.append(["cash"]), note: "ok", amountCents: ddb.operations.remove() },
      condition: { paidCents: { eq: 0 } } })`) as {
      key: Record<string, AttributeValue>;
      update: Expr;
      condition: Expr;
    };
    const result = await dynamoClient().send(
      new UpdateItemCommand({
        TableName: table,
        Key: wire(request.key),
        UpdateExpression: request.update.expression,
        ConditionExpression: request.condition.expression,
        ExpressionAttributeNames: { ...request.update.expressionNames, ...request.condition.expressionNames },
        ExpressionAttributeValues: wire({ ...request.update.expressionValues, ...request.condition.expressionValues }),
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(result.Attributes).toMatchObject({
      paidCents: { N: '500' },
      tags: { L: [{ S: 'cash' }] },
      note: { S: 'ok' },
    });
    expect(result.Attributes?.amountCents).toBeUndefined();
  });
});
