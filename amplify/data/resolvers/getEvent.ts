import type { Context } from '@aws-appsync/utils';
import { EVENT_SK } from '../keys';
import { dataSourceError } from './lib/errors';
import { eventPartition, eventPartitionQuery } from './lib/load';
import { requireId } from './lib/validate';

/**
 * getEvent (ADMINS CREW): the event, its walk-ups and its roster in one Query of its partition
 * ("EVENT" < "GUEST#…" < "PATRON#…"). Walk-ups signed the waiver without being booked: they are
 * listed apart, never as roster entries, so they take no place and owe nothing. Claims ("HELD#…")
 * are public-link signatures under a booked email, held off that booking until staff match them.
 */
export function request(ctx: Context) {
  return eventPartitionQuery(requireId(ctx.args.id, 'id'), EVENT_SK);
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  const { event, roster, walkUps, claims } = eventPartition(ctx.result.items || []);
  return event ? { event, roster, walkUps, claims } : null;
}
