import type { Context } from '@aws-appsync/utils';
import { filterToEvent, subscribeRequest } from './lib/live';

/** onPaymentChanged(eventId) (ADMINS CREW ACCOUNTING): the Payment that logPayment and voidPayment return, for one event only. */
export function request(ctx: Context) {
  return subscribeRequest(ctx);
}

export function response(ctx: Context) {
  return filterToEvent(ctx, 'eventId');
}
