import type { Context } from '@aws-appsync/utils';
import { filterToEvent, subscribeRequest } from './lib/live';

/** onCheckInChanged(eventId) (ADMINS CREW): the CheckIn that checkIn and undoCheckIn return, for one event only. */
export function request(ctx: Context) {
  return subscribeRequest(ctx);
}

export function response(ctx: Context) {
  return filterToEvent(ctx, 'eventId');
}
