import { runtime, util, type Context } from '@aws-appsync/utils';
import { paymentSk } from '../keys';
import { conflict, dataSourceError, dollars, failedConditions, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { PAYMENT_RETENTION_SECONDS, type EventItem, type PaymentItem, type RosterItem } from './lib/model';
import { fingerprint, idempotencyPut, paymentPut, replayOrConflict, type PaymentInput } from './lib/payment';
import { notCancelled, refuseIfCancelled, refuseIfMoved, stillBooked } from './lib/sailing';
import { actor, allOf, asRead, auditPut, table, updateItem } from './lib/tx';

// Order of the transaction's items: the response maps cancellation reasons by these positions.
const PAYMENT = 0;
const ENTRY = 1;
const EVENT = 2;
const IDEMPOTENCY = 3;

/**
 * logPayment, step 2: one TransactWriteItems of the payment, the roster entry's and the event's
 * totals, the idempotency record and the audit record. The totals' conditions (balanceCents >= :a)
 * are what keep concurrent payments from pushing a balance below zero.
 */
export function request(ctx: Context) {
  const input = ctx.stash.input as PaymentInput;
  const previous = loadedItem<{ fingerprint: string; payment: Record<string, unknown> }>(ctx, 'idempotency');
  if (previous) runtime.earlyReturn(replayOrConflict(previous, input));
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + input.eventId + '".');
  const entry = loadedItem<RosterItem>(ctx, 'entry');
  if (!entry) notFound('No patron ' + input.patronEmail + ' on the roster of this event: add them first.');
  refuseIfCancelled(event, 'it takes no new payment');
  refuseIfMoved(entry);
  if (input.amountCents > entry.balanceCents) {
    conflict(
      entry.balanceCents > 0
        ? 'Amount exceeds the balance due of ' + dollars(entry.balanceCents) + '.'
        : 'Nothing is due from ' + entry.email + ': the balance is ' + dollars(entry.balanceCents) + '.',
    );
  }
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
  // The payment carries the patron's name as read: a rename landing meanwhile cancels it.
  items[ENTRY] = updateItem(tableName, { PK: entry.PK, SK: entry.SK }, { add: money }, allOf([covered, asRead(entry, ['name']), stillBooked()]));
  // The payment's expiresAt comes from the event's startsAt as read: if the event moved since,
  // refuse, so the retention Lambda that followed the move (updateEvent) has seen every payment.
  items[EVENT] = updateItem(tableName, { PK: event.PK, SK: event.SK }, { add: money }, allOf([{
    expression: covered.expression + ' AND #c_start = :c_start',
    expressionNames: { ...covered.expressionNames, '#c_start': 'startsAt' },
    expressionValues: { ...covered.expressionValues, ':c_start': event.startsAt },
  }, notCancelled()]));
  items[IDEMPOTENCY] = idempotencyPut(tableName, input.idempotencyKey, fingerprint(input), attributes);
  items.push(auditPut(tableName, ctx, event.id, now, null, attributes));
  return { operation: 'TransactWriteItems', transactItems: items };
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (raced(ctx)) {
      ctx.stash.raced = true;
      return null;
    }
    dataSourceError(ctx, [
      {
        item: ENTRY,
        message: 'Someone else changed this patron a moment ago (another payment, or an edit), so this payment was not recorded: reload to see the balance, then try again.',
      },
      // The entry's balance covered it, so the event's did too (it is the entries' sum): the event
      // was moved or removed while this payment was being logged.
      { item: EVENT, message: 'The event was changed while this payment was being logged: try again.', info: { retryable: true } },
    ]);
  }
  return ctx.stash.payment;
}

/**
 * The write lost a race the next step settles by reading the key's record: the same key won it,
 * or it collided with a transaction in flight (TransactionConflict) that may have been this same
 * payment, whose record then answers the retry. A failed balance or event condition is no race.
 */
function raced(ctx: Context): boolean {
  const failed = failedConditions(ctx);
  if (failed.indexOf(IDEMPOTENCY) >= 0) return true;
  return !!ctx.error && ctx.error.type === 'DynamoDB:TransactionCanceledException' && failed.indexOf(ENTRY) < 0 && failed.indexOf(EVENT) < 0;
}
