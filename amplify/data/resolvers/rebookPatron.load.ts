import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, patronSk } from '../keys';
import { validationError } from './lib/errors';
import { loadRequest, loadResponse } from './lib/load';
import { normalEmail, requireId } from './lib/validate';

/** rebookPatron, step 1: both events and the patron's entry on each (absent on the new one), in one consistent read. */
export function request(ctx: Context) {
  const from = requireId(ctx.args.eventId, 'eventId');
  const to = requireId(ctx.args.toEventId, 'toEventId');
  if (from === to) validationError('toEventId must be another event than eventId.');
  const email = normalEmail(ctx.args.email, 'email');
  ctx.stash.email = email;
  return loadRequest(ctx, [
    { name: 'from', key: { PK: eventPk(from), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(from), SK: patronSk(email) } },
    { name: 'to', key: { PK: eventPk(to), SK: EVENT_SK } },
    { name: 'there', key: { PK: eventPk(to), SK: patronSk(email) } },
  ]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
