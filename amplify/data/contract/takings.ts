import { a } from '@aws-amplify/backend';

/**
 * Daily takings: the totals each payment, refund, void and move keeps in its own transaction, one
 * item per event and operator day (amplify/data/takings.ts), read by reconciliation instead of
 * every payment of a range.
 */
const ADMINS = 'ADMINS';
const ACCOUNTING = 'ACCOUNTING';
const TABLE_DATA_SOURCE = 'SccTableDataSource';

const cents = () => a.integer().required();

export const takingsSchema = {
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
   * The takings of the operator's days `from` to `to` (at most 366), per day and event, oldest day
   * first: a day × method total is the sum of its day's items, an event's the sum of its items.
   */
  takings: a
    .query()
    .arguments({ from: a.date().required(), to: a.date().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('TakingsPage').required())
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: '../resolvers/takings.ts' })),
};
