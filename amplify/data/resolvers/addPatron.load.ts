import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, walkUpSk } from '../keys';
import { loadRequest, loadResponse } from './lib/load';
import { normalEmail, requireId } from './lib/validate';

/** addPatron, step 1: the event (its price, capacity and head count) and the patron's walk-up waiver, if any. */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.input.eventId, 'eventId');
  const email = normalEmail(ctx.args.input.email, 'email');
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'walkUp', key: { PK: eventPk(eventId), SK: walkUpSk(email) } },
  ]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
