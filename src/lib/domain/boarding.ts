/**
 * Who boards, as the boarding screen and the manifest list them: every person of every roster
 * entry (the patron, each minor on their waiver, the party's unnamed guests; person ids as the API
 * takes them, amplify/domain/people.ts), with their check-in if any.
 */
import { GUEST, MINOR, PATRON, boarder, guestPlaces, type Boarder } from '../../../amplify/domain/people';
import type { Boarding, CheckIn, RosterEntry, WalkUp } from '../../graphql/types';

export interface Person extends Boarder {
  /** The booking, or for a walk-up their signature as one (no money, party = the people it covers). */
  entry: RosterEntry;
  /** Signed the waiver, not on the roster: boards on their waiver, holds no booking. */
  walkUp?: boolean;
  /** The standing check-in (CHECKED_IN), or undefined when ashore. */
  checkIn?: CheckIn;
}

/** The people of one roster entry, the patron first, then minors, then guests. */
export function peopleOf(entry: RosterEntry): Boarder[] {
  const ids = [PATRON, ...(entry.waiverSignedAt ? (entry.waiverMinors ?? []).map((m) => `${MINOR}${m}`) : [])];
  for (let n = 1; n <= guestPlaces(entry); n += 1) ids.push(`${GUEST}${n}`);
  return ids.map((id) => boarder(entry, id)).filter((b): b is Boarder => b !== null);
}

const key = (email: string, person: string) => `${email.toLowerCase()}#${person}`;

/** A walk-up as the entry their people are named from: nothing owed, the party their waiver covers. */
export function walkUpEntry(w: WalkUp): RosterEntry {
  return { ...w, amountDueCents: 0, paidCents: 0, balanceCents: 0 };
}

/**
 * Everyone of the roster with their standing check-in, then the walk-ups (signer and minors), plus
 * check-ins of people no longer in a party (a party made smaller after boarding): they are aboard
 * and must be seen.
 */
export function boardingList(b: Pick<Boarding, 'roster' | 'checkIns'> & { walkUps?: WalkUp[] }): Person[] {
  const standing = new Map(b.checkIns.filter((c) => c.status === 'CHECKED_IN').map((c) => [key(c.email, c.person), c]));
  const people: Person[] = [];
  const parties = [
    ...b.roster.map((entry) => ({ entry, walkUp: false })),
    ...(b.walkUps ?? []).map((w) => ({ entry: walkUpEntry(w), walkUp: true })),
  ];
  for (const { entry, walkUp } of parties) {
    for (const p of peopleOf(entry)) {
      const k = key(entry.email, p.person);
      people.push({ ...p, entry, walkUp, checkIn: standing.get(k) });
      standing.delete(k);
    }
  }
  for (const c of standing.values()) {
    const party = parties.find((e) => e.entry.email === c.email);
    if (party)
      people.push({
        person: c.person,
        name: c.name,
        minor: c.minor,
        waiver: false,
        entry: party.entry,
        walkUp: party.walkUp,
        checkIn: c,
      });
  }
  return people;
}
