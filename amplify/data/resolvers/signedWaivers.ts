import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { groupsOf } from '../../domain/personal';
import { eventPk } from '../keys';
import { pageLimit, pageResponse, startCursor } from './lib/page';
import { requireId } from './lib/validate';
import { signedWaiverOf } from './lib/waiver';

/**
 * signedWaivers (ADMINS ACCOUNTING): an event's signatures, every one kept (a patron
 * who signed twice shows twice), newest first: one Query a page, SK = WAIVER#<signedAt>#<id>.
 */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const limit = pageLimit(ctx.args.limit);
  const cursor = startCursor(ctx, 'signedWaivers|' + eventId, ['event'], ctx.args.nextToken);
  return ddb.query({
    query: { PK: { eq: eventPk(eventId) }, SK: { beginsWith: 'WAIVER#' } },
    limit,
    nextToken: cursor.t,
    scanIndexForward: false,
  });
}

export function response(ctx: Context) {
  const page = pageResponse(ctx);
  const groups = groupsOf(ctx.identity);
  return {
    items: page.items.map((item) => signedWaiverOf(item as Record<string, unknown>, groups)),
    nextToken: page.nextToken,
  };
}
