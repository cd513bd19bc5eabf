import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { paymentsByYearPk } from '../keys';
import { validationError } from './lib/errors';
import { pageLimit, pageResponse, startCursor, yearsBetween } from './lib/page';
import { METHODS } from './lib/payment';
import { utcInstant } from './lib/validate';

/**
 * paymentsBetween (ADMINS ACCOUNTING): all payments logged between two instants, newest first,
 * optionally of one method ("all cash taken today"); one GSI3 Query a page, walking the years
 * from the last to the first.
 */
export function request(ctx: Context) {
  const from = utcInstant(ctx.args.from, 'from');
  const to = utcInstant(ctx.args.to, 'to');
  if (from > to) validationError('from must not be after to.');
  const method = ctx.args.method;
  if (method !== undefined && method !== null && METHODS.indexOf(method) < 0)
    validationError('method must be one of ' + METHODS.join(', ') + '.');
  const limit = pageLimit(ctx.args.limit);
  const years = yearsBetween(from, to).reverse();
  const cursor = startCursor(
    ctx,
    'paymentsBetween|' + from + '|' + to + '|' + (method || ''),
    years,
    ctx.args.nextToken,
  );
  return ddb.query({
    index: 'GSI3',
    query: { GSI3PK: { eq: paymentsByYearPk(cursor.p) }, GSI3SK: { between: [from, to + '#\uffff'] } },
    filter: method ? { method: { eq: method } } : null,
    limit,
    nextToken: cursor.t,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  return pageResponse(ctx);
}
