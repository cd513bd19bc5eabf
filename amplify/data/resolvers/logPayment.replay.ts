import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { idempotencyPk } from '../keys';
import { passThroughError } from './lib/errors';
import { replayOrConflict, type PaymentInput } from './lib/payment';

/**
 * logPayment, step 3: only when a concurrent request with the same idempotency key won the write
 * race, read what it recorded and answer as a retry would (the original payment, or Conflict).
 */
export function request(ctx: Context) {
  if (!ctx.stash.raced) runtime.earlyReturn(ctx.prev.result);
  const input = ctx.stash.input as PaymentInput;
  return ddb.get({ key: { PK: idempotencyPk(input.idempotencyKey), SK: 'IDEMPOTENCY' }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) passThroughError(ctx);
  return replayOrConflict(ctx.result, ctx.stash.input as PaymentInput);
}
