/**
 * The money invariants of DESIGN.md §3, checked over a whole table's items (a scan): what the
 * reliability tests assert after load, faults and random sequences. Returns every violation found,
 * each a sentence, so a failure says which item is wrong and how.
 */
type Item = Record<string, any>;

const byType = (items: Item[], type: string) => items.filter((i) => i.type === type);
const sum = (xs: Item[]) => xs.reduce((s, p) => s + Number(p.amountCents), 0);

export function ledgerViolations(items: Item[]): string[] {
  const out: string[] = [];
  const events = byType(items, 'Event');
  const entries = byType(items, 'RosterEntry');
  const payments = byType(items, 'Payment');
  const idempotency = byType(items, 'Idempotency');
  const audits = byType(items, 'Audit');
  const recorded = payments.filter((p) => p.status === 'RECORDED');

  for (const e of entries) {
    const mine = recorded.filter((p) => p.eventId === e.eventId && p.patronEmail === e.email);
    if (e.paidCents !== sum(mine)) out.push(`${e.eventId}/${e.email}: paidCents ${e.paidCents} but its recorded payments sum to ${sum(mine)}`);
    if (e.balanceCents !== e.amountDueCents - e.paidCents) out.push(`${e.eventId}/${e.email}: balance ${e.balanceCents} is not due ${e.amountDueCents} - paid ${e.paidCents}`);
    if (e.balanceCents < 0) out.push(`${e.eventId}/${e.email}: balance below zero (${e.balanceCents})`);
  }
  for (const ev of events) {
    const mine = recorded.filter((p) => p.eventId === ev.id);
    const roster = entries.filter((e) => e.eventId === ev.id);
    const due = roster.reduce((s, e) => s + e.amountDueCents, 0);
    if (ev.paidCents !== sum(mine)) out.push(`event ${ev.id}: paidCents ${ev.paidCents} but its recorded payments sum to ${sum(mine)}`);
    if (ev.dueCents !== due) out.push(`event ${ev.id}: dueCents ${ev.dueCents} but its roster owes ${due}`);
    if (ev.balanceCents !== ev.dueCents - ev.paidCents) out.push(`event ${ev.id}: balance ${ev.balanceCents} is not due ${ev.dueCents} - paid ${ev.paidCents}`);
    if (ev.balanceCents < 0) out.push(`event ${ev.id}: balance below zero (${ev.balanceCents})`);
    if (ev.rosterCount !== roster.length) out.push(`event ${ev.id}: rosterCount ${ev.rosterCount} but ${roster.length} entries`);
  }

  // A payment exists iff its idempotency record and its audit record do (one transaction wrote them).
  const keys = new Map<string, Item[]>();
  for (const p of payments) keys.set(p.idempotencyKey, [...(keys.get(p.idempotencyKey) ?? []), p]);
  for (const [key, ps] of keys) if (ps.length !== 1) out.push(`idempotency key ${key} has ${ps.length} payments`);
  const auditsOf = (operation: string, id: string) =>
    audits.filter((a) => a.operation === operation && (a.after?.id === id || a.after?.paymentId === id));
  for (const p of payments) {
    const rec = idempotency.find((r) => r.PK === `IDEMPOTENCY#${p.idempotencyKey}`);
    if (!rec) out.push(`payment ${p.id} has no idempotency record`);
    else if (rec.payment?.id !== p.id) out.push(`payment ${p.id}: its idempotency record names payment ${rec.payment?.id}`);
    const logged = auditsOf('logPayment', p.id).length;
    if (logged !== 1) out.push(`payment ${p.id} has ${logged} logPayment audit records`);
    const voided = auditsOf('voidPayment', p.id).length;
    if (voided !== (p.status === 'VOIDED' ? 1 : 0)) out.push(`payment ${p.id} (${p.status}) has ${voided} voidPayment audit records`);
  }
  const paymentIds = new Set(payments.map((p) => p.id));
  for (const r of idempotency) if (!paymentIds.has(r.payment?.id)) out.push(`idempotency record ${r.PK} names no stored payment (${r.payment?.id})`);
  for (const a of audits.filter((x) => x.operation === 'logPayment' || x.operation === 'voidPayment')) {
    if (!paymentIds.has(a.after?.id)) out.push(`${a.operation} audit ${a.id} names no stored payment (${a.after?.id})`);
  }
  return out;
}
