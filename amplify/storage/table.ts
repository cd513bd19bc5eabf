/**
 * The one DynamoDB table (docs/decisions/0002-one-table.md), as data: CDK builds the deployed table from it
 * (amplify/backend.ts) and `npm start` / the tests create the local one from it, so the two
 * cannot drift. Key layout: see amplify/data/keys.ts.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S';
}

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly timeToLiveAttribute: string;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
}

const gsi = (n: 1 | 2 | 3 | 4 | 5 | 6): IndexDefinition => ({
  indexName: `GSI${n}`,
  partitionKey: { name: `GSI${n}PK`, type: 'S' },
  sortKey: { name: `GSI${n}SK`, type: 'S' },
});

export const TABLE: TableDefinition = {
  partitionKey: { name: 'PK', type: 'S' },
  sortKey: { name: 'SK', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  /**
   * GSI1: payments by patron; GSI2: events by start; GSI3: payments by year (reconciliation);
   * GSI4-6: roster entries by name, email and phone (patron search). CloudFormation creates one GSI
   * per table update, so a stack deployed before GSI4-6 takes them in three deploys.
   */
  globalSecondaryIndexes: [gsi(1), gsi(2), gsi(3), gsi(4), gsi(5), gsi(6)],
};

/** The table name when none is configured (local stack). */
export const LOCAL_TABLE_NAME = 'scc-local';

/** DynamoDB's CreateTable input for the definition (on-demand, all attributes projected). */
export function createTableInput(tableName: string) {
  const attributes = new Map<string, KeyAttribute>();
  for (const k of [
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]) {
    attributes.set(k.name, k);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes.values()].map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: TABLE.sortKey.name, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey.name, KeyType: 'HASH' as const },
        { AttributeName: i.sortKey.name, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
