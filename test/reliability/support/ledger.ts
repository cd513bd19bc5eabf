/**
 * The money invariants of docs/architecture.md, checked over a whole table's items (a scan): what the
 * reliability tests assert after load, faults and random sequences. Returns every violation found,
 * each a sentence, so a failure says which item is wrong and how.
 */
import { contribution, merge } from '../../../amplify/data/takings';
import { operatorTimeZone } from '../../../amplify/time-zone';
import { dayOf } from '../../../amplify/functions/dates';

type Item = Record<string, any>;

const byType = (items: Item[], type: string) => items.filter((i) => i.type === type);
/** Refunds count negative. */
const sum = (xs: Item[]) => xs.reduce((s, p) => s + (p.kind === 'REFUND' ? -1 : 1) * Number(p.amountCents), 0);

export function ledgerViolations(items: Item[]): string[] {
  const out: string[] = [];
  const events = byType(items, 'Event');
  const entries = byType(items, 'RosterEntry');
  const payments = byType(items, 'Payment');
  const idempotency = byType(items, 'Idempotency');
  const audits = byType(items, 'Audit');
  const recorded = payments.filter((p) => p.status === 'RECORDED');
  // A roster entry rebooked elsewhere (MOVED) counts nowhere: it keeps the figures it moved with,
  // which its payments, all MOVED with it, sum to.
  const booked = entries.filter((e) => e.status !== 'MOVED');
  for (const e of entries.filter((x) => x.status === 'MOVED')) {
    const mine = payments.filter((p) => p.eventId === e.eventId && p.patronEmail === e.email);
    if (mine.some((p) => p.status === 'RECORDED'))
      out.push(`${e.eventId}/${e.email}: moved to ${e.movedTo} but a payment of theirs is still RECORDED here`);
    if (e.paidCents !== sum(mine.filter((p) => p.status === 'MOVED')))
      out.push(
        `${e.eventId}/${e.email}: moved with ${e.paidCents} but the payments moved sum to ${sum(mine.filter((p) => p.status === 'MOVED'))}`,
      );
  }

  for (const e of booked) {
    const mine = recorded.filter((p) => p.eventId === e.eventId && p.patronEmail === e.email);
    if (e.paidCents !== sum(mine))
      out.push(`${e.eventId}/${e.email}: paidCents ${e.paidCents} but its recorded payments sum to ${sum(mine)}`);
    if (e.balanceCents !== e.amountDueCents - e.paidCents)
      out.push(
        `${e.eventId}/${e.email}: balance ${e.balanceCents} is not due ${e.amountDueCents} - paid ${e.paidCents}`,
      );
    if (e.balanceCents < 0) out.push(`${e.eventId}/${e.email}: balance below zero (${e.balanceCents})`);
  }
  for (const ev of events) {
    const mine = recorded.filter((p) => p.eventId === ev.id);
    const roster = booked.filter((e) => e.eventId === ev.id);
    const due = roster.reduce((s, e) => s + e.amountDueCents, 0);
    if (ev.paidCents !== sum(mine))
      out.push(`event ${ev.id}: paidCents ${ev.paidCents} but its recorded payments sum to ${sum(mine)}`);
    if (ev.dueCents !== due) out.push(`event ${ev.id}: dueCents ${ev.dueCents} but its roster owes ${due}`);
    if (ev.balanceCents !== ev.dueCents - ev.paidCents)
      out.push(`event ${ev.id}: balance ${ev.balanceCents} is not due ${ev.dueCents} - paid ${ev.paidCents}`);
    if (ev.balanceCents < 0) out.push(`event ${ev.id}: balance below zero (${ev.balanceCents})`);
    if (ev.rosterCount !== roster.length)
      out.push(`event ${ev.id}: rosterCount ${ev.rosterCount} but ${roster.length} entries`);
  }

  // A payment exists iff its idempotency record and its audit record do (one transaction wrote them).
  const keys = new Map<string, Item[]>();
  for (const p of payments) keys.set(p.idempotencyKey, [...(keys.get(p.idempotencyKey) ?? []), p]);
  keys.delete(undefined as unknown as string);
  for (const [key, ps] of keys) if (ps.length !== 1) out.push(`idempotency key ${key} has ${ps.length} payments`);
  const auditsOf = (operation: string, id: string) =>
    audits.filter((a) => a.operation === operation && (a.after?.id === id || a.after?.paymentId === id));
  // Refunds given back no more than their payment (refundOf), counted on it as refundedCents.
  for (const p of payments.filter((x) => x.kind !== 'REFUND')) {
    // A refund voided no longer counts on it; one moved with it still does (both MOVED, or both copied).
    const refunds = payments.filter(
      (r) => r.kind === 'REFUND' && r.refundOf === p.id && r.eventId === p.eventId && r.status !== 'VOIDED',
    );
    if ((p.refundedCents ?? 0) !== sum(refunds) * -1)
      out.push(`payment ${p.id}: refundedCents ${p.refundedCents} but its refunds sum to ${-sum(refunds)}`);
    if ((p.refundedCents ?? 0) > p.amountCents)
      out.push(`payment ${p.id}: ${p.refundedCents} refunded of ${p.amountCents}`);
  }
  // A payment moved in (rebookPatron) is the copy of one MOVED out: same money and days, one each way.
  for (const p of payments.filter((x) => x.movedFrom)) {
    const original = payments.find((o) => o.id === p.movedFromPaymentId);
    if (!original || original.status !== 'MOVED' || original.movedToPaymentId !== p.id)
      out.push(`payment ${p.id}: moved from ${p.movedFromPaymentId}, which is not MOVED to it`);
    // A copy on its own event is an email correction (correctPatronEmail): only the address differs.
    else
      for (const f of [
        'amountCents',
        'method',
        'receivedAt',
        'loggedAt',
        'kind',
        ...(p.eventId === original.eventId ? [] : ['patronEmail']),
      ])
        if (original[f] !== p[f]) out.push(`payment ${p.id}: ${f} ${p[f]} differs from the original's ${original[f]}`);
  }
  for (const p of payments.filter((x) => !x.movedFrom)) {
    const rec = idempotency.find((r) => r.PK === `IDEMPOTENCY#${p.idempotencyKey}`);
    if (!rec) out.push(`payment ${p.id} has no idempotency record`);
    else if (rec.payment?.id !== p.id)
      out.push(`payment ${p.id}: its idempotency record names payment ${rec.payment?.id}`);
    const made = p.kind === 'REFUND' ? 'refundPayment' : 'logPayment';
    const logged = auditsOf(made, p.id).length;
    if (logged !== 1) out.push(`payment ${p.id} has ${logged} ${made} audit records`);
    const voided = auditsOf('voidPayment', p.id).length;
    if (voided !== (p.status === 'VOIDED' ? 1 : 0))
      out.push(`payment ${p.id} (${p.status}) has ${voided} voidPayment audit records`);
  }
  const paymentIds = new Set(payments.map((p) => p.id));
  for (const r of idempotency)
    if (!paymentIds.has(r.payment?.id))
      out.push(`idempotency record ${r.PK} names no stored payment (${r.payment?.id})`);
  for (const a of audits.filter((x) => ['logPayment', 'voidPayment', 'refundPayment'].includes(x.operation))) {
    if (!paymentIds.has(a.after?.id)) out.push(`${a.operation} audit ${a.id} names no stored payment (${a.after?.id})`);
  }
  out.push(...takingsViolations(payments, byType(items, 'Takings')));
  return out;
}

/**
 * Each event-day takings item equals what the payments counted in it (`inTotals`) add up to, in
 * their states now, on the operator's day of loggedAt (the zone the local AppSync runs in).
 */
function takingsViolations(payments: Item[], takings: Item[]): string[] {
  const zone = operatorTimeZone(process.env.SCC_TIME_ZONE);
  const day = (at: string) => dayOf(new Date(at), zone);
  const expected = merge(
    payments.filter((p) => p.inTotals).map((p) => contribution(p as any, day(p.loggedAt), day(p.receivedAt))),
  );
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of expected) {
    const key = `${e.day}#${e.eventId}`;
    seen.add(key);
    const kept = takings.find((t) => t.SK === key);
    for (const [name, cents] of Object.entries(e.adds)) {
      if ((kept?.[name] ?? 0) !== cents)
        out.push(`takings ${key}: ${name} ${kept?.[name] ?? 0} but its payments add up to ${cents}`);
    }
    for (const name of Object.keys(kept ?? {}).filter(
      (n) => /^(takings|refunds)[A-Z]+$|^(counted|voided|moved|lateEntries)$/.test(n) && !(n in e.adds),
    )) {
      if (kept![name] !== 0) out.push(`takings ${key}: ${name} ${kept![name]} but its payments add up to 0`);
    }
  }
  for (const t of takings.filter((x) => !seen.has(x.SK))) {
    for (const name of Object.keys(t).filter((n) =>
      /^(takings|refunds)[A-Z]+$|^(counted|voided|moved|lateEntries)$/.test(n),
    )) {
      if (t[name] !== 0) out.push(`takings ${t.SK}: ${name} ${t[name]} but no payment counted in it`);
    }
  }
  return out;
}
