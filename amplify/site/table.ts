import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE, type KeyAttribute } from '../storage/table';

const attribute = (k: KeyAttribute) => ({ name: k.name, type: AttributeType.STRING });

/**
 * The deployed single table, built from the same definition `npm start` and the tests create
 * locally (amplify/storage/table.ts), so the two cannot drift. On a branch deployment (staging,
 * production) it holds payments and signed waivers the operator must keep: deletion protection,
 * and RETAIN so that deleting the stack never deletes the data. A developer's sandbox is
 * disposable — Amplify turns every removal policy in a sandbox to DESTROY — so there deletion
 * protection is off, or `ampx sandbox delete` would fail on the table.
 */
export function createSccTable(scope: Construct, options: { keep: boolean }, id = 'SccTable'): Table {
  const table = new Table(scope, id, {
    partitionKey: attribute(TABLE.partitionKey),
    sortKey: attribute(TABLE.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: options.keep,
    removalPolicy: options.keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    timeToLiveAttribute: TABLE.timeToLiveAttribute,
  });
  for (const index of TABLE.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
    });
  }
  return table;
}
