import type { Context } from '@aws-appsync/utils';
import { filterToEvent, subscribeRequest } from './lib/live';

/** onRosterChanged(eventId) (ADMINS CREW): the RosterEntry that addPatron, updatePatron and removePatron return, for one event only. */
export function request(ctx: Context) {
  return subscribeRequest(ctx);
}

export function response(ctx: Context) {
  return filterToEvent(ctx, 'eventId');
}
