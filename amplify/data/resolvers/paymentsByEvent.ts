import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { eventPk } from '../keys';
import { pageLimit, pageResponse, startCursor } from './lib/page';
import { requireId } from './lib/validate';

/** paymentsByEvent (ADMINS CREW ACCOUNTING): newest first (payment ids are ULIDs, so SK order is log order). */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const limit = pageLimit(ctx.args.limit);
  const cursor = startCursor(ctx, 'paymentsByEvent|' + eventId, ['event'], ctx.args.nextToken);
  return ddb.query({
    query: { PK: { eq: eventPk(eventId) }, SK: { beginsWith: 'PAYMENT#' } },
    limit,
    nextToken: cursor.t,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  return pageResponse(ctx);
}
