/**
 * "Every accepted change has exactly one audit record, and its before-image is the true one",
 * checked over a table's items: for each thing the API changes (an event, a roster entry, a
 * payment), its audit records must form one chain from nothing to what is stored now, each
 * record's `before` being exactly the state the previous one left. A lost update shows up as a
 * record whose `before` is no state that ever existed. Only the fields a thing's own mutations
 * change are chained (an event's totals move with payments, which audit the payment instead).
 * Records are read through readAudit, so ones stored in an older shape chain as well.
 */
import { readAudit } from '../../../amplify/data/audit';

type Item = Record<string, any>;

const OWN_FIELDS = {
  event: ['title', 'startsAt', 'endsAt', 'boat', 'captain', 'crew', 'capacity', 'priceCents'],
  patron: ['name', 'phone', 'partySize', 'amountDueCents', 'notes', 'status'],
  payment: ['amountCents', 'status', 'voidedAt', 'voidedBy', 'voidReason'],
  checkin: ['status', 'checkedInAt', 'checkedInBy', 'undoneAt', 'undoneBy', 'undoReason'],
} as const;
type Kind = keyof typeof OWN_FIELDS;

const KIND_OF: Record<string, Kind> = {
  createEvent: 'event',
  updateEvent: 'event',
  addPatron: 'patron',
  updatePatron: 'patron',
  removePatron: 'patron',
  logPayment: 'payment',
  voidPayment: 'payment',
  refundPayment: 'payment',
  // a rebooking: the entry left (before → MOVED) and the entry joined (nothing → it), two chains
  rebookPatron: 'patron',
  checkIn: 'checkin',
  undoCheckIn: 'checkin',
};

const idOf = (kind: Kind, image: Item) =>
  kind === 'event'
    ? image.id
    : kind === 'patron'
      ? `${image.eventId}/${image.email}`
      : kind === 'checkin'
        ? `${image.eventId}/${image.email}/${image.person}`
        : image.id;
const pick = (kind: Kind, image: Item | null | undefined): string | null =>
  image ? JSON.stringify(OWN_FIELDS[kind].map((f) => image[f] ?? null)) : null;

export function auditChainViolations(items: Item[]): string[] {
  const out: string[] = [];
  const chains = new Map<string, { kind: Kind; audits: Item[] }>();
  for (const a of items
    .filter((i) => i.type === 'Audit' && KIND_OF[i.operation])
    .map((i) => ({ ...readAudit(i), SK: i.SK }))) {
    const kind = KIND_OF[a.operation]!;
    const key = `${kind}:${idOf(kind, (a.after ?? a.before)!)}`;
    if (!chains.has(key)) chains.set(key, { kind, audits: [] });
    chains.get(key)!.audits.push(a);
  }
  // A rebooking audits the entries; the payments it moved are named in those records
  // (movedPayments): the ones moved out end MOVED, the copies moved in start there.
  const moved = new Set<string>();
  for (const a of items.filter((i) => i.type === 'Audit' && i.operation === 'rebookPatron'))
    for (const id of a.after?.movedPayments ?? []) moved.add(`payment:${id}`);
  const stored = new Map<string, Item>();
  for (const i of items) {
    if (i.type === 'Event') stored.set(`event:${i.id}`, i);
    if (i.type === 'RosterEntry') stored.set(`patron:${i.eventId}/${i.email}`, i);
    if (i.type === 'Payment') stored.set(`payment:${i.id}`, i);
    if (i.type === 'CheckIn') stored.set(`checkin:${i.eventId}/${i.email}/${i.person}`, i);
  }
  for (const [key, { kind, audits }] of chains) {
    const left = [...audits].sort((a, b) => String(a.SK).localeCompare(String(b.SK)));
    let current: string | null = null;
    while (left.length > 0) {
      // The next link is the (earliest) record that changed the state as it is; none means a
      // record's before-image is a state this thing never had.
      const next = left.findIndex((a) => pick(kind, a.before) === current);
      if (next < 0) {
        out.push(
          `${key}: no audit record starts from ${current}; left: ${left.map((a) => `${a.operation} ${pick(kind, a.before)} -> ${pick(kind, a.after)}`).join('; ')}`,
        );
        break;
      }
      current = pick(kind, left[next]!.after);
      left.splice(next, 1);
    }
    const now = stored.get(key);
    const movedOut = moved.has(key) && now?.status === 'MOVED';
    if (left.length === 0 && !movedOut && current !== pick(kind, now))
      out.push(`${key}: audits end at ${current} but the table holds ${pick(kind, stored.get(key))}`);
  }
  for (const [key, item] of stored) {
    if (!chains.has(key) && !item.walkUp && !moved.has(key)) out.push(`${key} is stored but has no audit record`);
  }
  return out;
}
