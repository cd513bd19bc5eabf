import { describe, expect, it } from 'vitest';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';

import { TABLE } from '../../../amplify/storage/table';
import { ensureTable } from '../../../local/stack/table';
import { createTestTable, dynamoClient } from '../../support/stack';

describe('the table npm start creates', () => {
  it('has the keys of the shared definition', async () => {
    const name = await createTestTable();
    const { Table } = await dynamoClient().send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' },
    ]);
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('has every global secondary index of the definition, projecting all attributes', async () => {
    const name = await createTestTable();
    const { Table } = await dynamoClient().send(new DescribeTableCommand({ TableName: name }));
    const indexes = (Table?.GlobalSecondaryIndexes ?? [])
      .map((i) => ({
        name: i.IndexName,
        keys: i.KeySchema?.map((k) => `${k.KeyType}:${k.AttributeName}`),
        projection: i.Projection?.ProjectionType,
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name)));
    expect(indexes).toEqual(
      TABLE.globalSecondaryIndexes.map((i) => ({
        name: i.indexName,
        keys: [`HASH:${i.partitionKey.name}`, `RANGE:${i.sortKey.name}`],
        projection: 'ALL',
      })),
    );
  });

  it('expires items by the TTL attribute of the definition', async () => {
    const name = await createTestTable();
    const ttl = await dynamoClient().send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: TABLE.timeToLiveAttribute,
      TimeToLiveStatus: 'ENABLED',
    });
  });

  it('is left alone when it already exists', async () => {
    const name = await createTestTable();
    await expect(ensureTable(dynamoClient(), name)).resolves.toBe(false);
  });
});
