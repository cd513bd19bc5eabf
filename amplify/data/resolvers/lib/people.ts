import type { EventItem, RosterItem } from './model';

/**
 * Boarding check-in, per person (docs/boarding.md), shared by the checkIn and undoCheckIn pipelines and
 * by the dashboard: pure and APPSYNC_JS-safe, and free of @aws-appsync/utils, which the browser
 * cannot load.
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

/**
 * The people of an entry (or walk-up) in order, one per place booked: the patron, the minors its
 * waiver names (as many as the party holds), then the guests. The person at place `i` (from 0).
 */
export function personAt(entry: RosterItem, i: number): string {
  if (i === 0) return PATRON;
  const signed = entry.waiverSignedAt !== undefined && entry.waiverSignedAt !== null;
  const minors = signed ? entry.waiverMinors || [] : [];
  const named = Math.min(minors.length, entry.partySize - 1);
  return i <= named ? MINOR + minors[i - 1] : GUEST + (i - named);
}

/** The most places one change takes from a party while some of it is aboard (one condition each, in one transaction of 100). */
export const MAX_LEAVING = 90;
// One character per place: APPSYNC_JS has no counting loop nor recursion, so a range is a slice of this.
const PLACES = '..........................................................................................';

/** The people a party made smaller (to `size`) loses: those at its last places, at most MAX_LEAVING. */
export function peopleLeaving(entry: RosterItem, size: number): string[] {
  return PLACES.slice(0, Math.max(0, entry.partySize - size)).split('').map((_, j) => personAt(entry, size + j));
}

/** How many of an entry's or walk-up's people are checked in (kept on it by checkIn and undoCheckIn). */
export function aboardOf(item: { aboard?: number | null } | null | undefined): number {
  return (item && item.aboard) || 0;
}

/** What a check-in's write pins of its own item (tx.ts asRead), present or not. */
export const CHECK_IN_ATTRIBUTES = ['name', 'minor', 'status', 'checkedInAt', 'checkedInBy', 'undoneAt', 'undoneBy', 'undoReason'];
/** What a check-in reads of the roster entry to know who the person is. */
export const BOARDER_ATTRIBUTES = ['name', 'partySize', 'waiverSignedAt', 'waiverMinors'];

/**
 * `checkedIn`: everyone aboard; `walkUpsAboard`: those of them aboard on a walk-up's waiver, holding
 * no booked place. Booked places (headCount) plus walk-ups aboard never exceed capacity.
 */
export type BoardingEvent = EventItem & { checkedIn?: number | null; walkUpsAboard?: number | null };

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
    const at = minors.indexOf(name);
    // Only the places booked board: a waiver naming more minors than the party holds is for crew to
    // fix the party size, so each person aboard a booking holds one of its booked places.
    return at >= 0 && at < entry.partySize - 1 ? { person, name, minor: true, waiver: true } : null;
  }
  if (person.indexOf(GUEST) === 0) {
    const digits = person.slice(GUEST.length);
    const n = parseInt(digits, 10);
    // "guest:01" or "guest:1x" is no one: only the plain number names a place.
    if ('' + n !== digits) return null;
    if (n < 1 || n > guestPlaces(entry)) return null;
    return { person, name: 'Guest ' + n + ' of ' + entry.name, minor: false, waiver: false };
  }
  return null;
}


/** Places a booking can still take: capacity less the places booked and the walk-ups aboard. */
export function placesLeft(event: BoardingEvent): number {
  return event.capacity - event.headCount - (event.walkUpsAboard || 0);
}
