import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, patronSk } from '../keys';
import { validationError } from './lib/errors';
import { loadRequest, loadResponse } from './lib/load';
import { normalEmail, requireId } from './lib/validate';

/** correctPatronEmail, step 1: the event, the booking under its address and none under the corrected one, in one consistent read. */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const email = normalEmail(ctx.args.email, 'email');
  const newEmail = normalEmail(ctx.args.newEmail, 'newEmail');
  if (newEmail === email)
    validationError('newEmail is the address the patron is booked under already: type the corrected one.');
  ctx.stash.email = email;
  ctx.stash.newEmail = newEmail;
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(eventId), SK: patronSk(email) } },
    { name: 'there', key: { PK: eventPk(eventId), SK: patronSk(newEmail) } },
  ]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
