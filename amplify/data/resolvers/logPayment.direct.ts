import { runtime, type Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, patronSk } from '../keys';
import { checkAsRead, checkPaymentInput } from './lib/payment';
import { paymentTransaction } from './lib/payment-write';

/**
 * logPayment, step 1: validate the input (bad input is refused before anything is read or written),
 * then, when the client says what it read (the patron's name, the event's start), write at once:
 * one TransactWriteItems conditioned on everything the payment is derived from, so the common case
 * is one DynamoDB request. A refusal here is no answer yet: the next steps read, then explain it
 * (or write from what they read), with the same messages as a client that sent nothing extra.
 */
export function request(ctx: Context) {
  const input = checkPaymentInput(ctx.args.input);
  ctx.stash.input = input;
  const asRead = checkAsRead(ctx.args.input);
  if (!asRead) runtime.earlyReturn(null);
  return paymentTransaction(ctx, input, {
    event: { PK: eventPk(input.eventId), SK: EVENT_SK, id: input.eventId, startsAt: asRead.eventStartsAt },
    entry: {
      PK: eventPk(input.eventId),
      SK: patronSk(input.patronEmail),
      email: input.patronEmail,
      name: asRead.patronName,
    },
  });
}

export function response(ctx: Context) {
  if (ctx.error) return null;
  ctx.stash.recorded = ctx.stash.payment;
  return ctx.stash.payment;
}
