import { runtime, util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { idempotencyPk } from '../keys';
import { passThroughError } from './lib/errors';
import { replayOrConflict, type PaymentInput } from './lib/payment';

/**
 * logPayment, step 3: only when the write collided with another transaction (above all a
 * concurrent request with the same idempotency key that won the race), read what was recorded
 * under the key and answer as a retry would: the original payment, a Conflict for different
 * content, or a retryable Conflict when nothing was recorded.
 */
export function request(ctx: Context) {
  if (!ctx.stash.raced) runtime.earlyReturn(ctx.prev.result);
  const input = ctx.stash.input as PaymentInput;
  return ddb.get({ key: { PK: idempotencyPk(input.idempotencyKey), SK: 'IDEMPOTENCY' }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) passThroughError(ctx);
  if (!ctx.result) {
    util.error('Another change to this patron was being saved at the same moment: try again.', 'Conflict', null, { retryable: true });
  }
  return replayOrConflict(ctx.result, ctx.stash.input as PaymentInput);
}
