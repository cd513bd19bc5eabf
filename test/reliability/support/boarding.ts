import { personAt } from '../../../amplify/data/resolvers/lib/people';
import type { RosterItem } from '../../../amplify/data/resolvers/lib/model';

/**
 * Boarding's invariants over a table's items, recomputed from the raw items alone:
 * - an event's checkedIn is the number of its check-ins standing CHECKED_IN (undone ones are kept,
 *   and not counted), never negative, within capacity, and each person has one check-in record;
 * - every one standing belongs to the sailing now: a person of a booked (not MOVED) roster entry or
 *   of a walk-up of that event, within its places (lib/people.ts personAt);
 * - each entry's and walk-up's `aboard` is the number of its people standing checked in, and the
 *   event's walkUpsAboard the number of walk-ups' people;
 * - places booked plus walk-ups aboard never exceed capacity (a booked person is never refused for a
 *   walk-up).
 */
type Item = Record<string, any>;

const people = (party: Item): string[] =>
  Array.from({ length: party.partySize ?? 1 }, (_, i) => personAt(party as RosterItem, i));

export function boardingViolations(items: Item[]): string[] {
  const out: string[] = [];
  const checkIns = items.filter((i) => i.type === 'CheckIn');
  for (const ev of items.filter((i) => i.type === 'Event')) {
    const mine = checkIns.filter((c) => c.eventId === ev.id);
    const standing = mine.filter((c) => c.status === 'CHECKED_IN');
    const aboard = standing.length;
    if ((ev.checkedIn ?? 0) !== aboard)
      out.push(`event ${ev.id}: checkedIn ${ev.checkedIn} but ${aboard} people stand checked in`);
    if ((ev.checkedIn ?? 0) < 0) out.push(`event ${ev.id}: checkedIn is ${ev.checkedIn}`);
    if (aboard > ev.capacity) out.push(`event ${ev.id}: ${aboard} aboard, capacity ${ev.capacity}`);
    const ids = mine.map((c) => `${c.email}/${c.person}`);
    if (new Set(ids).size !== ids.length) out.push(`event ${ev.id}: a person has two check-in records`);
    const partition = items.filter((i) => i.PK === `EVENT#${ev.id}`);
    const entries = partition.filter((i) => i.type === 'RosterEntry' && i.status !== 'MOVED');
    const walkUps = partition.filter((i) => i.type === 'WalkUp');
    let walkUpsAboard = 0;
    for (const c of standing) {
      const entry = entries.find((e) => e.email === c.email);
      const walkUp = walkUps.find((w) => w.email === c.email);
      const party = entry ?? walkUp;
      if (!party || !people(party).includes(c.person))
        out.push(`event ${ev.id}: ${c.email}/${c.person} stands checked in but belongs to no party of it`);
      else if (!entry) walkUpsAboard += 1;
    }
    for (const party of [...entries, ...walkUps]) {
      const counted = standing.filter((c) => c.email === party.email).length;
      if ((party.aboard ?? 0) !== counted)
        out.push(`event ${ev.id}: ${party.SK} says ${party.aboard ?? 0} aboard, ${counted} stand checked in`);
    }
    for (const moved of partition.filter((i) => i.type === 'RosterEntry' && i.status === 'MOVED')) {
      if ((moved.aboard ?? 0) !== 0) out.push(`event ${ev.id}: ${moved.SK} moved away with ${moved.aboard} aboard`);
    }
    if ((ev.walkUpsAboard ?? 0) !== walkUpsAboard)
      out.push(`event ${ev.id}: walkUpsAboard ${ev.walkUpsAboard ?? 0} but ${walkUpsAboard} walk-ups stand checked in`);
    if ((ev.headCount ?? 0) + walkUpsAboard > ev.capacity) {
      out.push(
        `event ${ev.id}: ${ev.headCount} places booked and ${walkUpsAboard} walk-ups aboard, capacity ${ev.capacity}`,
      );
    }
  }
  for (const c of checkIns) {
    if (c.status !== 'CHECKED_IN' && c.status !== 'UNDONE')
      out.push(`${c.eventId}/${c.email}/${c.person}: status ${c.status}`);
    if (c.status === 'UNDONE' && !(c.undoneAt && c.undoneBy && c.undoReason))
      out.push(`${c.eventId}/${c.email}/${c.person}: undone without who, when and why`);
  }
  return out;
}

/** No person (email and person id) stands checked in on two of `eventIds` at once. */
export function aboardTwice(items: Item[], eventIds: string[]): string[] {
  const where = new Map<string, string[]>();
  for (const c of items.filter(
    (i) => i.type === 'CheckIn' && i.status === 'CHECKED_IN' && eventIds.includes(i.eventId),
  )) {
    const key = `${c.email}/${c.person}`;
    where.set(key, [...(where.get(key) ?? []), c.eventId]);
  }
  return [...where].filter(([, evs]) => evs.length > 1).map(([who, evs]) => `${who} is aboard ${evs.join(' and ')}`);
}
