import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { EVENT_SK, eventPk } from '../keys';
import { dataSourceError } from './lib/errors';
import { requireId } from './lib/validate';

/**
 * boarding (ADMINS CREW), step 1: the event, read on every page so each page carries the counts as
 * they are when it is read (the last page's are the newest). No event: null, and no page is read.
 */
export function request(ctx: Context) {
  return ddb.get({ key: { PK: eventPk(requireId(ctx.args.eventId, 'eventId')), SK: EVENT_SK }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  ctx.stash.event = ctx.result || null;
  return ctx.result || null;
}
