import type { Context } from '@aws-appsync/utils';
import { conflict, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import type { EventItem, RosterItem } from './lib/model';
import { paymentsToMove, recordedPaymentsQuery } from './lib/move';
import { refuseIfCancelled, refuseIfMoved } from './lib/sailing';
import { refuseAboard } from './lib/boarding';

/**
 * The most recorded payments and refunds one correction carries: two items each (the old marked
 * MOVED, the copy under the corrected address) beside the event's check, the two entries' writes and
 * two audit records, in one TransactWriteItems of at most 100 items.
 */
export const MAX_CORRECTED_PAYMENTS = 47;

/**
 * correctPatronEmail, step 2: the rules that need no more reading, then the patron's recorded
 * payments and refunds on the event (one consistent Query of its payments, filtered to them).
 */
export function request(ctx: Context) {
  const event = loadedItem<EventItem>(ctx, 'event');
  if (!event) notFound('No event with id "' + ctx.args.eventId + '".');
  const entry = loadedItem<RosterItem>(ctx, 'entry');
  if (!entry) notFound('No patron ' + ctx.stash.email + ' on the roster of "' + ctx.args.eventId + '".');
  refuseIfCancelled(event, 'its bookings are no longer changed');
  refuseIfMoved(entry);
  // Check-ins are kept under the address; crew undo them (with why) before the booking moves.
  refuseAboard(entry, 'correcting their email');
  if (loadedItem<RosterItem>(ctx, 'there')) {
    conflict(ctx.stash.newEmail + ' is already on the roster of this sailing: settle one of the two bookings first.', {
      reason: 'ALREADY_ON_ROSTER',
    });
  }
  return recordedPaymentsQuery(event.id, entry.email);
}

export function response(ctx: Context) {
  return paymentsToMove(
    ctx,
    MAX_CORRECTED_PAYMENTS,
    'void or refund them, then book the patron under the corrected address',
  );
}
