import { util, type Context } from '@aws-appsync/utils';
import { paymentSk } from '../../keys';
import { accessConditionCheck, accessPending } from './access';
import { PAYMENT_RETENTION_SECONDS, type PaymentItem } from './model';
import { fingerprint, idempotencyPut, paymentPut, type PaymentInput } from './payment';
import { notCancelled, stillBooked } from './sailing';
import { counted, takingsUpdates } from './takings';
import { actor, allOf, asRead, auditPut, table, updateItem } from './tx';

// Order of the transaction's items: the responses map cancellation reasons by these positions.
export const PAYMENT = 0;
export const ENTRY = 1;
export const EVENT = 2;
export const IDEMPOTENCY = 3;

/** What a payment is derived from: the event's start (its retention) and the patron as booked (name, email). */
export interface PaymentBasis {
  event: { PK: string; SK: string; id: string; startsAt: string };
  entry: { PK: string; SK: string; email: string; name: string };
}

/**
 * logPayment's one TransactWriteItems: the payment, the roster entry's and the event's totals, the
 * idempotency record and the audit record. The totals' conditions (balanceCents >= :a) keep
 * concurrent payments from pushing a balance below zero; the entry's name and email and the event's
 * start are conditioned on the values the payment was derived from, so a stale one is refused,
 * never written. With no access check made before it (the direct write), the caller's access record
 * is checked in the same transaction. The payment's attributes are left in `ctx.stash.payment`.
 */
export function paymentTransaction(ctx: Context, input: PaymentInput, basis: PaymentBasis) {
  const { event, entry } = basis;
  const id = util.autoUlid();
  const now = util.time.nowISO8601();
  const eventEpoch = Math.floor(util.time.parseISO8601ToEpochMilliSeconds(event.startsAt) / 1000);
  const payment: PaymentItem = {
    PK: event.PK,
    SK: paymentSk(id),
    id,
    eventId: event.id,
    patronEmail: entry.email,
    patronName: entry.name,
    amountCents: input.amountCents,
    currency: 'USD',
    method: input.method,
    notes: input.notes,
    receivedAt: input.receivedAt || now,
    loggedAt: now,
    // Who logged it comes from the token, never from the input.
    loggedBy: actor(ctx),
    status: 'RECORDED',
    idempotencyKey: input.idempotencyKey,
    expiresAt: eventEpoch + PAYMENT_RETENTION_SECONDS,
  };
  const { PK, SK, ...attributes } = payment;
  ctx.stash.payment = attributes;
  const tableName = table(ctx);
  const money = { paidCents: input.amountCents, balanceCents: -input.amountCents };
  const covered = {
    expression: 'attribute_exists(PK) AND #c_balance >= :c_amount',
    expressionNames: { '#c_balance': 'balanceCents' },
    expressionValues: { ':c_amount': input.amountCents },
  };
  const items = [];
  items[PAYMENT] = paymentPut(tableName, { PK, SK }, attributes);
  // The payment carries the patron's name and email as read: a rename landing meanwhile cancels it.
  items[ENTRY] = updateItem(
    tableName,
    { PK: entry.PK, SK: entry.SK },
    { add: money },
    allOf([covered, asRead(entry, ['name', 'email']), stillBooked()]),
  );
  // The payment's expiresAt comes from the event's startsAt as read: if the event moved since,
  // refuse, so the retention Lambda that followed the move (updateEvent) has seen every payment.
  items[EVENT] = updateItem(
    tableName,
    { PK: event.PK, SK: event.SK },
    { add: money },
    allOf([
      {
        expression: covered.expression + ' AND #c_start = :c_start',
        expressionNames: { ...covered.expressionNames, '#c_start': 'startsAt' },
        expressionValues: { ...covered.expressionValues, ':c_start': event.startsAt },
      },
      notCancelled(),
    ]),
  );
  items[IDEMPOTENCY] = idempotencyPut(tableName, input.idempotencyKey, fingerprint(input), attributes);
  items.push(auditPut(tableName, ctx, event.id, now, null, attributes));
  items.push(...takingsUpdates(tableName, [counted(ctx, payment)]));
  // Refused here, the write is explained by the read that follows, which reads the record too.
  if (accessPending(ctx)) items.push(accessConditionCheck(tableName, ctx));
  return { operation: 'TransactWriteItems', transactItems: items };
}
