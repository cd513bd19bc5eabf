import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk } from '../keys';
import { loadRequest, loadResponse } from './lib/load';
import { requireId } from './lib/validate';

/** updateEvent, step 1: the event as it is (for the capacity rule and the audit's "before"). */
export function request(ctx: Context) {
  const id = requireId(ctx.args.input.id, 'id');
  return loadRequest(ctx, [{ name: 'event', key: { PK: eventPk(id), SK: EVENT_SK } }]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
