import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { cashCountPk } from '../keys';
import { validationError } from './lib/errors';
import { pageLimit, pageResponse, startCursor, yearsBetween } from './lib/page';
import { requireDay } from './lib/validate';

/**
 * cashCounts (ADMINS ACCOUNTING): every cash count of the days from `from` to `to`, oldest day
 * first and each day's counts in the order they were made (so the last of a day is its count);
 * one Query a page, walking the years from the first to the last.
 */
export function request(ctx: Context) {
  const from = requireDay(ctx.args.from, 'from');
  const to = requireDay(ctx.args.to, 'to');
  if (from > to) validationError('from must not be after to.');
  const limit = pageLimit(ctx.args.limit);
  const years = yearsBetween(from, to);
  const cursor = startCursor(ctx, 'cashCounts|' + from + '|' + to, years, ctx.args.nextToken);
  return ddb.query({
    query: { PK: { eq: cashCountPk(cursor.p) }, SK: { between: [from, to + '#\uffff'] } },
    limit,
    nextToken: cursor.t,
    scanIndexForward: true,
  });
}

export function response(ctx: Context) {
  return pageResponse(ctx);
}
