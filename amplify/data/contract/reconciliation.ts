import { a } from '@aws-amplify/backend';
import { allowed, table, tableSteps } from './builders';

/**
 * Reconciliation: the daily takings each payment, refund, void and move keeps in its own
 * transaction, one item per event and operator day (amplify/data/takings.ts, docs/takings.md), read
 * instead of every payment of a range; and the cash counts.
 */
const cents = () => a.integer().required();

export const reconciliationSchema = {
  // types

  /** cents per payment method */
  MethodCents: a.customType({ CASH: cents(), CARD: cents(), CHECK: cents(), ACH: cents(), OTHER: cents() }),
  /** one event's takings on one of the operator's days (the day each payment was logged) */
  Takings: a.customType({
    day: a.date().required(),
    eventId: a.id().required(),
    /** RECORDED payments, and RECORDED refunds (positive), per method */
    takings: a.ref('MethodCents').required(),
    refunds: a.ref('MethodCents').required(),
    takingsCents: cents(),
    refundsCents: cents(),
    /** takings − refunds */
    netCents: cents(),
    /** RECORDED payments and refunds counted; items voided; items moved to another sailing (their copy counts there) */
    counted: cents(),
    voided: cents(),
    moved: cents(),
    /** counted items received on an earlier day than they were logged */
    lateEntries: cents(),
  }),
  TakingsPage: a.customType({
    items: a.ref('Takings').required().array().required(),
    nextToken: a.string(),
  }),
  /**
   * A person's count of a day's cash: each count (recounts too) its own item, never changed or
   * deleted, and audited.
   */
  CashCount: a.customType({
    id: a.id().required(),
    /** the operator's day counted */
    day: a.date().required(),
    countedCents: a.integer().required(),
    /** the day's recorded cash as the server summed it when counting, and counted − expected (absent on counts before they were kept) */
    expectedCents: a.integer(),
    differenceCents: a.integer(),
    notes: a.string(),
    countedBy: a.string().required(),
    countedAt: a.datetime().required(),
  }),
  CashCountPage: a.customType({
    items: a.ref('CashCount').required().array().required(),
    nextToken: a.string(),
  }),
  // queries
  /**
   * The takings of the operator's days `from` to `to` (at most 366), per day and event, oldest day
   * first: a day × method total is the sum of its day's items, an event's the sum of its items.
   */
  takings: a
    .query()
    .arguments({ from: a.date().required(), to: a.date().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('TakingsPage').required())
    .authorization(allowed('takings'))
    .handler(table('takings')),
  /** the counts of the days from `from` to `to`, oldest day first, each day's counts in the order made */
  cashCounts: a
    .query()
    .arguments({ from: a.date().required(), to: a.date().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('CashCountPage').required())
    .authorization(allowed('cashCounts'))
    .handler(table('cashCounts')),
  // mutations
  recordCashCount: a
    .mutation()
    // expectedCents is the server's sum of the day's cash; one sent must equal it (kept for older clients)
    .arguments({
      day: a.date().required(),
      countedCents: a.integer().required(),
      notes: a.string(),
      expectedCents: a.integer(),
    })
    .returns(a.ref('CashCount').required())
    .authorization(allowed('recordCashCount'))
    .handler(tableSteps('recordCashCount', ['cash', 'cashLate', 'write'])),
};
