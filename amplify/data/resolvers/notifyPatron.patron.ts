import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { patronSk } from '../keys';
import { dataSourceError } from './lib/errors';

/** notifyPatron, step 2: the payer's roster entry, for the balance left on the receipt. */
export function request(ctx: Context) {
  const payment = ctx.stash.loaded.payment;
  return ddb.get({ key: { PK: payment.PK, SK: patronSk(payment.patronEmail) }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  ctx.stash.loaded.entry = ctx.result || null;
  return ctx.result || null;
}
