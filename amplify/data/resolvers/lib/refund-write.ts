import { util, type Context } from '@aws-appsync/utils';
import { paymentSk } from '../../keys';
import { accessConditionCheck, accessPending } from './access';
import { PAYMENT_RETENTION_SECONDS, type PaymentItem } from './model';
import { idempotencyPut, paymentPut } from './payment';
import { ENTRY, EVENT, IDEMPOTENCY, PAYMENT, type PaymentBasis } from './payment-write';
import { refundFingerprint, type RefundInput } from './refund';
import { stillBooked } from './sailing';
import { counted, takingsUpdates } from './takings';
import { actor, allOf, asRead, auditPut, enoughOf, table, updateItem } from './tx';

// The same order as a payment's transaction (the responses map cancellation reasons by position),
// the payment refunded after the audit record.
export { ENTRY, EVENT, IDEMPOTENCY } from './payment-write';
export const REFUND = PAYMENT;
export const REFUNDED = 5;

/** What a refund is derived from: a payment's basis and, when it names a payment, that payment's refundedCents. */
export interface RefundBasis extends PaymentBasis {
  refunded: { PK: string; SK: string; refundedCents?: number | null } | null;
}

/**
 * refundPayment's one TransactWriteItems. Money given back is a Payment item of kind REFUND in the
 * event's partition, the entry's and the event's paidCents lowered and their balance raised by
 * DynamoDB's own addition. Nothing is given back that was not paid: DynamoDB checks the stored
 * paidCents of the entry and the event (>= :a), so two refunds at once can never give back more than
 * was paid. A refund naming a payment requires it a RECORDED payment (no refund) of the same patron,
 * with its refundedCents as read and its amount covering them with this refund, so its refunds never
 * exceed it. The entry's name and the event's start are conditioned on the values the refund was
 * derived from. With no access check made before it (the direct write), the caller's access record
 * is checked in the same transaction. The refund's attributes are left in `ctx.stash.refund`.
 */
export function refundTransaction(ctx: Context, input: RefundInput, basis: RefundBasis) {
  const { event, entry, refunded } = basis;
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
  items[ENTRY] = updateItem(
    tableName,
    { PK: entry.PK, SK: entry.SK },
    { add: money },
    allOf([paid, asRead(entry, ['name']), stillBooked()]),
  );
  items[EVENT] = updateItem(
    tableName,
    { PK: event.PK, SK: event.SK },
    { add: money },
    allOf([paid, asRead(event, ['startsAt'])]),
  );
  items[IDEMPOTENCY] = idempotencyPut(tableName, input.idempotencyKey, refundFingerprint(input), attributes);
  items.push(auditPut(tableName, ctx, event.id, now, null, attributes));
  if (refunded) {
    // Set from the value read (a first refund has no refundedCents to add to), which the condition pins.
    const after = (refunded.refundedCents || 0) + input.amountCents;
    items[REFUNDED] = updateItem(
      tableName,
      { PK: refunded.PK, SK: refunded.SK },
      { set: { refundedCents: after } },
      {
        expression:
          '#c_st = :c_recorded AND (attribute_not_exists(#c_refunded) OR #c_refunded = :c_refunded)' +
          ' AND #c_amount >= :c_after AND #c_email = :c_email AND (attribute_not_exists(#c_kind) OR #c_kind <> :c_refund)',
        expressionNames: {
          '#c_st': 'status',
          '#c_refunded': 'refundedCents',
          '#c_amount': 'amountCents',
          '#c_email': 'patronEmail',
          '#c_kind': 'kind',
        },
        expressionValues: {
          ':c_recorded': 'RECORDED',
          ':c_refunded': refunded.refundedCents || 0,
          ':c_after': after,
          ':c_email': entry.email,
          ':c_refund': 'REFUND',
        },
      },
    );
  }
  items.push(...takingsUpdates(tableName, [counted(ctx, refund)]));
  // Refused here, the direct write is explained by the read that follows, which reads the record too.
  if (accessPending(ctx)) items.push(accessConditionCheck(tableName, ctx));
  return { operation: 'TransactWriteItems', transactItems: items };
}
