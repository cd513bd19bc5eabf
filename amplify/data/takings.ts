/**
 * Daily takings: what each payment item adds to the totals of its event on the operator's day it
 * was logged (docs/architecture.md, table items). Pure, so the payment resolvers (APPSYNC_JS), the
 * backfill migration (Node) and the tests count one way: plain functions, no regex, no classes.
 *
 * A totals item holds, per method, `takings<METHOD>` (RECORDED payments) and `refunds<METHOD>`
 * (RECORDED refunds), and the counts `counted` (RECORDED items), `voided`, `moved` and
 * `lateEntries` (RECORDED items received on an earlier day than logged): exactly what
 * src/lib/reconciliation.ts sums from the ledger, so the totals of a day are that day's ledger.
 */
export const TAKINGS_METHODS = ['CASH', 'CARD', 'CHECK', 'ACH', 'OTHER'];

export interface TakingsDelta {
  day: string;
  eventId: string;
  adds: Record<string, number>;
}

/** What a payment item in a given state counts for (the days are the operator's, computed by the caller). */
export interface CountedPayment {
  eventId: string;
  kind?: string | null;
  method: string;
  amountCents: number;
  status: string;
}

/** The totals one payment item holds in its state: money and `counted` when RECORDED, else one voided or moved. */
export function contribution(p: CountedPayment, loggedDay: string, receivedDay: string): TakingsDelta {
  const adds: Record<string, number> = {};
  if (p.status === 'RECORDED') {
    adds[(p.kind === 'REFUND' ? 'refunds' : 'takings') + p.method] = p.amountCents;
    adds.counted = 1;
    adds.lateEntries = receivedDay < loggedDay ? 1 : 0;
  } else if (p.status === 'VOIDED') {
    adds.voided = 1;
  } else {
    adds.moved = 1;
  }
  return { day: loggedDay, eventId: p.eventId, adds };
}

/** A contribution taken back (the item leaves that state). */
export function negate(d: TakingsDelta): TakingsDelta {
  const adds: Record<string, number> = {};
  Object.keys(d.adds).forEach((k) => {
    adds[k] = -d.adds[k];
  });
  return { day: d.day, eventId: d.eventId, adds };
}

/**
 * The deltas summed per totals item, in first-seen order: a transaction may name an item only once,
 * and a move of several payments of one day touches that day's item once per side.
 */
export function merge(deltas: TakingsDelta[]): TakingsDelta[] {
  const out: TakingsDelta[] = [];
  deltas.forEach((d) => {
    let into = out.find((o) => o.day === d.day && o.eventId === d.eventId);
    if (!into) {
      into = { day: d.day, eventId: d.eventId, adds: {} };
      out.push(into);
    }
    const target = into.adds;
    Object.keys(d.adds).forEach((k) => {
      target[k] = (target[k] || 0) + d.adds[k];
    });
  });
  return out.filter((d) => Object.keys(d.adds).some((k) => d.adds[k] !== 0));
}
