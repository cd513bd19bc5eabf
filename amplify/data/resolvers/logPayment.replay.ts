import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { IDEMPOTENCY_SK, idempotencyPk } from '../keys';
import { conflict, dataSourceError } from './lib/errors';
import { replayOrConflict, type PaymentInput } from './lib/payment';

/**
 * logPayment, step 4: only when the write collided with another transaction (above all a
 * concurrent request with the same idempotency key that won the race), read what was recorded
 * under the key and answer as a retry would: the original payment, a Conflict for different
 * content, or a retryable Conflict when nothing was recorded.
 */
export function request(ctx: Context) {
  if (!ctx.stash.raced) runtime.earlyReturn(ctx.prev.result);
  const input = ctx.stash.input as PaymentInput;
  return ddb.get({ key: { PK: idempotencyPk(input.idempotencyKey), SK: IDEMPOTENCY_SK }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  if (!ctx.result)
    conflict('Another change to this patron was being saved at the same moment: try again.', { retryable: true });
  return replayOrConflict(ctx.result, ctx.stash.input as PaymentInput);
}
