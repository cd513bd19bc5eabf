import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { EVENT_SK, eventPk } from '../keys';
import { dataSourceError, notFound } from './lib/errors';
import { refuseIfCancelled } from './lib/sailing';
import { requireId } from './lib/validate';

/**
 * sendWaiverLinksPage, step 1: the event (every page needs its title and time for the emails).
 * The field pages sendWaiverLinks' "to everyone not signed" for rosters past one call's 49: each
 * call reaches the unsigned patrons of one page of the roster and answers a nextToken for the
 * next, so any roster a sailing's capacity allows is reached in calls of at most 49 each.
 */
export function request(ctx: Context) {
  return ddb.get({ key: { PK: eventPk(requireId(ctx.args.eventId, 'eventId')), SK: EVENT_SK }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  if (!ctx.result) notFound('No event "' + ctx.args.eventId + '".');
  refuseIfCancelled(ctx.result, 'no waiver is signed for it');
  ctx.stash.event = ctx.result;
  return ctx.result;
}
