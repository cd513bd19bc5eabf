import { util, type Context } from '@aws-appsync/utils';
import { patronSk } from '../keys';
import { conflict, failedConditions, notFound, passThroughError } from './lib/errors';
import { loadedItem } from './lib/load';
import type { EventItem, PaymentItem } from './lib/model';
import { actor, auditPut, plain, table, updateItem } from './lib/tx';

/**
 * voidPayment, step 2: the payment becomes VOIDED (who, when, why) and its amount goes back onto
 * the roster entry's and the event's balance, in one transaction; only a RECORDED payment can be
 * voided, which the condition holds against a concurrent void.
 */
export function request(ctx: Context) {
  const payment = loadedItem<PaymentItem>(ctx, 'payment');
  if (!payment) notFound('No payment "' + ctx.args.paymentId + '" on event "' + ctx.args.eventId + '".');
  const before = payment as PaymentItem;
  if (before.status === 'VOIDED') {
    conflict('This payment was already voided on ' + before.voidedAt + ' by ' + before.voidedBy + '.');
  }
  const event = loadedItem<EventItem>(ctx, 'event') as EventItem;
  const now = util.time.nowISO8601();
  const set = { status: 'VOIDED', voidedAt: now, voidedBy: actor(ctx), voidReason: ctx.stash.reason };
  const after = plain({ ...before, ...set });
  ctx.stash.after = after;
  const tableName = table(ctx);
  const money = { paidCents: -before.amountCents, balanceCents: before.amountCents };
  const exists = { expression: 'attribute_exists(PK)' };
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      updateItem(
        tableName,
        { PK: before.PK, SK: before.SK },
        { set },
        { expression: '#c_status = :c_recorded', expressionNames: { '#c_status': 'status' }, expressionValues: { ':c_recorded': 'RECORDED' } },
      ),
      updateItem(tableName, { PK: before.PK, SK: patronSk(before.patronEmail) }, { add: money }, exists),
      updateItem(tableName, { PK: event.PK, SK: event.SK }, { add: money }, exists),
      auditPut(tableName, ctx, before.eventId, now, before, after),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const failed = failedConditions(ctx);
    if (failed.indexOf(0) >= 0) conflict('This payment was voided by someone else a moment ago.');
    if (failed.length > 0) conflict('The patron or event of this payment no longer exists.');
    passThroughError(ctx);
  }
  return ctx.stash.after;
}
