import type { Context } from '@aws-appsync/utils';
import { claimSk, EVENT_SK, eventPk, patronSk } from '../keys';
import { loadRequest, loadResponse } from './lib/load';
import { normalEmail, requireId } from './lib/validate';

/** matchWaiverClaim, step 1: the event, the booking claimed, and the claim, as they are. */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const email = normalEmail(ctx.args.email, 'email');
  const waiverId = requireId(ctx.args.waiverId, 'waiverId');
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(eventId), SK: patronSk(email) } },
    { name: 'claim', key: { PK: eventPk(eventId), SK: claimSk(email, waiverId) } },
  ]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
