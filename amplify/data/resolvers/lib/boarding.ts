import { util } from '@aws-appsync/utils';
import { EVENT_SK, checkInSk, eventPk, patronSk, walkUpSk } from '../../keys';
import { conflict, failedConditions } from './errors';
import { loadRequest } from './load';
import { updateItem, type Condition, type Key } from './tx';
import type { CheckInItem } from './people';
import { normalEmail, requireId, requireText } from './validate';

// The steps of the checkIn and undoCheckIn pipelines that talk to the table; who boards is people.ts.
export * from './people';

/**
 * Step 1 of both pipelines: the event, the roster entry or walk-up of that email (there is never
 * both: a signature without a booking is a walk-up, and addPatron moves it onto the entry), and the
 * person's check-in as they are.
 */
export function loadBoarding(ctx: {
  args: Record<string, unknown>;
  env: Record<string, string>;
  stash: Record<string, unknown>;
}) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const email = normalEmail(ctx.args.email, 'email');
  const person = requireText(ctx.args.person, 'person', 300);
  ctx.stash.person = person;
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(eventId), SK: patronSk(email) } },
    { name: 'walkUp', key: { PK: eventPk(eventId), SK: walkUpSk(email) } },
    { name: 'checkIn', key: { PK: eventPk(eventId), SK: checkInSk(email, person) } },
  ]);
}

/**
 * Counts as DynamoDB computes them: `SET c = if_not_exists(c, 0) + delta` for each (an event from
 * before boarding has no checkedIn, an entry nobody of has boarded no aboard). Written out because
 * tx.ts updateItem's addition needs the attribute to exist.
 */
export function countWrite(tableName: string, key: Key, deltas: Record<string, number>, condition: Condition) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':zero': 0 };
  const sets = Object.keys(deltas).map((f) => {
    names['#' + f] = f;
    values[':d_' + f] = deltas[f];
    return '#' + f + ' = if_not_exists(#' + f + ', :zero) + :d_' + f;
  });
  return {
    ...updateItem(tableName, key, {}, condition),
    update: {
      expression: 'SET ' + sets.join(', '),
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
  };
}

/**
 * A walk-up boards only into a place no booking holds: booked places (headCount) plus walk-ups
 * aboard stay within capacity, so a booked patron is never turned away for a walk-up. No arithmetic
 * in conditions, so the walk-ups aboard are pinned as read and the bookings bounded by what is left.
 */
export function placesHeld(
  event: { capacity: number; headCount: number; walkUpsAboard?: number | null },
  more: number,
): Condition {
  const walkUps = event.walkUpsAboard || 0;
  return {
    expression:
      (walkUps === 0 ? '(attribute_not_exists(#c_walkUps) OR #c_walkUps = :c_walkUps)' : '#c_walkUps = :c_walkUps') +
      ' AND #c_held <= :c_heldMax',
    expressionNames: { '#c_walkUps': 'walkUpsAboard', '#c_held': 'headCount' },
    expressionValues: { ':c_walkUps': walkUps, ':c_heldMax': event.capacity - walkUps - more },
  };
}

/** Nobody of this entry or walk-up is checked in (what a change of who belongs to it needs). */
export function ashore(): Condition {
  return {
    expression: 'attribute_not_exists(#c_aboard) OR #c_aboard = :c_ashore',
    expressionNames: { '#c_aboard': 'aboard' },
    expressionValues: { ':c_ashore': 0 },
  };
}

/**
 * The typed refusal of a change that would take people off a sailing while they are checked in on
 * it: they are aboard, so crew undo their check-ins (saying why) before the booking changes.
 */
export function refuseAboard(entry: { email: string; aboard?: number | null }, change: string): void {
  const aboard = entry.aboard || 0;
  if (aboard > 0) {
    conflict(
      aboard +
        (aboard === 1 ? ' person' : ' people') +
        ' of ' +
        entry.email +
        '’s party ' +
        (aboard === 1 ? 'is' : 'are') +
        ' checked in: undo their check-in on Boarding before ' +
        change +
        '.',
      {
        reason: 'PARTY_ABOARD',
        aboard,
      },
    );
  }
}

/**
 * In a write's response: did it fail on the check-in itself (the first item), changed by another
 * crew member since it was read? Then step 3 reads what they left.
 */
export function lostRace(ctx: {
  error?: { message: string; type: string } | null;
  result?: unknown;
  stash: Record<string, unknown>;
}): boolean {
  if (failedConditions(ctx).indexOf(0) < 0) return false;
  ctx.stash.raced = true;
  return true;
}

/**
 * Step 3 of both pipelines, after a write that lost a race on the check-in itself: another crew
 * member changed this person at the same moment. If it now stands as this request wanted, the
 * request is done (idempotent: the same person checked in twice counts once); otherwise Conflict.
 */
export function settle(current: CheckInItem | null, wanted: 'CHECKED_IN' | 'UNDONE'): CheckInItem {
  if (!current || current.status !== wanted) {
    conflict(
      'Someone else checked this person in or out at the same moment: reload to see who is aboard, then try again.',
      {
        reason: 'BOARDING_CHANGED',
        retryable: true,
      },
    );
  }
  return current as CheckInItem;
}
