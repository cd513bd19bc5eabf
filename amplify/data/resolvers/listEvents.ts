import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { pageLimit, pageResponse, startCursor, yearsBetween } from './lib/page';
import { eventsByYearPk } from '../keys';
import { validationError } from './lib/errors';

/** listEvents (ADMINS CREW): events starting between two dates, soonest first, one GSI2 Query a page. */
export function request(ctx: Context) {
  const { from, to } = ctx.args;
  if (from > to) validationError('from must not be after to.');
  const limit = pageLimit(ctx.args.limit);
  const cursor = startCursor(ctx, 'listEvents|' + from + '|' + to, yearsBetween(from, to), ctx.args.nextToken);
  return ddb.query({
    index: 'GSI2',
    query: { GSI2PK: { eq: eventsByYearPk(cursor.p) }, GSI2SK: { between: [from, to + '\uffff'] } },
    limit,
    nextToken: cursor.t,
    scanIndexForward: true,
  });
}

export function response(ctx: Context) {
  return pageResponse(ctx);
}
