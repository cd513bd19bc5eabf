import type { Context } from '@aws-appsync/utils';
import { CHECK_IN_PREFIX } from '../keys';
import { dataSourceError } from './lib/errors';
import { eventPartition, eventPartitionQuery } from './lib/load';
import { requireId } from './lib/validate';

/**
 * boarding (ADMINS CREW): what a boarding and a manifest need, in one Query of the event's
 * partition from "BOARD#" to "PATRON#\uffff": its check-ins (undone ones too: they are history),
 * the event, its walk-ups and its roster.
 */
export function request(ctx: Context) {
  return eventPartitionQuery(requireId(ctx.args.eventId, 'eventId'), CHECK_IN_PREFIX);
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  const { event, roster, walkUps, all } = eventPartition(ctx.result.items || []);
  if (!event) return null;
  return { event, roster, walkUps, checkIns: all.filter((i) => i.SK.indexOf(CHECK_IN_PREFIX) === 0) };
}
