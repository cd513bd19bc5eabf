import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { CHECK_IN_PREFIX, EVENT_SK, eventPk } from '../keys';
import { dataSourceError } from './lib/errors';
import { requireId } from './lib/validate';

/**
 * boarding (ADMINS CREW): what a boarding and a manifest need, in one Query of the event's
 * partition from "BOARD#" to "PATRON#\uffff": its check-ins (undone ones too: they are history),
 * the event, its walk-ups and its roster.
 */
export function request(ctx: Context) {
  const id = requireId(ctx.args.eventId, 'eventId');
  return ddb.query({ query: { PK: { eq: eventPk(id) }, SK: { between: [CHECK_IN_PREFIX, 'PATRON#\uffff'] } }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  const items = (ctx.result.items || []) as { SK: string }[];
  const event = items.find((i) => i.SK === EVENT_SK);
  if (!event) return null;
  return {
    event,
    roster: items.filter((i) => i.SK.indexOf('PATRON#') === 0),
    walkUps: items.filter((i) => i.SK.indexOf('GUEST#') === 0),
    checkIns: items.filter((i) => i.SK.indexOf(CHECK_IN_PREFIX) === 0),
  };
}
