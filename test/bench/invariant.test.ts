import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';

import { checkMoneyInvariant } from '../../bench/lib/invariant';
import { createTestTable, dynamoClient } from '../support/stack';

const client = dynamoClient();
let table: string;
beforeAll(async () => {
  table = await createTestTable('scc-bench-inv');
});

/** An event with one patron and the given payments, its totals as stated (not computed). */
async function put(
  eventId: string,
  totals: { eventPaid: number; entryPaid: number },
  payments: Array<{ cents: number; status?: string }>,
) {
  const due = 10_000;
  const items = [
    {
      PK: `EVENT#${eventId}`,
      SK: 'EVENT',
      type: 'Event',
      id: eventId,
      dueCents: due,
      paidCents: totals.eventPaid,
      balanceCents: due - totals.eventPaid,
    },
    {
      PK: `EVENT#${eventId}`,
      SK: 'PATRON#pat@example.com',
      type: 'RosterEntry',
      eventId,
      email: 'pat@example.com',
      amountDueCents: due,
      paidCents: totals.entryPaid,
      balanceCents: due - totals.entryPaid,
    },
    ...payments.map((p, i) => ({
      PK: `EVENT#${eventId}`,
      SK: `PAYMENT#${i}`,
      type: 'Payment',
      patronEmail: 'pat@example.com',
      amountCents: p.cents,
      status: p.status ?? 'RECORDED',
    })),
  ];
  await client.send(
    new BatchWriteItemCommand({
      RequestItems: { [table]: items.map((Item) => ({ PutRequest: { Item: marshall(Item) } })) },
    }),
  );
}

describe('the money invariant check the throughput benchmark runs', () => {
  it('passes an event whose totals equal its recorded payments, voided ones left out', async () => {
    await put('ok', { eventPaid: 3_000, entryPaid: 3_000 }, [
      { cents: 1_000 },
      { cents: 2_000 },
      { cents: 500, status: 'VOIDED' },
    ]);
    const report = await checkMoneyInvariant(client, table, ['ok']);
    expect(report).toEqual({ events: 1, rosterEntries: 1, payments: 2, violations: [] });
  });

  it('reports an event total that differs from the sum of its payments', async () => {
    await put('event-off', { eventPaid: 2_999, entryPaid: 3_000 }, [{ cents: 1_000 }, { cents: 2_000 }]);
    const { violations } = await checkMoneyInvariant(client, table, ['event-off']);
    expect(violations).toEqual(['event-off: event paidCents 2999 ≠ sum of payments 3000']);
  });

  it('reports a roster entry whose paidCents differs from its payments', async () => {
    await put('entry-off', { eventPaid: 1_000, entryPaid: 0 }, [{ cents: 1_000 }]);
    const { violations } = await checkMoneyInvariant(client, table, ['entry-off']);
    expect(violations).toEqual(['entry-off/pat@example.com: paidCents 0 ≠ sum of payments 1000']);
  });

  it('reports an event that is missing', async () => {
    const { violations } = await checkMoneyInvariant(client, table, ['nowhere']);
    expect(violations).toEqual(['nowhere: event item missing']);
  });
});
