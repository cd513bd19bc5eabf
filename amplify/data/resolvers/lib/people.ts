import type { EventItem, RosterItem } from './model';
import { personAt } from '../../../domain/people';

// checkIn names the person it boards, and the reliability suites walk a party place by place.
export { boarder, boardingProblems, personAt } from '../../../domain/people';

/**
 * Boarding check-in, per person, shared by the checkIn and undoCheckIn pipelines. Who a booking's
 * people are (the person ids, who the waiver covers) is the shared rule of amplify/domain/people.ts,
 * which the dashboard applies too.
 */
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
  /** the problems crew accepted in boarding this person (NO_WAIVER, OWES), by whom, and what was owed */
  acknowledged?: string[] | null;
  acknowledgedBy?: string | null;
  owedCents?: number | null;
}

/** The most places one change takes from a party while some of it is aboard (one condition each, in one transaction of 100). */
export const MAX_LEAVING = 90;
// One character per place: APPSYNC_JS has no counting loop nor recursion, so a range is a slice of this.
const PLACES = '..........................................................................................';

/** The people a party made smaller (to `size`) loses: those at its last places, at most MAX_LEAVING. */
export function peopleLeaving(entry: RosterItem, size: number): string[] {
  return PLACES.slice(0, Math.max(0, entry.partySize - size))
    .split('')
    .map((_, j) => personAt(entry, size + j));
}

/** How many of an entry's or walk-up's people are checked in (kept on it by checkIn and undoCheckIn). */
export function aboardOf(item: { aboard?: number | null } | null | undefined): number {
  return (item && item.aboard) || 0;
}

/** What a check-in's write pins of its own item (tx.ts asRead), present or not. */
export const CHECK_IN_ATTRIBUTES = [
  'name',
  'minor',
  'status',
  'checkedInAt',
  'checkedInBy',
  'undoneAt',
  'undoneBy',
  'undoReason',
  'acknowledged',
  'acknowledgedBy',
  'owedCents',
];
/** What a check-in reads of the roster entry to know who the person is. */
export const BOARDER_ATTRIBUTES = ['name', 'partySize', 'waiverSignedAt', 'waiverMinors'];

/**
 * `checkedIn`: everyone aboard; `walkUpsAboard`: those of them aboard on a walk-up's waiver, holding
 * no booked place. Booked places (headCount) plus walk-ups aboard never exceed capacity.
 */
export type BoardingEvent = EventItem & { checkedIn?: number | null; walkUpsAboard?: number | null };

/** Places a booking can still take: capacity less the places booked and the walk-ups aboard. */
export function placesLeft(event: BoardingEvent): number {
  return event.capacity - event.headCount - (event.walkUpsAboard || 0);
}
