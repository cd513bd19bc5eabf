import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, IDEMPOTENCY_SK, idempotencyPk, patronSk } from '../keys';
import { loadRequest, loadResponse } from './lib/load';
import { checkPaymentInput } from './lib/payment';

/**
 * logPayment, step 1: validate the input (bad input is refused before any read), then read the
 * event, the roster entry and any earlier use of the idempotency key, in one consistent read.
 */
export function request(ctx: Context) {
  const input = checkPaymentInput(ctx.args.input);
  ctx.stash.input = input;
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(input.eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(input.eventId), SK: patronSk(input.patronEmail) } },
    { name: 'idempotency', key: { PK: idempotencyPk(input.idempotencyKey), SK: IDEMPOTENCY_SK } },
  ]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
