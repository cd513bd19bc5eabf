import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoDBDataSource } from '../../../../local/appsync/datasources/dynamodb';
import { PaginationTokens } from '../../../../local/appsync/datasources/dynamodb/tokens';
import type { DataSource, InvocationContext } from '../../../../local/appsync/datasources';
import { createTestTable, dynamoClient } from '../../../support/stack';

/**
 * The DynamoDB data source on its own, fed request objects shaped as the
 * `@aws-appsync/utils/dynamodb` helpers produce them (numbers as JSON numbers, as AppSync allows).
 */
let table: string;
let ds: DataSource;
const ctx = {} as InvocationContext;
const run = (request: Record<string, unknown>) => ds.invoke(request, ctx);
const key = (pk: string, sk = 'A') => ({ PK: { S: pk }, SK: { S: sk } });

beforeAll(async () => {
  table = await createTestTable('scc-appsync-ops');
  ds = dynamoDBDataSource({
    name: 'SccTableDataSource',
    tableName: table,
    client: dynamoClient(),
    tokens: new PaginationTokens('test'),
  });
});

describe('DynamoDB operations as AppSync shapes their results', () => {
  it('UpdateItem returns the item as it is after the update', async () => {
    await run({ operation: 'PutItem', key: key('U'), attributeValues: { n: { N: 1 } } });
    const out = await run({
      operation: 'UpdateItem',
      key: key('U'),
      update: {
        expression: 'SET #n = #n + :one',
        expressionNames: { '#n': 'n' },
        expressionValues: { ':one': { N: 1 } },
      },
    });
    expect(out).toEqual({ result: { PK: 'U', SK: 'A', n: 2 } });
  });

  it('binary and binary-set attributes come back as the base64 they were written as', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]).toString('base64');
    const other = Buffer.from('ship').toString('base64');
    await run({
      operation: 'PutItem',
      key: key('BIN'),
      attributeValues: { b: { B: bytes }, bs: { BS: [bytes, other] }, nested: { M: { B: { B: other } } } },
    });
    const out = await run({ operation: 'GetItem', key: key('BIN'), consistentRead: true });
    expect(out).toEqual({
      result: { PK: 'BIN', SK: 'A', b: bytes, bs: expect.arrayContaining([bytes, other]), nested: { B: other } },
    });
  });

  it('DeleteItem returns the deleted item', async () => {
    await run({ operation: 'PutItem', key: key('D'), attributeValues: { x: { S: 'gone' } } });
    expect(await run({ operation: 'DeleteItem', key: key('D') })).toEqual({ result: { PK: 'D', SK: 'A', x: 'gone' } });
  });

  it('BatchPutItem then BatchGetItem keep the order of the keys, null for a missing one', async () => {
    const put = await run({
      operation: 'BatchPutItem',
      tables: {
        [table]: [
          { ...key('B1'), v: { N: 1 } },
          { ...key('B2'), v: { N: 2 } },
        ],
      },
    });
    expect(put).toEqual({
      result: {
        data: {
          [table]: [
            { PK: 'B1', SK: 'A', v: 1 },
            { PK: 'B2', SK: 'A', v: 2 },
          ],
        },
        unprocessedItems: { [table]: [] },
      },
    });
    const got = await run({
      operation: 'BatchGetItem',
      tables: { [table]: { keys: [key('B2'), key('nope'), key('B1')] } },
    });
    expect(got).toEqual({
      result: {
        data: { [table]: [{ PK: 'B2', SK: 'A', v: 2 }, null, { PK: 'B1', SK: 'A', v: 1 }] },
        unprocessedKeys: { [table]: [] },
      },
    });
  });

  it('BatchDeleteItem removes the keys', async () => {
    await run({ operation: 'BatchDeleteItem', tables: { [table]: [key('B1')] } });
    expect(await run({ operation: 'GetItem', key: key('B1') })).toEqual({ result: null });
  });

  it('TransactGetItems returns items in order, null where missing', async () => {
    await run({ operation: 'PutItem', key: key('T'), attributeValues: { t: { BOOL: true } } });
    const out = await run({
      operation: 'TransactGetItems',
      transactItems: [
        { table, key: key('nope') },
        { table, key: key('T') },
      ],
    });
    expect(out).toEqual({ result: { items: [null, { PK: 'T', SK: 'A', t: true }], cancellationReasons: null } });
  });

  it('Query applies filter, projection and scanIndexForward, and counts what it scanned', async () => {
    for (const sk of ['1', '2', '3'])
      await run({
        operation: 'PutItem',
        key: key('Q', sk),
        attributeValues: { odd: { BOOL: sk !== '2' }, extra: { S: 'x' } },
      });
    const out = await run({
      operation: 'Query',
      query: { expression: '#pk = :pk', expressionNames: { '#pk': 'PK' }, expressionValues: { ':pk': { S: 'Q' } } },
      filter: {
        expression: '#odd = :t',
        expressionNames: { '#odd': 'odd' },
        expressionValues: { ':t': { BOOL: true } },
      },
      projection: { expression: '#sk, #odd', expressionNames: { '#sk': 'SK', '#odd': 'odd' } },
      scanIndexForward: false,
    });
    expect(out).toEqual({
      result: {
        items: [
          { SK: '3', odd: true },
          { SK: '1', odd: true },
        ],
        nextToken: null,
        scannedCount: 3,
      },
    });
  });

  it('reports DynamoDB errors as ctx.error typed DynamoDB:<exception>', async () => {
    const out = await run({ operation: 'GetItem', key: { PK: { S: 'only-half' } } });
    expect(out.result).toBeNull();
    expect(out.error).toMatchObject({ type: 'DynamoDB:ValidationException' });
  });
});
