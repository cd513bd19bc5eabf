/**
 * Boarding's counting invariant over a table's items (issue 15 §2): an event's checkedIn is the
 * number of its check-ins standing CHECKED_IN (undone ones are kept, and not counted), never
 * negative, and each check-in belongs to a person once (one item per event, patron and person).
 */
type Item = Record<string, any>;

export function boardingViolations(items: Item[]): string[] {
  const out: string[] = [];
  const checkIns = items.filter((i) => i.type === 'CheckIn');
  for (const ev of items.filter((i) => i.type === 'Event')) {
    const mine = checkIns.filter((c) => c.eventId === ev.id);
    const aboard = mine.filter((c) => c.status === 'CHECKED_IN').length;
    if ((ev.checkedIn ?? 0) !== aboard) out.push(`event ${ev.id}: checkedIn ${ev.checkedIn} but ${aboard} people stand checked in`);
    if ((ev.checkedIn ?? 0) < 0) out.push(`event ${ev.id}: checkedIn is ${ev.checkedIn}`);
    const people = mine.map((c) => `${c.email}/${c.person}`);
    if (new Set(people).size !== people.length) out.push(`event ${ev.id}: a person has two check-in records`);
  }
  for (const c of checkIns) {
    if (c.status !== 'CHECKED_IN' && c.status !== 'UNDONE') out.push(`${c.eventId}/${c.email}/${c.person}: status ${c.status}`);
    if (c.status === 'UNDONE' && !(c.undoneAt && c.undoneBy && c.undoReason)) out.push(`${c.eventId}/${c.email}/${c.person}: undone without who, when and why`);
  }
  return out;
}
