import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, patronSk } from '../keys';
import { loadRequest, loadResponse } from './lib/load';
import { normalEmail, requireId } from './lib/validate';

/** removePatron, step 1: the event and the roster entry as they are. */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const email = normalEmail(ctx.args.email, 'email');
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(eventId), SK: patronSk(email) } },
  ]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
