import type { Event, Payment, PaymentMethod, RosterEntry } from '../../graphql/types';

/**
 * Money on a cancelled sailing, as an operator reads it. The stored totals keep
 * counting what was due (dueCents, and balanceCents = due − paid, raised again by each refund), so a
 * patron refunded in full still has a stored balance of what they were to pay. No one owes that for
 * a sailing that will not sail: what matters is the money taken, what was refunded or moved with its
 * patron, and what is still to refund (the event's paidCents: what it holds, net of refunds).
 * Presentation only: the stored totals and their invariants are unchanged.
 */
export const isCancelled = (event: Pick<Event, 'status'>): boolean => event.status === 'CANCELLED';

/** What is owed on `balanceCents` (an event's or a patron's): nothing on a cancelled sailing. */
export const owedCents = (event: Pick<Event, 'status'>, balanceCents: number): number =>
  isCancelled(event) ? 0 : Math.max(0, balanceCents);

/** What a patron of a cancelled sailing is still to get back: what they paid, net of refunds; nothing once moved (their money went with them). */
export const toRefundCents = (entry: Pick<RosterEntry, 'status' | 'paidCents'>): number =>
  entry.status === 'MOVED' ? 0 : Math.max(0, entry.paidCents);

export interface CancelledMoney {
  /** recorded and moved payments: the money that came in for this sailing (voided ones never did) */
  takenCents: number;
  /** recorded refunds (and refunds later moved with their patron) */
  refundedCents: number;
  /** net money that left with patrons moved to another sailing */
  movedCents: number;
}

/** Taken, refunded and moved, from the event's payments; taken − refunded − moved is what it still holds. */
export function cancelledMoney(payments: readonly Payment[]): CancelledMoney {
  const money = { takenCents: 0, refundedCents: 0, movedCents: 0 };
  for (const p of payments) {
    if (p.status === 'VOIDED') continue;
    const refund = p.kind === 'REFUND';
    if (refund) money.refundedCents += p.amountCents;
    else money.takenCents += p.amountCents;
    if (p.status === 'MOVED') money.movedCents += refund ? -p.amountCents : p.amountCents;
  }
  return money;
}

/** One refund of "Refund all": the payment it names and gives back (part of), and how. */
export interface RefundPart {
  refundOf: string;
  method: PaymentMethod;
  cents: number;
  receivedAt: string;
}

/**
 * "Refund all" of a patron who paid `paidCents` (net of refunds), as refunds that each go back the
 * way a payment came in: one per recorded payment of theirs, oldest first, for what remains of it.
 * Refunds recorded earlier without naming a payment left the payments' remainders too high; that
 * excess comes off the newest payments first, so the parts add up to `paidCents` exactly and none is
 * refused for more than was paid. Null when the payments do not account for `paidCents` (a list
 * older than the roster): then the refund is one amount whose method the admin chooses.
 */
export function refundPlan(patronEmail: string, paidCents: number, payments: readonly Payment[]): RefundPart[] | null {
  const email = patronEmail.toLowerCase();
  const parts = payments
    .filter((p) => p.patronEmail.toLowerCase() === email && p.kind !== 'REFUND' && p.status === 'RECORDED')
    .map((p) => ({
      refundOf: p.id,
      method: p.method,
      cents: p.amountCents - (p.refundedCents ?? 0),
      receivedAt: p.receivedAt,
    }))
    .filter((p) => p.cents > 0)
    .sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  let excess = parts.reduce((sum, p) => sum + p.cents, 0) - paidCents;
  if (excess < 0 || paidCents <= 0) return null;
  for (let i = parts.length - 1; i >= 0 && excess > 0; i -= 1) {
    const taken = Math.min(parts[i]!.cents, excess);
    parts[i]!.cents -= taken;
    excess -= taken;
  }
  return parts.filter((p) => p.cents > 0);
}
