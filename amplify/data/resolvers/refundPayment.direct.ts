import { runtime, type Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, patronSk, paymentSk } from '../keys';
import { checkAsRead } from './lib/payment';
import { checkRefundedAsRead, checkRefundInput } from './lib/refund';
import { refundTransaction } from './lib/refund-write';

/**
 * refundPayment, step 1: validate the input (bad input is refused before anything is read or
 * written), then, when the client says what it read (the patron's name, the event's start and, for
 * a refund of a named payment, that payment's refundedCents), write at once: one TransactWriteItems
 * conditioned on everything the refund is derived from, so the common case is one DynamoDB request.
 * A refusal here is no answer yet: the next steps read, then explain it (or write from what they
 * read), with the same messages as for a client that sent nothing extra.
 */
export function request(ctx: Context) {
  const input = checkRefundInput(ctx.args.input);
  ctx.stash.input = input;
  const asRead = checkAsRead(ctx.args.input);
  const refundedCents = checkRefundedAsRead(ctx.args.input);
  if (!asRead || (input.refundOf && refundedCents === null)) runtime.earlyReturn(null);
  const PK = eventPk(input.eventId);
  return refundTransaction(ctx, input, {
    event: { PK, SK: EVENT_SK, id: input.eventId, startsAt: asRead.eventStartsAt },
    entry: { PK, SK: patronSk(input.patronEmail), email: input.patronEmail, name: asRead.patronName },
    refunded: input.refundOf ? { PK, SK: paymentSk(input.refundOf), refundedCents } : null,
  });
}

export function response(ctx: Context) {
  if (ctx.error) return null;
  ctx.stash.recorded = ctx.stash.refund;
  return ctx.stash.refund;
}
