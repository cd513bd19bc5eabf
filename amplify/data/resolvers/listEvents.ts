import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { pageLimit, pageResponse, startCursor, yearsBetween } from './lib/page';
import { eventsByYearPk } from '../keys';
import { validationError } from './lib/errors';
import { requireDay } from './lib/validate';
import { dayBounds, operatorZone } from './lib/zone';

/**
 * listEvents (ADMINS CREW): events starting between two dates, soonest first, one GSI2 Query a page.
 * The dates are whole days in the operator's zone; GSI2 sorts by the UTC start, so the range is the
 * first to the last millisecond of those days in UTC (and the years are those of the UTC instants).
 */
export function request(ctx: Context) {
  // The day of each AWSDate (an offset after it says nothing more), held to the bounds the other
  // day-range lists keep, so a year the time functions cannot serve is a ValidationError naming them.
  const from = requireDay(String(ctx.args.from || '').slice(0, 10), 'from');
  const to = requireDay(String(ctx.args.to || '').slice(0, 10), 'to');
  if (from > to) validationError('from must not be after to.');
  yearsBetween(from, to);
  const limit = pageLimit(ctx.args.limit);
  const { first, last } = dayBounds(from, to, operatorZone(ctx));
  const cursor = startCursor(ctx, 'listEvents|' + from + '|' + to, yearsBetween(first, last), ctx.args.nextToken);
  return ddb.query({
    index: 'GSI2',
    query: { GSI2PK: { eq: eventsByYearPk(cursor.p) }, GSI2SK: { between: [first, last + '#\uffff'] } },
    limit,
    nextToken: cursor.t,
    scanIndexForward: true,
  });
}

export function response(ctx: Context) {
  return pageResponse(ctx);
}
