import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { patronSk } from '../keys';
import { conflict, dataSourceError } from './lib/errors';
import { SUPPRESSED, suppressedMessage } from './lib/outreach';

/** notifyPatron, step 2: the payer's roster entry, for the balance left on the receipt. */
export function request(ctx: Context) {
  const payment = ctx.stash.loaded.payment;
  return ddb.get({ key: { PK: payment.PK, SK: patronSk(payment.patronEmail) }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  // Nothing is sent to an address that bounced hard or complained (lib/outreach.ts).
  if (ctx.result && ctx.result.mailSuppressed === true)
    conflict(suppressedMessage(ctx.result.email), { reason: SUPPRESSED });
  ctx.stash.loaded.entry = ctx.result || null;
  return ctx.result || null;
}
