/**
 * The roster's counting invariants over a table's items (docs/boarding.md, docs/waivers.md): an event's head count is
 * the sum of its roster's party sizes and no more than its capacity, its roster count is the number
 * of entries, its waiversSigned the people its roster's waivers cover, each counted for at most its
 * party, and no count or total is negative or beyond what GraphQL's Int can carry.
 */
type Item = Record<string, any>;
const INT_MAX = 2 ** 31 - 1;

export function rosterViolations(items: Item[]): string[] {
  const out: string[] = [];
  // An entry rebooked elsewhere (MOVED) counts nowhere; its fields stay as they moved.
  const entries = items.filter((i) => i.type === 'RosterEntry' && i.status !== 'MOVED');
  for (const ev of items.filter((i) => i.type === 'Event')) {
    const roster = entries.filter((e) => e.eventId === ev.id);
    const people = roster.reduce((s, e) => s + Number(e.partySize), 0);
    if (ev.headCount !== people)
      out.push(`event ${ev.id}: headCount ${ev.headCount} but its roster's parties add up to ${people}`);
    // An entry signed before waivers counted people stands for one.
    const covered = roster.reduce(
      (s, e) => s + (e.waiverSignedAt ? Math.min(e.waiverPeople ?? 1, Number(e.partySize)) : 0),
      0,
    );
    if ((ev.waiversSigned ?? 0) !== covered)
      out.push(
        `event ${ev.id}: waiversSigned ${ev.waiversSigned} but its roster's waivers cover ${covered} of the people booked`,
      );
    if (ev.headCount > ev.capacity) out.push(`event ${ev.id}: headCount ${ev.headCount} over capacity ${ev.capacity}`);
    for (const f of [
      'capacity',
      'priceCents',
      'dueCents',
      'paidCents',
      'balanceCents',
      'rosterCount',
      'headCount',
      'waiversSigned',
    ]) {
      const v = ev[f] ?? 0;
      if (!Number.isInteger(v) || v < 0 || v > INT_MAX) out.push(`event ${ev.id}: ${f} is ${v}`);
    }
  }
  for (const e of entries) {
    for (const f of ['partySize', 'amountDueCents', 'paidCents', 'balanceCents']) {
      const v = e[f];
      if (!Number.isInteger(v) || v < 0 || v > INT_MAX) out.push(`${e.eventId}/${e.email}: ${f} is ${v}`);
    }
    if (e.partySize < 1) out.push(`${e.eventId}/${e.email}: a party of ${e.partySize}`);
  }
  return out;
}
