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
export function loadBoarding(ctx: { args: Record<string, unknown>; env: Record<string, string>; stash: Record<string, unknown> }) {
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
 * The event's count as DynamoDB computes it: `checkedIn = if_not_exists(checkedIn, 0) + delta`
 * (events created before boarding have none). Written out because tx.ts updateItem's addition
 * needs the attribute to exist.
 */
export function countWrite(tableName: string, key: Key, delta: number, condition: Condition) {
  return {
    ...updateItem(tableName, key, {}, condition),
    update: {
      expression: 'SET #checkedIn = if_not_exists(#checkedIn, :zero) + :delta',
      expressionNames: { '#checkedIn': 'checkedIn' },
      expressionValues: util.dynamodb.toMapValues({ ':zero': 0, ':delta': delta }),
    },
  };
}

/**
 * In a write's response: did it fail on the check-in itself (the first item), changed by another
 * crew member since it was read? Then step 3 reads what they left.
 */
export function lostRace(ctx: { error?: { message: string; type: string } | null; result?: unknown; stash: Record<string, unknown> }): boolean {
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
    conflict('Someone else checked this person in or out at the same moment: reload to see who is aboard, then try again.', {
      reason: 'BOARDING_CHANGED', retryable: true,
    });
  }
  return current as CheckInItem;
}
