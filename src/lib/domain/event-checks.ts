/**
 * What the event form checks before saving, beyond the fields themselves (pure, so it is tested
 * on its own): events that would share a boat or a captain at the same time, and which patrons a
 * new price can be applied to.
 */
import type { Event, RosterEntry } from '../../graphql/types';

/** An event without an end time is taken to last this long when looking for overlaps. */
export const ASSUMED_LENGTH_MS = 3 * 3_600_000;

export interface Slot {
  id?: string;
  startsAt: string;
  endsAt?: string | null;
  boat?: string | null;
  captain?: string | null;
}

export interface Overlap {
  event: Event;
  /** What the two events would share. */
  shared: ('boat' | 'captain')[];
}

const span = (s: Slot) => {
  const start = Date.parse(s.startsAt);
  return [start, s.endsAt ? Date.parse(s.endsAt) : start + ASSUMED_LENGTH_MS] as const;
};
const same = (a?: string | null, b?: string | null) =>
  Boolean(a?.trim() && b?.trim() && a.trim().toLowerCase() === b.trim().toLowerCase());

/** Other events that overlap `slot` in time on the same boat or with the same captain. */
export function overlaps(slot: Slot, others: readonly Event[]): Overlap[] {
  const [start, end] = span(slot);
  return others.flatMap((event) => {
    if (event.id === slot.id) return [];
    const [otherStart, otherEnd] = span(event);
    if (!(otherStart < end && start < otherEnd)) return [];
    const shared = [
      ...(same(event.boat, slot.boat) ? ['boat' as const] : []),
      ...(same(event.captain, slot.captain) ? ['captain' as const] : []),
    ];
    return shared.length ? [{ event, shared }] : [];
  });
}

/**
 * The patrons who owe the old price for their party (price × party size), to whom a new price can
 * be applied; the others have an amount agreed by hand, which a price change leaves alone.
 */
export function atPrice(roster: readonly RosterEntry[], priceCents: number): RosterEntry[] {
  return roster.filter((r) => r.amountDueCents === priceCents * r.partySize);
}
