/**
 * Who a booking's people are: the rules the dashboard (boarding, manifest, roster), the resolvers
 * (checkIn, the event's waiversSigned count) and the waiver Lambda all apply, so they cannot count
 * or name a party's people differently.
 *
 * Written in the APPSYNC_JS subset, because resolvers import it: plain functions, no classes,
 * loops, recursion, try/catch, `++` or regex literals; and free of @aws-appsync/utils, which the
 * browser and the Lambdas cannot load.
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

/** What these rules read of a roster entry or walk-up, as the table and the API both hold it. */
export interface Party {
  name: string;
  partySize: number;
  waiverSignedAt?: string | null;
  waiverMinors?: readonly string[] | null;
}

/**
 * The people of an entry (or walk-up) in order, one per place booked: the patron, the minors its
 * waiver names (as many as the party holds), then the guests. The person at place `i` (from 0).
 */
export function personAt(entry: Party, i: number): string {
  if (i === 0) return PATRON;
  const signed = entry.waiverSignedAt !== undefined && entry.waiverSignedAt !== null;
  const minors = signed ? entry.waiverMinors || [] : [];
  const named = Math.min(minors.length, entry.partySize - 1);
  return i <= named ? MINOR + minors[i - 1] : GUEST + (i - named);
}

/** Unnamed places of the party: its size less the patron and the minors the waiver names. */
export function guestPlaces(entry: Party): number {
  const minors = entry.waiverMinors || [];
  return Math.max(0, entry.partySize - 1 - minors.length);
}

/** The person `person` of this entry, or null when the entry has no such person. */
export function boarder(entry: Party, person: string): Boarder | null {
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

/**
 * What crew must knowingly accept before a person boards: no waiver covers them, or their booking
 * still owes money. checkIn refuses such a person unless its input acknowledges each problem.
 */
export const NO_WAIVER = 'NO_WAIVER';
export const OWES = 'OWES';

/** The problems boarding this person raises, in a fixed order (no waiver first). */
export function boardingProblems(who: Boarder, balanceCents: number | null | undefined): string[] {
  const problems: string[] = [];
  if (!who.waiver) problems.push(NO_WAIVER);
  if (balanceCents !== undefined && balanceCents !== null && balanceCents > 0) problems.push(OWES);
  return problems;
}

/** What coveredPeople reads of a roster entry (the Lambda holds it as a plain record). */
export interface Covering {
  partySize?: unknown;
  waiverSignedAt?: unknown;
  waiverPeople?: unknown;
}

/**
 * The people a roster entry's waiver counts for: those it covers (signer and minors; an entry signed
 * before waivers counted people stands for one), but never more than the party booked, so
 * Event.waiversSigned is "people covered of people booked". A waiver covering more than the booking
 * is shown to crew on the roster to fix the party size, not counted.
 */
export function coveredPeople(entry: Covering | null | undefined): number {
  if (!entry || entry.waiverSignedAt === undefined || entry.waiverSignedAt === null) return 0;
  const people = typeof entry.waiverPeople === 'number' ? entry.waiverPeople : 1;
  const party = typeof entry.partySize === 'number' ? entry.partySize : 1;
  return Math.min(people, party);
}
