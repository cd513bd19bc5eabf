import { util, type Context } from '@aws-appsync/utils';
import { EVENT_SK, patronSk } from '../keys';
import { conflict, dataSourceError, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { PAYMENT_ATTRIBUTES, type PaymentItem } from './lib/model';
import { actor, allOf, asRead, attributesOf, auditPut, plain, table, updateItem } from './lib/tx';

/**
 * voidPayment, step 2: the payment becomes VOIDED (who, when, why) and its amount goes back onto
 * the roster entry's and the event's balance (by DynamoDB's own addition), in one transaction. The
 * payment's write requires it RECORDED and otherwise exactly as read (the audit's "before"), against
 * a concurrent void or receipt.
 */
export function request(ctx: Context) {
  const before = loadedItem<PaymentItem>(ctx, 'payment');
  if (!before) notFound('No payment "' + ctx.args.paymentId + '" on event "' + ctx.args.eventId + '".');
  if (before.status === 'VOIDED') {
    conflict('This payment was already voided on ' + before.voidedAt + ' by ' + before.voidedBy + '.');
  }
  const now = util.time.nowISO8601();
  const set = { status: 'VOIDED', voidedAt: now, voidedBy: actor(ctx), voidReason: ctx.stash.reason };
  const after = plain({ ...before, ...set });
  ctx.stash.after = after;
  const tableName = table(ctx);
  const money = { paidCents: -before.amountCents, balanceCents: before.amountCents };
  const exists = { expression: 'attribute_exists(PK)' };
  const recorded = { expression: '#c_status = :c_recorded', expressionNames: { '#c_status': 'status' }, expressionValues: { ':c_recorded': 'RECORDED' } };
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      updateItem(tableName, { PK: before.PK, SK: before.SK }, { set }, allOf([recorded, asRead(before, attributesOf(before, PAYMENT_ATTRIBUTES))])),
      updateItem(tableName, { PK: before.PK, SK: patronSk(before.patronEmail) }, { add: money }, exists),
      updateItem(tableName, { PK: before.PK, SK: EVENT_SK }, { add: money }, exists),
      auditPut(tableName, ctx, before.eventId, now, before, after),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      { item: 0, message: 'Someone else changed this payment a moment ago (voided it, or sent its receipt): reload to see it, then try again.' },
      { message: 'The patron or event of this payment no longer exists.' },
    ]);
  }
  return ctx.stash.after;
}
