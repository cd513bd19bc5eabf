import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { EVENT_SK, eventPk } from '../keys';
import { dataSourceError } from './lib/errors';
import { requireId } from './lib/validate';

/**
 * getEvent (ADMINS CREW): the event, its walk-ups and its roster in one Query of its partition
 * ("EVENT" < "GUEST#…" < "PATRON#…"). Walk-ups signed the waiver without being booked: they are
 * listed apart, never as roster entries, so they take no place and owe nothing.
 */
export function request(ctx: Context) {
  const id = requireId(ctx.args.id, 'id');
  return ddb.query({ query: { PK: { eq: eventPk(id) }, SK: { between: [EVENT_SK, 'PATRON#\uffff'] } }, consistentRead: true });
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
  };
}
