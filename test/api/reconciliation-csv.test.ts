import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillTakings } from '../../amplify/migrations/takings-backfill';
import { dynamoClient } from '../support/stack';
import { addDays, dayRange, today, useTimeZone } from '../../src/lib/domain/dates';
import { reconciliationCsv, RECONCILIATION_CSV_COLUMNS } from '../../src/lib/csv/reconciliation-csv';
import { loadReconciliation } from '../../src/lib/controllers/reconciliation-load';
import { eventWithPatron, LOG_PAYMENT, startApi, VOID_PAYMENT, type Api } from './support/harness';
import { clientAs, moveNow, refundNow, storedPayment } from './support/reconciliation';
import { bookkeepingScript } from './support/script';
import { readCsv } from '../support/csv';

/**
 * "The CSV and the bookkeeping script give the same numbers": on the same table, the
 * dashboard's reconciliation CSV (its client, src/lib/controllers/reconciliation-load.ts) and
 * `examples/payment-history.ts --totals` (a separate process, signed in as accounting) print the
 * same file, and both hold the sums worked out by hand below.
 */
let api: Api;
let script: ReturnType<typeof bookkeepingScript>;
let a: { eventId: string; email: string };
let b: { eventId: string; email: string };

beforeAll(async () => {
  useTimeZone('America/Los_Angeles');
  api = await startApi();
  script = bookkeepingScript(api);
  a = await eventWithPatron(api, 50_000, 'first@example.com');
  b = await eventWithPatron(api, 50_000, 'second@example.com');
  const pay = async (target: { eventId: string; email: string }, amountCents: number, method: string) => {
    const res = await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: {
        idempotencyKey: `r-${target.eventId}-${amountCents}`,
        eventId: target.eventId,
        patronEmail: target.email,
        amountCents,
        method,
      },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.logPayment.id as string;
  };
  await pay(a, 1_250, 'CASH');
  await pay(a, 9_900, 'CARD');
  await pay(b, 300, 'CASH');
  const wrong = await pay(b, 7_000, 'CHECK');
  expect(
    (await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId: b.eventId, paymentId: wrong, reason: 'typo' })).errors,
  ).toBeUndefined();
  // A cash refund today on a, and a check paid on b by a third patron whom rebookPatron moved to a.
  await refundNow(api, a.eventId, a.email, 200, 'CASH', 'weather');
  await moveNow(api, b.eventId, a.eventId, 'third@example.com', 4_000, 'CHECK');
  // Logged yesterday (Pacific): outside today's totals.
  await storedPayment(
    api,
    '01YESTERDAY000000000000000',
    a.eventId,
    dayRange(addDays(today(), -1), addDays(today(), -1)).to,
    5_000,
    'CASH',
  );
  // Written straight to the table, as before the daily takings: the backfill counts it.
  await backfillTakings(DynamoDBDocumentClient.from(dynamoClient()), api.tableName, 'America/Los_Angeles');
}, 60_000);
afterAll(async () => {
  await api?.close();
  script?.remove();
});

describe('the reconciliation CSV and the bookkeeping script', () => {
  it('print the same file for the same days, with the sums worked out by hand', async () => {
    const day = today();
    const printed = await script.run('--totals', '--since', day);
    const dashboard = reconciliationCsv(
      await loadReconciliation(
        clientAs(api, () => api.tokens.accounting),
        day,
        day,
      ),
    );
    expect(printed.join('\r\n') + '\r\n').toBe(dashboard);

    const rows = readCsv(printed.join('\r\n') + '\r\n')
      .slice(1)
      .map((l) => Object.fromEntries(l.map((v, i) => [RECONCILIATION_CSV_COLUMNS[i], v])));
    const find = (section: string, key: Partial<Record<string, string>>) =>
      rows.filter((r) => r.section === section && Object.entries(key).every(([k, v]) => r[k] === v));
    expect(printed[0]).toBe('"section","day","event_id","method","takings","refunds","net","from","to"');
    // cash: 12.50 + 3.00 in, 2.00 back; the voided check and the moved one's original not counted
    expect(find('day', { day, method: 'CASH' })).toEqual([
      expect.objectContaining({ takings: '15.50', refunds: '2.00', net: '13.50' }),
    ]);
    expect(find('day', { day, method: 'CHECK' })).toEqual([
      expect.objectContaining({ takings: '40.00', refunds: '0.00' }),
    ]);
    expect(find('event', { event_id: a.eventId })).toEqual([
      expect.objectContaining({ takings: '151.50', refunds: '2.00', net: '149.50' }),
    ]);
    expect(find('event', { event_id: b.eventId })).toEqual([expect.objectContaining({ takings: '3.00', net: '3.00' })]);
    expect(find('total', {})).toEqual([
      {
        section: 'total',
        day: '',
        event_id: '',
        method: '',
        takings: '154.50',
        refunds: '2.00',
        net: '152.50',
        from: day,
        to: day,
      },
    ]);
  }, 60_000);

  it('agree over a range that takes in yesterday too', async () => {
    const from = addDays(today(), -1);
    const printed = await script.run('--totals', '--since', from, '--until', today());
    const dashboard = reconciliationCsv(
      await loadReconciliation(
        clientAs(api, () => api.tokens.accounting),
        from,
        today(),
      ),
    );
    expect(printed.join('\r\n') + '\r\n').toBe(dashboard);
    expect(printed.at(-1)).toBe(`"total","","","","204.50","2.00","202.50","${from}","${today()}"`);
  }, 60_000);
});
