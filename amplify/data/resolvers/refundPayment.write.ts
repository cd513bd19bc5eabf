import { runtime, type Context } from '@aws-appsync/utils';
import { conflict, dataSourceError, dollars, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import type { EventItem, PaymentItem, RosterItem } from './lib/model';
import { replayRefund, type RefundInput } from './lib/refund';
import { ENTRY, EVENT, IDEMPOTENCY, REFUNDED, refundTransaction } from './lib/refund-write';
import { refuseIfMoved } from './lib/sailing';

/**
 * refundPayment, step 3, only when the direct write was not made or was refused: with the event,
 * the roster entry, the key's record and the payment refunded as read, a retry is answered with
 * what was recorded, a refusal is explained, and otherwise the refund is written from what was read
 * (lib/refund-write.ts says what holds it).
 */
export function request(ctx: Context) {
  if (ctx.stash.recorded) runtime.earlyReturn(ctx.stash.recorded);
  const input = ctx.stash.input as RefundInput;
  const previous = loadedItem<{ fingerprint: string; payment: Record<string, unknown> }>(ctx, 'idempotency');
  if (previous) runtime.earlyReturn(replayRefund(previous, input));
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + input.eventId + '".');
  const entry = loadedItem<RosterItem>(ctx, 'entry');
  if (!entry) notFound('No patron ' + input.patronEmail + ' on the roster of this event.');
  refuseIfMoved(entry);
  if (input.amountCents > entry.paidCents) {
    conflict(
      'A refund of ' +
        dollars(input.amountCents) +
        ' is more than ' +
        entry.email +
        ' has paid (' +
        dollars(entry.paidCents) +
        ').',
      {
        reason: 'OVER_PAID',
        paidCents: entry.paidCents,
      },
    );
  }
  const refunded = loadedItem<PaymentItem>(ctx, 'refunded');
  if (input.refundOf) {
    if (!refunded) notFound('No payment "' + input.refundOf + '" on this event.');
    const p = refunded as PaymentItem;
    if (p.kind === 'REFUND' || p.patronEmail !== entry.email)
      conflict('Payment "' + p.id + '" is not a payment of ' + entry.email + '.');
    if (p.status !== 'RECORDED')
      conflict('Payment "' + p.id + '" is ' + p.status + ': only a recorded payment is refunded.');
    const left = p.amountCents - (p.refundedCents || 0);
    if (input.amountCents > left) {
      conflict('Only ' + dollars(left) + ' of that ' + dollars(p.amountCents) + ' payment is left to refund.', {
        reason: 'OVER_PAYMENT',
        refundableCents: left,
      });
    }
  }
  return refundTransaction(ctx, input, { event, entry, refunded });
}

export function response(ctx: Context) {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        item: IDEMPOTENCY,
        message: 'A refund with this idempotency key was being saved at the same moment: try again to see it.',
        info: { retryable: true },
      },
      {
        item: ENTRY,
        message:
          "This patron's payments changed a moment ago (another refund, a payment, a void or a move): reload to see what was paid, then try again.",
      },
      { item: EVENT, message: 'The event was changed while this refund was being saved: reload, then try again.' },
      {
        item: REFUNDED,
        message: 'That payment was refunded, voided or moved a moment ago: reload to see what is left to refund.',
      },
    ]);
  }
  return ctx.stash.refund;
}
