import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, paymentSk } from '../keys';
import { loadRequest, loadResponse } from './lib/load';
import { requireId, requireKey, requireText } from './lib/validate';

/** voidPayment, step 1: a reason is required; then the payment and its event as they are. */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const paymentId = requireKey(ctx.args.paymentId, 'paymentId');
  ctx.stash.reason = requireText(ctx.args.reason, 'reason', 1000, true);
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'payment', key: { PK: eventPk(eventId), SK: paymentSk(paymentId) } },
  ]);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
