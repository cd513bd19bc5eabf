import type { Context } from '@aws-appsync/utils';
import { loadSailing, sailingLoaded } from './lib/cancel';

/** notifyCancellation, step 1: the cancelled event and its patrons still waiting for the notice (never sent, or FAILED). */
export function request(ctx: Context) {
  return loadSailing(ctx);
}

export function response(ctx: Context) {
  return sailingLoaded(ctx, true);
}
