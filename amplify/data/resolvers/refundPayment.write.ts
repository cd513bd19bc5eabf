import { runtime, util, type Context } from '@aws-appsync/utils';
import { paymentSk } from '../keys';
import { conflict, dataSourceError, dollars, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { PAYMENT_RETENTION_SECONDS, type EventItem, type PaymentItem, type RosterItem } from './lib/model';
import { idempotencyPut, paymentPut } from './lib/payment';
import { refundFingerprint, replayRefund, type RefundInput } from './lib/refund';
import { refuseIfMoved, stillBooked } from './lib/sailing';
import { counted, takingsUpdates } from './lib/takings';
import { actor, allOf, asRead, auditPut, enoughOf, table, updateItem } from './lib/tx';

// Order of the transaction's items: the response maps cancellation reasons by these positions.
const REFUND = 0;
const ENTRY = 1;
const EVENT = 2;
const IDEMPOTENCY = 3;
const REFUNDED = 5;

/**
 * refundPayment, step 2: money given back is a Payment item of kind REFUND in the
 * event's partition, with one TransactWriteItems lowering the entry's and the event's paidCents and
 * raising their balance by DynamoDB's own addition. Nothing is given back that was not paid:
 * DynamoDB checks the stored paidCents of the entry and the event (>= :a), so two refunds at once
 * can never give back more than was paid; a refund naming a payment (refundOf) also requires that
 * payment RECORDED and its refundedCents as read, so its refunds never exceed its amount.
 */
export function request(ctx: Context) {
  const input = ctx.stash.input as RefundInput;
  const previous = loadedItem<{ fingerprint: string; payment: Record<string, unknown> }>(ctx, 'idempotency');
  if (previous) runtime.earlyReturn(replayRefund(previous, input));
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + input.eventId + '".');
  const entry = loadedItem<RosterItem>(ctx, 'entry');
  if (!entry) notFound('No patron ' + input.patronEmail + ' on the roster of this event.');
  refuseIfMoved(entry);
  if (input.amountCents > entry.paidCents) {
    conflict('A refund of ' + dollars(input.amountCents) + ' is more than ' + entry.email + ' has paid (' + dollars(entry.paidCents) + ').', {
      reason: 'OVER_PAID', paidCents: entry.paidCents,
    });
  }
  const refunded = loadedItem<PaymentItem>(ctx, 'refunded');
  if (input.refundOf) {
    if (!refunded) notFound('No payment "' + input.refundOf + '" on this event.');
    const p = refunded as PaymentItem;
    if (p.kind === 'REFUND' || p.patronEmail !== entry.email) conflict('Payment "' + p.id + '" is not a payment of ' + entry.email + '.');
    if (p.status !== 'RECORDED') conflict('Payment "' + p.id + '" is ' + p.status + ': only a recorded payment is refunded.');
    const left = p.amountCents - (p.refundedCents || 0);
    if (input.amountCents > left) {
      conflict('Only ' + dollars(left) + ' of that ' + dollars(p.amountCents) + ' payment is left to refund.', { reason: 'OVER_PAYMENT', refundableCents: left });
    }
  }
  const id = util.autoUlid();
  const now = util.time.nowISO8601();
  const eventEpoch = Math.floor(util.time.parseISO8601ToEpochMilliSeconds(event.startsAt) / 1000);
  const refund: PaymentItem = {
    PK: event.PK,
    SK: paymentSk(id),
    id,
    kind: 'REFUND',
    eventId: event.id,
    patronEmail: entry.email,
    patronName: entry.name,
    amountCents: input.amountCents,
    currency: 'USD',
    method: input.method,
    reason: input.reason,
    refundOf: input.refundOf,
    notes: input.notes,
    receivedAt: input.receivedAt || now,
    loggedAt: now,
    loggedBy: actor(ctx),
    status: 'RECORDED',
    idempotencyKey: input.idempotencyKey,
    expiresAt: eventEpoch + PAYMENT_RETENTION_SECONDS,
  };
  const { PK, SK, ...attributes } = refund;
  ctx.stash.refund = attributes;
  const tableName = table(ctx);
  const money = { paidCents: -input.amountCents, balanceCents: input.amountCents };
  const paid = enoughOf('paidCents', input.amountCents);
  const items = [];
  items[REFUND] = paymentPut(tableName, { PK, SK }, attributes);
  items[ENTRY] = updateItem(tableName, { PK: entry.PK, SK: entry.SK }, { add: money }, allOf([paid, asRead(entry, ['name']), stillBooked()]));
  items[EVENT] = updateItem(tableName, { PK: event.PK, SK: event.SK }, { add: money }, allOf([paid, asRead(event, ['startsAt'])]));
  items[IDEMPOTENCY] = idempotencyPut(tableName, input.idempotencyKey, refundFingerprint(input), attributes);
  items.push(auditPut(tableName, ctx, event.id, now, null, attributes));
  if (refunded) {
    // Set from the value read (a first refund has no refundedCents to add to), which the condition pins.
    items[REFUNDED] = updateItem(tableName, { PK: refunded.PK, SK: refunded.SK }, { set: { refundedCents: (refunded.refundedCents || 0) + input.amountCents } }, {
      expression: '#c_st = :c_recorded AND (attribute_not_exists(#c_refunded) OR #c_refunded = :c_refunded)',
      expressionNames: { '#c_st': 'status', '#c_refunded': 'refundedCents' },
      expressionValues: { ':c_recorded': 'RECORDED', ':c_refunded': refunded.refundedCents || 0 },
    });
  }
  items.push(...takingsUpdates(tableName, [counted(ctx, refund)]));
  return { operation: 'TransactWriteItems', transactItems: items };
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      { item: IDEMPOTENCY, message: 'A refund with this idempotency key was being saved at the same moment: try again to see it.', info: { retryable: true } },
      { item: ENTRY, message: "This patron's payments changed a moment ago (another refund, a payment, a void or a move): reload to see what was paid, then try again." },
      { item: EVENT, message: 'The event was changed while this refund was being saved: reload, then try again.' },
      { item: REFUNDED, message: 'That payment was refunded, voided or moved a moment ago: reload to see what is left to refund.' },
    ]);
  }
  return ctx.stash.refund;
}
