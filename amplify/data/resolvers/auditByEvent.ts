import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { groupsOf } from '../../domain/personal';
import { auditEntry } from '../audit';
import { auditPk } from '../keys';
import { pageLimit, pageResponse, startCursor } from './lib/page';
import { requireId } from './lib/validate';

/**
 * auditByEvent (ADMINS ACCOUNTING): every change to an event, its roster, payments,
 * waivers and boarding, newest first: one Query a page on the event's audit partition (SK =
 * <at>#<ULID>, so key order is time order).
 */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const limit = pageLimit(ctx.args.limit);
  const cursor = startCursor(ctx, 'auditByEvent|' + eventId, ['event'], ctx.args.nextToken);
  return ddb.query({ query: { PK: { eq: auditPk(eventId) } }, limit, nextToken: cursor.t, scanIndexForward: false });
}

export function response(ctx: Context) {
  const page = pageResponse(ctx);
  const groups = groupsOf(ctx.identity);
  return {
    items: page.items.map((item) => auditEntry(item as Record<string, unknown>, groups)),
    nextToken: page.nextToken,
  };
}
