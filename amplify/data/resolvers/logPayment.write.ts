import { runtime, type Context } from '@aws-appsync/utils';
import { conflict, dataSourceError, dollars, failedConditions, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import type { EventItem, RosterItem } from './lib/model';
import { replayOrConflict, type PaymentInput } from './lib/payment';
import { ENTRY, EVENT, IDEMPOTENCY, paymentTransaction } from './lib/payment-write';
import { refuseIfCancelled, refuseIfMoved } from './lib/sailing';

/**
 * logPayment, step 3, only when the direct write was not made or was refused: with the event, the
 * roster entry and the idempotency key's record as read, a retry is answered with what was recorded,
 * a refusal is explained, and otherwise the payment is written from what was read.
 */
export function request(ctx: Context) {
  if (ctx.stash.recorded) runtime.earlyReturn(ctx.stash.recorded);
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
  return paymentTransaction(ctx, input, { event, entry });
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
        message:
          'Someone else changed this patron a moment ago (another payment, or an edit), so this payment was not recorded: reload to see the balance, then try again.',
      },
      // The entry's balance covered it, so the event's did too (it is the entries' sum): the event
      // was moved or removed while this payment was being logged.
      {
        item: EVENT,
        message: 'The event was changed while this payment was being logged: try again.',
        info: { retryable: true },
      },
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
  return (
    !!ctx.error &&
    ctx.error.type === 'DynamoDB:TransactionCanceledException' &&
    failed.indexOf(ENTRY) < 0 &&
    failed.indexOf(EVENT) < 0
  );
}
