import { QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

import { eventPk } from '../../amplify/data/keys';

export interface InvariantReport {
  events: number;
  rosterEntries: number;
  payments: number;
  /** One line per total that does not equal the sum of its RECORDED payments. */
  violations: string[];
}

/**
 * The attributes the invariant reads. Items are read as they are stored, unchecked: an attribute
 * missing where a number belongs compares unequal (or NaN), so it shows up as a violation.
 */
interface Item {
  type?: string;
  status?: string;
  email?: string;
  patronEmail?: string;
  amountCents: number;
  amountDueCents: number;
  dueCents: number;
  paidCents: number;
  balanceCents: number;
}

/** Every item of an event's partition (event, roster, payments, waivers), read page by page. */
async function partition(client: DynamoDBClient, tableName: string, eventId: string) {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const out = await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: eventPk(eventId) } },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    items.push(...(out.Items ?? []).map((i) => unmarshall(i) as Item));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * The money invariant (docs/architecture.md, invariants), read straight from the table: on every event, the sum of RECORDED payments
 * equals paidCents on each roster entry and on the event, and balanceCents = due − paid on both.
 */
export async function checkMoneyInvariant(
  client: DynamoDBClient,
  tableName: string,
  eventIds: string[],
): Promise<InvariantReport> {
  const report: InvariantReport = { events: eventIds.length, rosterEntries: 0, payments: 0, violations: [] };
  for (const eventId of eventIds) {
    const items = await partition(client, tableName, eventId);
    const event = items.find((i) => i.type === 'Event');
    const entries = items.filter((i) => i.type === 'RosterEntry');
    const payments = items.filter((i) => i.type === 'Payment' && i.status === 'RECORDED');
    report.rosterEntries += entries.length;
    report.payments += payments.length;
    if (!event) {
      report.violations.push(`${eventId}: event item missing`);
      continue;
    }
    const sum = (list: Item[]) => list.reduce((s, p) => s + Number(p.amountCents), 0);
    const total = sum(payments);
    if (event.paidCents !== total)
      report.violations.push(`${eventId}: event paidCents ${event.paidCents} ≠ sum of payments ${total}`);
    if (event.balanceCents !== event.dueCents - event.paidCents)
      report.violations.push(`${eventId}: event balance ${event.balanceCents} ≠ due − paid`);
    for (const entry of entries) {
      const own = sum(payments.filter((p) => p.patronEmail === entry.email));
      if (entry.paidCents !== own)
        report.violations.push(`${eventId}/${entry.email}: paidCents ${entry.paidCents} ≠ sum of payments ${own}`);
      if (entry.balanceCents !== entry.amountDueCents - entry.paidCents)
        report.violations.push(`${eventId}/${entry.email}: balance ${entry.balanceCents} ≠ due − paid`);
    }
  }
  return report;
}
