import { a } from '@aws-amplify/backend';
import { allowed, table, tableSteps } from './builders';

/**
 * Reconciliation: totals are summed by the dashboard and the bookkeeping script from paymentsBetween
 * (src/lib/domain/reconciliation.ts); cash counts are kept here.
 */
export const reconciliationSchema = {
  // types
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
    .arguments({ day: a.date().required(), countedCents: a.integer().required(), notes: a.string(), expectedCents: a.integer() })
    .returns(a.ref('CashCount').required())
    .authorization(allowed('recordCashCount'))
    .handler(tableSteps('recordCashCount', ['cash', 'cashLate', 'write'])),
};
