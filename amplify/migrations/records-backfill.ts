import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditPatronKeys, patronOf, readAudit } from '../data/audit';
import { WAIVER_TEXT_SK, waiverTextPk } from '../data/keys';
import { documentClient } from '../functions/dynamo';

/**
 * A one-off migration for the audit reads (by patron, stored waiver texts), idempotent (run it again: it writes nothing new):
 * - audit records written before the patron trail get its GSI1 keys (auditByPatron finds them);
 * - each waiver text carried on a signature written before texts were kept once is stored as its
 *   WAIVERTEXT#<sha256> item (waiverText finds it). The signature keeps its copy: nothing an
 *   auditor may ask for is deleted.
 * It reads the table with a Scan, filtered to those two item types: a migration touches every
 * item of a kind once, which no key can list (the API itself never scans).
 *
 *   TABLE_NAME=... [AWS_REGION=...] [DYNAMODB_ENDPOINT=...] npx tsx amplify/migrations/records-backfill.ts
 */
export interface BackfillResult {
  scanned: number;
  auditKeyed: number;
  textsStored: number;
  /** Signatures whose text does not hash to their version: reported, never stored under it. */
  mismatched: string[];
}

export async function backfillRecords(db: DynamoDBDocumentClient, TableName: string): Promise<BackfillResult> {
  const result: BackfillResult = { scanned: 0, auditKeyed: 0, textsStored: 0, mismatched: [] };
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName,
        FilterExpression: '#type IN (:audit, :waiver)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':audit': 'Audit', ':waiver': 'Waiver' },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) {
      result.scanned += 1;
      if (item.type === 'Audit' && (await keyAudit(db, TableName, item))) result.auditKeyed += 1;
      if (item.type === 'Waiver' && typeof item.text === 'string') {
        const version = createHash('sha256').update(item.text, 'utf8').digest('hex');
        if (version !== item.waiverVersion) result.mismatched.push(String(item.SK));
        else if (await putIfAbsent(db, TableName, version, item.text, String(item.signedAt))) result.textsStored += 1;
      }
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return result;
}

async function keyAudit(
  db: DynamoDBDocumentClient,
  TableName: string,
  item: Record<string, unknown>,
): Promise<boolean> {
  if (item.GSI1PK !== undefined) return false;
  const record = readAudit(item);
  // Keyed by its own sort key (<at>#<id>, older records included), as new records are.
  const keys = auditPatronKeys(record.entity, record.at, record.id, patronOf(record.before, record.after));
  if (!keys.GSI1PK) return false;
  return conditional(
    db.send(
      new UpdateCommand({
        TableName,
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: 'SET GSI1PK = :pk, GSI1SK = :sk',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI1PK)',
        ExpressionAttributeValues: { ':pk': keys.GSI1PK, ':sk': item.SK },
      }),
    ),
  );
}

function putIfAbsent(
  db: DynamoDBDocumentClient,
  TableName: string,
  version: string,
  text: string,
  storedAt: string,
): Promise<boolean> {
  return conditional(
    db.send(
      new PutCommand({
        TableName,
        Item: { PK: waiverTextPk(version), SK: WAIVER_TEXT_SK, type: 'WaiverText', version, text, storedAt },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    ),
  );
}

/** Whether a conditional write wrote (false: its condition said it was done already). */
async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const TableName = process.env.TABLE_NAME;
  if (!TableName) throw new Error('Set TABLE_NAME to the table to migrate.');
  const db = documentClient({ region: process.env.AWS_REGION, endpoint: process.env.DYNAMODB_ENDPOINT });
  console.log(JSON.stringify(await backfillRecords(db, TableName)));
}
