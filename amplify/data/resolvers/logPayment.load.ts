import { runtime, type Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, IDEMPOTENCY_SK, idempotencyPk, patronSk } from '../keys';
import { loadRequest, loadResponse } from './lib/load';
import type { PaymentInput } from './lib/payment';

/**
 * logPayment, step 2, only when the direct write was not made or was refused: read the event, the
 * roster entry and any earlier use of the idempotency key, in one consistent read.
 */
export function request(ctx: Context) {
  if (ctx.stash.recorded) runtime.earlyReturn(ctx.stash.recorded);
  const input = ctx.stash.input as PaymentInput;
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(input.eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(input.eventId), SK: patronSk(input.patronEmail) } },
    { name: 'idempotency', key: { PK: idempotencyPk(input.idempotencyKey), SK: IDEMPOTENCY_SK } },
  ]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
