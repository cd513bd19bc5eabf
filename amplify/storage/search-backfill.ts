import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { paginateScan, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { patronSearchKeys } from '../data/keys';

/**
 * Gives every roster entry the patron-search keys (GSI4 name, GSI5 email, GSI6 phone digits
 * reversed; keys.ts patronSearchKeys) that addPatron and updatePatron write today, so entries
 * written before those indexes existed are found too.
 *
 * A one-off migration, so a Scan is acceptable here and only here (no request path scans: docs/architecture.md,
 * the table): the entries lacking keys are exactly the ones no index can reach. It pages the
 * whole table (paginateScan, 1 MB a page), keeps roster entries whose keys are missing or differ
 * from what their name and phone give, and writes each one's keys conditioned on that name and
 * phone being as read. An entry edited meanwhile fails the condition and is left alone: the edit
 * (updatePatron) wrote its keys itself. Idempotent: a second run finds nothing to write.
 *
 * Run by `npm start` on the local table at every start, and on AWS once after deploying:
 * `npx tsx local/backfill-search.ts --table <table name> --region <region>` (README).
 */
export interface BackfillReport {
  /** roster entries read */
  entries: number;
  /** entries given their keys */
  updated: number;
  /** entries edited between the read and the write: left to the edit, which wrote its own keys */
  changed: number;
}

const SEARCH_KEYS = ['GSI4PK', 'GSI4SK', 'GSI5PK', 'GSI5SK', 'GSI6PK', 'GSI6SK'];

type Entry = Record<string, unknown> & { PK: string; SK: string; email: string; name: string; phone?: string | null };

/** The keys to set and remove so the entry's search keys are what its name and phone give; null when they already are. */
export function searchKeyChange(entry: Entry): { set: Record<string, string>; remove: string[] } | null {
  const want = patronSearchKeys(entry.email, entry.name, entry.phone);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const k of SEARCH_KEYS) {
    if (want[k] !== undefined && entry[k] !== want[k]) set[k] = want[k];
    if (want[k] === undefined && entry[k] !== undefined) remove.push(k);
  }
  return Object.keys(set).length || remove.length ? { set, remove } : null;
}

export async function backfillSearchKeys(db: DynamoDBDocumentClient, tableName: string): Promise<BackfillReport> {
  const report: BackfillReport = { entries: 0, updated: 0, changed: 0 };
  const pages = paginateScan(
    { client: db },
    {
      TableName: tableName,
      FilterExpression: 'begins_with(SK, :patron) AND attribute_exists(email) AND attribute_exists(#name)',
      ProjectionExpression: ['PK', 'SK', 'email', '#name', 'phone', ...SEARCH_KEYS].join(', '),
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':patron': 'PATRON#' },
    },
  );
  for await (const page of pages) {
    for (const item of (page.Items ?? []) as Entry[]) {
      report.entries += 1;
      const change = searchKeyChange(item);
      if (!change) continue;
      const names: Record<string, string> = { '#name': 'name', '#phone': 'phone' };
      const values: Record<string, unknown> = { ':name': item.name };
      const phoneAsRead =
        typeof item.phone === 'string'
          ? '#phone = :phone'
          : '(attribute_not_exists(#phone) OR attribute_type(#phone, :null))';
      if (typeof item.phone === 'string') values[':phone'] = item.phone;
      else values[':null'] = 'NULL';
      const sets = Object.keys(change.set).map((k, i) => {
        names[`#k${i}`] = k;
        values[`:k${i}`] = change.set[k];
        return `#k${i} = :k${i}`;
      });
      const removes = change.remove.map((k, i) => {
        names[`#r${i}`] = k;
        return `#r${i}`;
      });
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: [
              sets.length ? `SET ${sets.join(', ')}` : '',
              removes.length ? `REMOVE ${removes.join(', ')}` : '',
            ]
              .join(' ')
              .trim(),
            ConditionExpression: `attribute_exists(PK) AND #name = :name AND ${phoneAsRead}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        report.updated += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        report.changed += 1;
      }
    }
  }
  return report;
}
