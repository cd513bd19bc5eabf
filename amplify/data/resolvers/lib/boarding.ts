import { util } from '@aws-appsync/utils';
import { EVENT_SK, checkInSk, eventPk, patronSk } from '../../keys';
import { conflict, failedConditions } from './errors';
import { loadRequest } from './load';
import type { EventItem, RosterItem } from './model';
import { updateItem, type Condition, type Key } from './tx';
import { normalEmail, requireId, requireText } from './validate';

/**
 * Boarding check-in, per person (issue 15 §2), shared by the checkIn and undoCheckIn pipelines and
 * by the dashboard (pure, APPSYNC_JS-safe).
 *
 * The people of a roster entry, each with a stable id:
 * - `patron`: the person who booked;
 * - `minor:<name>`: each minor named on the waiver covering the entry (exactly as signed);
 * - `guest:<n>`: the party's other places, unnamed, n from 1 (party size − 1 − minors named).
 * Only the patron and the minors are covered by the entry's waiver; a guest needs their own.
 */
export const PATRON = 'patron';
export const MINOR = 'minor:';
export const GUEST = 'guest:';

export interface Boarder {
  person: string;
  name: string;
  minor: boolean;
  /** covered by the waiver signed for this entry */
  waiver: boolean;
}

export interface CheckInItem {
  PK: string;
  SK: string;
  type: 'CheckIn';
  eventId: string;
  email: string;
  person: string;
  name: string;
  minor: boolean;
  status: 'CHECKED_IN' | 'UNDONE';
  checkedInAt: string;
  checkedInBy: string;
  undoneAt?: string | null;
  undoneBy?: string | null;
  undoReason?: string | null;
}

/** What a check-in's write pins of its own item (tx.ts asRead), present or not. */
export const CHECK_IN_ATTRIBUTES = ['name', 'minor', 'status', 'checkedInAt', 'checkedInBy', 'undoneAt', 'undoneBy', 'undoReason'];
/** What a check-in reads of the roster entry to know who the person is. */
export const BOARDER_ATTRIBUTES = ['name', 'partySize', 'waiverSignedAt', 'waiverMinors'];

export type BoardingEvent = EventItem & { checkedIn?: number | null };

/** Unnamed places of the party: its size less the patron and the minors the waiver names. */
export function guestPlaces(entry: RosterItem): number {
  const minors = entry.waiverMinors || [];
  return Math.max(0, entry.partySize - 1 - minors.length);
}

/** The person `person` of this entry, or null when the entry has no such person. */
export function boarder(entry: RosterItem, person: string): Boarder | null {
  const signed = entry.waiverSignedAt !== undefined && entry.waiverSignedAt !== null;
  if (person === PATRON) return { person, name: entry.name, minor: false, waiver: signed };
  if (person.indexOf(MINOR) === 0) {
    const name = person.slice(MINOR.length);
    const minors = signed ? entry.waiverMinors || [] : [];
    return minors.indexOf(name) >= 0 ? { person, name, minor: true, waiver: true } : null;
  }
  if (person.indexOf(GUEST) === 0) {
    const digits = person.slice(GUEST.length);
    const n = util.matches('^[1-9][0-9]{0,4}$', digits) ? parseInt(digits, 10) : 0;
    if (n < 1 || n > guestPlaces(entry)) return null;
    return { person, name: 'Guest ' + n + ' of ' + entry.name, minor: false, waiver: false };
  }
  return null;
}

/** Step 1 of both pipelines: the event, the roster entry and the person's check-in as they are. */
export function loadBoarding(ctx: { args: Record<string, unknown>; env: Record<string, string>; stash: Record<string, unknown> }) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  const email = normalEmail(ctx.args.email, 'email');
  const person = requireText(ctx.args.person, 'person', 300);
  ctx.stash.person = person;
  return loadRequest(ctx, [
    { name: 'event', key: { PK: eventPk(eventId), SK: EVENT_SK } },
    { name: 'entry', key: { PK: eventPk(eventId), SK: patronSk(email) } },
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
