import type { Context } from '@aws-appsync/utils';
import { conflict, notFound } from './lib/errors';
import { loadedItem } from './lib/load';
import { paymentsToMove, recordedPaymentsQuery } from './lib/move';
import type { EventItem, RosterItem } from './lib/model';
import { refuseIfCancelled, refuseIfMoved } from './lib/sailing';
import { placesLeft, refuseAboard } from './lib/boarding';

/**
 * The most recorded payments and refunds one move carries: two items each (the old marked MOVED,
 * the new one on the other event) beside the two events, the two entries and two audit records,
 * in one TransactWriteItems of at most 100 items.
 */
export const MAX_MOVED_PAYMENTS = 47;

/**
 * rebookPatron, step 2: the rules that need no more reading, then the patron's recorded payments
 * and refunds on the event they leave (one consistent Query of its payments, filtered to them).
 */
export function request(ctx: Context) {
  const from = loadedItem<EventItem>(ctx, 'from');
  if (!from) notFound('No event with id "' + ctx.args.eventId + '".');
  const to = loadedItem<EventItem>(ctx, 'to');
  if (!to) notFound('No event with id "' + ctx.args.toEventId + '" to move to.');
  const entry = loadedItem<RosterItem>(ctx, 'entry');
  if (!entry) notFound('No patron ' + ctx.stash.email + ' on the roster of "' + ctx.args.eventId + '".');
  refuseIfMoved(entry);
  refuseAboard(entry, 'moving them');
  refuseIfCancelled(to, 'nobody is moved onto it');
  const there = loadedItem<RosterItem>(ctx, 'there');
  if (there)
    conflict(entry.email + ' is already on the roster of "' + to.id + '": settle that booking first.', {
      reason: 'ALREADY_ON_ROSTER',
    });
  const room = placesLeft(to);
  if (entry.partySize > room) {
    conflict(
      'A party of ' +
        entry.partySize +
        ' does not fit: ' +
        room +
        ' of ' +
        to.capacity +
        ' places left on "' +
        to.id +
        '".',
      { reason: 'NO_ROOM', placesLeft: room },
    );
  }
  return recordedPaymentsQuery(from.id, entry.email);
}

export function response(ctx: Context) {
  return paymentsToMove(ctx, MAX_MOVED_PAYMENTS, 'refund here and log the payment on the other event instead');
}
