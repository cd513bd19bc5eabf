import type { Context } from '@aws-appsync/utils';
import { loadSailing, sailingLoaded } from './lib/cancel';

/**
 * cancelEvent, step 3: the roster read again, strongly consistent, once the sailing is marked
 * cancelled. Every booking or move onto it is conditioned on it not being cancelled, so one that
 * landed before the mark is in this read and one after it was refused: the notice list is exactly
 * the patrons booked on the cancelled sailing, whatever changed the roster meanwhile.
 */
export function request(ctx: Context) {
  return loadSailing(ctx);
}

export function response(ctx: Context) {
  return sailingLoaded(ctx, true);
}
