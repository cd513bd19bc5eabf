import type { Context } from '@aws-appsync/utils';
import { EVENT_SK, eventPk, paymentSk } from '../keys';
import { conflict, notFound } from './lib/errors';
import { loadRequest, loadResponse } from './lib/load';
import { requireId, requireKey } from './lib/validate';

/** notifyPatron, step 1: the payment and its event. */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const paymentId = requireKey(ctx.args.paymentId, 'paymentId');
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'payment', key: { PK: eventPk(eventId), SK: paymentSk(paymentId) } },
  ]);
}

export function response(ctx: Context) {
  const loaded = loadResponse(ctx);
  if (!loaded.payment || !loaded.event)
    notFound('No payment "' + ctx.args.paymentId + '" on event "' + ctx.args.eventId + '".');
  if (loaded.payment.status === 'VOIDED') conflict('This payment was voided: a voided payment gets no receipt.');
  if (loaded.payment.status === 'MOVED')
    conflict('This payment moved to "' + loaded.payment.movedTo + '" with its patron: send the receipt from there.');
  return loaded;
}
