import { util, type Context } from '@aws-appsync/utils';
import { EVENT_SK, patronSk, paymentSk } from '../keys';
import { conflict, dataSourceError, dollars, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { PAYMENT_ATTRIBUTES, type PaymentItem } from './lib/model';
import { signedCents, stillBooked } from './lib/sailing';
import { changed, takingsUpdates } from './lib/takings';
import { actor, allOf, asRead, attributesOf, auditPut, enoughOf, plain, table, updateItem } from './lib/tx';

/**
 * voidPayment, step 2: the payment becomes VOIDED (who, when, why) and its amount goes back onto
 * the roster entry's and the event's balance (by DynamoDB's own addition), in one transaction. The
 * payment's write requires it RECORDED and otherwise exactly as read (the audit's "before"), against
 * a concurrent void or receipt.
 *
 * A refund voided is money that was not given back after all: it adds to what was paid again, so
 * the balances must still cover it (as a payment's would), and the payment it named is refundable by
 * that much again. A payment voided must not leave less paid than its refunds gave back: it is
 * refused while refunds name it, and the totals must hold its amount (paidCents >= :a).
 */
export function request(ctx: Context) {
  const before = loadedItem<PaymentItem>(ctx, 'payment');
  if (!before) notFound('No payment "' + ctx.args.paymentId + '" on event "' + ctx.args.eventId + '".');
  if (before.status === 'VOIDED') {
    conflict('This payment was already voided on ' + before.voidedAt + ' by ' + before.voidedBy + '.');
  }
  if (before.status === 'MOVED') {
    conflict('This payment moved with its patron to "' + before.movedTo + '": void it there.', {
      reason: 'PAYMENT_MOVED',
    });
  }
  const refund = before.kind === 'REFUND';
  if (!refund && (before.refundedCents || 0) > 0) {
    conflict(dollars(before.refundedCents || 0) + ' of this payment was refunded: void the refunds first.', {
      reason: 'REFUNDED',
    });
  }
  const now = util.time.nowISO8601();
  const set = { status: 'VOIDED', voidedAt: now, voidedBy: actor(ctx), voidReason: ctx.stash.reason };
  const after = plain({ ...before, ...set });
  ctx.stash.after = after;
  const tableName = table(ctx);
  const delta = signedCents(before);
  const money = { paidCents: -delta, balanceCents: delta };
  // What the totals must hold for the reversal: a refund's amount still due, a payment's still paid.
  const holds = refund ? enoughOf('balanceCents', before.amountCents) : enoughOf('paidCents', before.amountCents);
  const recorded = {
    expression: '#c_status = :c_recorded',
    expressionNames: { '#c_status': 'status' },
    expressionValues: { ':c_recorded': 'RECORDED' },
  };
  const transactItems: unknown[] = [
    updateItem(
      tableName,
      { PK: before.PK, SK: before.SK },
      { set },
      allOf([recorded, asRead(before, attributesOf(before, PAYMENT_ATTRIBUTES))]),
    ),
    updateItem(
      tableName,
      { PK: before.PK, SK: patronSk(before.patronEmail) },
      { add: money },
      allOf([holds, stillBooked()]),
    ),
    updateItem(tableName, { PK: before.PK, SK: EVENT_SK }, { add: money }, holds),
    auditPut(tableName, ctx, before.eventId, now, before, after),
  ];
  if (refund && before.refundOf) {
    transactItems.push(
      updateItem(
        tableName,
        { PK: before.PK, SK: paymentSk(before.refundOf) },
        { add: { refundedCents: -before.amountCents } },
        enoughOf('refundedCents', before.amountCents),
      ),
    );
  }
  transactItems.push(...takingsUpdates(tableName, changed(ctx, before, { ...before, status: 'VOIDED' })));
  return { operation: 'TransactWriteItems', transactItems };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: 0,
        message:
          'Someone else changed this payment a moment ago (voided it, or sent its receipt): reload to see it, then try again.',
      },
      {
        item: 1,
        message:
          "The patron's totals no longer hold this amount (a payment, refund or move landed meanwhile), or they were rebooked: reload, then try again.",
      },
      { message: 'The event or the refunded payment no longer holds this amount: reload, then try again.' },
    ]);
  }
  return ctx.stash.after;
}
