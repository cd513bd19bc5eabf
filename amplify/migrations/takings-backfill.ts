import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, ScanCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { operatorTimeZone } from '../time-zone';
import { takingsPk, takingsSk } from '../data/keys';
import { contribution, type CountedPayment, type TakingsDelta } from '../data/takings';
import { dayOf } from '../functions/dates';
import { documentClient } from '../functions/dynamo';

/**
 * A one-off migration: payments, refunds, voids and moves written before the daily takings existed
 * are added to them (amplify/data/takings.ts), each item once. Idempotent and safe beside live
 * writes: each item is counted in its own TransactWriteItems that marks it `inTotals` on the
 * condition that it was not marked yet and still has the status it was counted in, and adds its
 * contribution to its day's totals by ADD. A second run finds every item marked and writes
 * nothing; a void or move landing meanwhile either precedes the mark (the item is counted as it
 * then is) or follows it (the writer sees `inTotals` and moves the totals itself), and a writer
 * whose read predates the mark is refused by its own condition on the item as read.
 *
 *   TABLE_NAME=... [SCC_TIME_ZONE=...] [AWS_REGION=...] [DYNAMODB_ENDPOINT=...] npx tsx amplify/migrations/takings-backfill.ts
 */
export interface TakingsBackfillResult {
  scanned: number;
  counted: number;
}

type StoredPayment = CountedPayment & {
  PK: string;
  SK: string;
  loggedAt: string;
  receivedAt: string;
  inTotals?: boolean;
};

export async function backfillTakings(
  db: DynamoDBDocumentClient,
  TableName: string,
  timeZone: string,
): Promise<TakingsBackfillResult> {
  const result: TakingsBackfillResult = { scanned: 0, counted: 0 };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName,
        FilterExpression: '#type = :payment AND attribute_not_exists(inTotals)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':payment': 'Payment' },
        ExclusiveStartKey,
      }),
    );
    for (const item of (page.Items ?? []) as StoredPayment[]) {
      result.scanned += 1;
      if (await count(db, TableName, timeZone, item)) result.counted += 1;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return result;
}

/** The transaction item that ADDs `d` to its day's totals item (created on the first addition). */
export function takingsAdd(TableName: string, d: TakingsDelta) {
  const adds = Object.keys(d.adds);
  return {
    Update: {
      TableName,
      Key: { PK: takingsPk(d.day), SK: takingsSk(d.day, d.eventId) },
      UpdateExpression:
        'SET #day = :day, #eventId = :eventId, #type = :type ADD ' + adds.map((k) => `#${k} :${k}`).join(', '),
      ExpressionAttributeNames: {
        '#day': 'day',
        '#eventId': 'eventId',
        '#type': 'type',
        ...Object.fromEntries(adds.map((k) => [`#${k}`, k])),
      },
      ExpressionAttributeValues: {
        ':day': d.day,
        ':eventId': d.eventId,
        ':type': 'Takings',
        ...Object.fromEntries(adds.map((k) => [`:${k}`, d.adds[k]])),
      },
    },
  };
}

/** Counts one item as it stands; reread and counted again when it changed since it was read. */
async function count(
  db: DynamoDBDocumentClient,
  TableName: string,
  timeZone: string,
  read: StoredPayment,
): Promise<boolean> {
  let item: StoredPayment | undefined = read;
  for (let attempt = 0; item && !item.inTotals && attempt < 5; attempt += 1) {
    const d = contribution(item, dayOf(new Date(item.loggedAt), timeZone), dayOf(new Date(item.receivedAt), timeZone));
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName,
                Key: { PK: item.PK, SK: item.SK },
                UpdateExpression: 'SET inTotals = :yes',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(inTotals) AND #status = :status',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':yes': true, ':status': item.status },
              },
            },
            takingsAdd(TableName, d),
          ],
        }),
      );
      return true;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      item = (await db.send(new GetCommand({ TableName, Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true })))
        .Item as StoredPayment | undefined;
    }
  }
  if (item && !item.inTotals)
    throw new Error(`Payment ${item.SK} of ${item.PK} kept changing: run the backfill again.`);
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const TableName = process.env.TABLE_NAME;
  if (!TableName) throw new Error('Set TABLE_NAME to the table to migrate.');
  const db = documentClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT });
  console.log(JSON.stringify(await backfillTakings(db, TableName, operatorTimeZone(process.env.SCC_TIME_ZONE))));
}
