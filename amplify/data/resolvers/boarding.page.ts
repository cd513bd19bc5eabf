import { runtime, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { CHECK_IN_PREFIX, eventPk } from '../keys';
import { dataSourceError, validationError } from './lib/errors';
import { eventPartition } from './lib/load';
import { encodeToken, nextCursor, startCursor } from './lib/page';

/**
 * boarding, step 2: one page of the event's partition from "BOARD#" to "PATRON#\uffff" (its
 * check-ins, undone ones too, then its walk-ups and roster), with a nextToken while more remain.
 * Paged because nothing bounds it under one response: capacity goes to 10,000 people (MAX_CAPACITY),
 * each a check-in and up to one roster entry, far past DynamoDB's 1 MB a Query; a Query stops there
 * by itself and says so (LastEvaluatedKey), which becomes the signed nextToken. `limit` (1-1000,
 * default 1000 items) bounds a page further. The caller follows nextToken to the end
 * (src/graphql/client.ts boarding).
 */
const MAX_PAGE = 1000;

export function request(ctx: Context) {
  if (!ctx.stash.event) runtime.earlyReturn(null);
  const limit = ctx.args.limit === undefined || ctx.args.limit === null ? MAX_PAGE : ctx.args.limit;
  if (typeof limit !== 'number' || Math.floor(limit) !== limit || limit < 1 || limit > MAX_PAGE)
    validationError('limit must be a whole number from 1 to ' + MAX_PAGE + '.');
  const pk = eventPk(ctx.args.eventId);
  const cursor = startCursor(ctx, 'boarding|' + ctx.args.eventId, [pk], ctx.args.nextToken);
  return ddb.query({
    query: { PK: { eq: pk }, SK: { between: [CHECK_IN_PREFIX, 'PATRON#\uffff'] } },
    limit,
    nextToken: cursor.t,
    consistentRead: true,
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.stash.cursor) validationError('nextToken is not valid for this query: start again without it.');
    dataSourceError(ctx);
  }
  const { roster, walkUps, all } = eventPartition(ctx.result.items || []);
  const pk = eventPk(ctx.args.eventId);
  const next = nextCursor([pk], pk, ctx.result.nextToken);
  return {
    event: ctx.stash.event,
    roster,
    walkUps,
    checkIns: all.filter((i) => i.SK.indexOf(CHECK_IN_PREFIX) === 0),
    nextToken: next ? encodeToken(ctx, ctx.stash.pageScope as string, next) : null,
  };
}
