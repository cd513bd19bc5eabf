import type { Context } from '@aws-appsync/utils';
import { filterToEvent, subscribeRequest } from './lib/live';

/** onEventChanged(eventId) (ADMINS CREW): the Event that updateEvent return, for one event only. */
export function request(ctx: Context) {
  return subscribeRequest(ctx);
}

export function response(ctx: Context) {
  return filterToEvent(ctx, 'id');
}
