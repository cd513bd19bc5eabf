import type { EventItem, RosterItem } from './model';

/**
 * Boarding check-in, per person (issue 15 §2), shared by the checkIn and undoCheckIn pipelines and
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
    const n = parseInt(digits, 10);
    // "guest:01" or "guest:1x" is no one: only the plain number names a place.
    if ('' + n !== digits) return null;
    if (n < 1 || n > guestPlaces(entry)) return null;
    return { person, name: 'Guest ' + n + ' of ' + entry.name, minor: false, waiver: false };
  }
  return null;
}

