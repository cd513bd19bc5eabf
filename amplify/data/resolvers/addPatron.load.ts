import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk } from '../keys';
import { loadRequest, loadResponse } from './lib/load';
import { requireId } from './lib/validate';

/** addPatron, step 1: the event (its price, capacity and head count). */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.input.eventId, 'eventId');
  return loadRequest(ctx, [{ name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } }]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
