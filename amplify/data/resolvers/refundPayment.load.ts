import { runtime, type Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, IDEMPOTENCY_SK, idempotencyPk, patronSk, paymentSk } from '../keys';
import { loadRequest, loadResponse, type Wanted } from './lib/load';
import type { RefundInput } from './lib/refund';

/**
 * refundPayment, step 2, only when the direct write was not made or was refused: read the event,
 * the roster entry, any earlier use of the idempotency key and the payment refunded (if named), in
 * one consistent read.
 */
export function request(ctx: Context) {
  if (ctx.stash.recorded) runtime.earlyReturn(ctx.stash.recorded);
  const input = ctx.stash.input as RefundInput;
  const wanted: Wanted[] = [
    { name: 'event', key: { PK: eventPk(input.eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(input.eventId), SK: patronSk(input.patronEmail) } },
    { name: 'idempotency', key: { PK: idempotencyPk(input.idempotencyKey), SK: IDEMPOTENCY_SK } },
  ];
  if (input.refundOf)
    wanted.push({ name: 'refunded', key: { PK: eventPk(input.eventId), SK: paymentSk(input.refundOf) } });
  return loadRequest(ctx, wanted);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
