/**
 * The patron-search backfill (amplify/storage/search-backfill.ts) against a deployed table, once
 * after deploying the search indexes: `npx tsx local/backfill-search.ts --table <name> --region <region>`,
 * with AWS credentials in the environment as the AWS CLI takes them. `npm start` runs the same
 * function on the local table by itself.
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillSearchKeys } from '../amplify/storage/search-backfill';

const { values } = parseArgs({
  options: { table: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } },
});
if (!values.table) {
  console.error('usage: npx tsx local/backfill-search.ts --table <table name> [--region <region>] [--endpoint <url>]');
  process.exit(2);
}
const client = new DynamoDBClient({
  region: values.region ?? process.env.AWS_REGION ?? 'us-east-1',
  ...(values.endpoint ? { endpoint: values.endpoint } : {}),
});
const report = await backfillSearchKeys(DynamoDBDocumentClient.from(client), values.table);
console.log(JSON.stringify(report));
