/**
 * Reconciliation totals, summed from the payments paymentsBetween returns for a
 * range of the operator's days. One function for the dashboard's screen, its CSV and the
 * bookkeeping script (examples/payment-history.ts --totals), so they cannot count differently.
 *
 * What counts, by the refunds contract:
 * - only RECORDED items: a VOIDED one was a wrong entry; a MOVED one went with its patron to another
 *   sailing, where its RECORDED copy (same amount, method, receivedAt and loggedAt) counts instead;
 * - `kind` PAYMENT (or absent, as on every payment stored before refunds) adds, REFUND (a positive
 *   amount given back) subtracts, and is reported on its own.
 *
 * A day is the operator's calendar day of `loggedAt`, as paymentsBetween's range is: the day the
 * money entered the books. So a day's totals are the payments the crew logged that day, which is
 * the cash in the drawer when it is counted, and a day already counted does not change when a
 * payment received earlier is entered late (it counts on the day it is logged; its received_on in
 * the payments CSV says when it was received). `lateEntries` counts those, so the screen can say so.
 */
import type { Payment, PaymentMethod, Takings as KeptTakings } from '../../graphql/types';
import { addDays, toAwsDate } from './dates';

export const RECONCILED_METHODS: readonly PaymentMethod[] = ['CASH', 'CARD', 'CHECK', 'ACH', 'OTHER'];

/** Cents per method. */
export type MethodCents = Record<PaymentMethod, number>;

/** What a total needs of a payment (the selections of the dashboard and the script include it). */
export type ReconciledPayment = Pick<
  Payment,
  'id' | 'eventId' | 'amountCents' | 'method' | 'status' | 'receivedAt' | 'loggedAt'
> & { kind?: string | null };

export interface Takings {
  /** money in: RECORDED payments */
  takings: MethodCents;
  /** money given back: RECORDED refunds (positive) */
  refunds: MethodCents;
  takingsCents: number;
  refundsCents: number;
  /** takings − refunds */
  netCents: number;
}

export interface DayTotals extends Takings {
  day: string;
}
export interface EventTotals extends Takings {
  eventId: string;
}

export interface Reconciliation extends Takings {
  from: string;
  to: string;
  /** every day of the range, oldest first, including days with nothing */
  days: DayTotals[];
  /** events with anything counted, by id */
  events: EventTotals[];
  /** items counted (payments and refunds) */
  counted: number;
  /** items read but not counted: voided, or moved to another sailing */
  voided: number;
  moved: number;
  /** counted items received on an earlier day than they were logged */
  lateEntries: number;
}

/** The most days one reconciliation covers (a season fits; every day is a row on the screen). */
export const MAX_RANGE_DAYS = 366;

const noCents = (): MethodCents => ({ CASH: 0, CARD: 0, CHECK: 0, ACH: 0, OTHER: 0 });
const empty = (): Takings => ({
  takings: noCents(),
  refunds: noCents(),
  takingsCents: 0,
  refundsCents: 0,
  netCents: 0,
});

function add(t: Takings, method: PaymentMethod, cents: number, refund: boolean): void {
  if (refund) {
    t.refunds[method] += cents;
    t.refundsCents += cents;
    t.netCents -= cents;
  } else {
    t.takings[method] += cents;
    t.takingsCents += cents;
    t.netCents += cents;
  }
}

/** The days from `from` to `to` (AWSDate, inclusive); refused past MAX_RANGE_DAYS or backwards. */
export function daysOf(from: string, to: string): string[] {
  if (from > to) throw new Error('Pick a start date on or before the end date.');
  const days = [from];
  while (days[days.length - 1] < to) {
    if (days.length >= MAX_RANGE_DAYS)
      throw new Error(`A reconciliation covers at most ${MAX_RANGE_DAYS} days: pick a shorter range.`);
    days.push(addDays(days[days.length - 1], 1));
  }
  return days;
}

/**
 * The totals of `payments` (every page of paymentsBetween for the range) over the days `from` to
 * `to` in the operator's zone. A payment outside the range, of an unknown kind, status or method,
 * or of an amount that is not positive whole cents is an error, not a guess: a sum that is wrong
 * without saying so is worse than none.
 */
export function reconcile(payments: readonly ReconciledPayment[], from: string, to: string): Reconciliation {
  const days = new Map(daysOf(from, to).map((day) => [day, { day, ...empty() } as DayTotals]));
  const events = new Map<string, EventTotals>();
  const total: Reconciliation = {
    from,
    to,
    ...empty(),
    days: [...days.values()],
    events: [],
    counted: 0,
    voided: 0,
    moved: 0,
    lateEntries: 0,
  };
  const seen = new Set<string>();
  for (const p of payments) {
    // The same payment id on two events is a moved payment and its copy: the event tells them apart.
    const key = `${p.eventId}/${p.id}`;
    if (seen.has(key)) throw new Error(`Payment ${p.id} was read twice: load the range again.`);
    seen.add(key);
    if (p.status === 'VOIDED') total.voided += 1;
    else if (p.status === 'MOVED') total.moved += 1;
    else if (p.status !== 'RECORDED')
      throw new Error(`Payment ${p.id} has a status this screen does not know: ${String(p.status)}.`);
    if (p.status !== 'RECORDED') continue;
    const kind = p.kind ?? 'PAYMENT';
    if (kind !== 'PAYMENT' && kind !== 'REFUND')
      throw new Error(`Payment ${p.id} is of a kind this screen does not know: ${kind}.`);
    const method = p.method as PaymentMethod;
    if (!RECONCILED_METHODS.includes(method))
      throw new Error(`Payment ${p.id} has a method this screen does not know: ${String(method)}.`);
    if (!Number.isSafeInteger(p.amountCents) || p.amountCents <= 0)
      throw new Error(`Payment ${p.id} has an amount that is not positive whole cents.`);
    const day = days.get(toAwsDate(p.loggedAt));
    if (!day) throw new Error(`Payment ${p.id} was logged outside ${from} – ${to}.`);
    let event = events.get(p.eventId);
    if (!event) events.set(p.eventId, (event = { eventId: p.eventId, ...empty() }));
    const refund = kind === 'REFUND';
    for (const t of [total, day, event]) add(t, method, p.amountCents, refund);
    total.counted += 1;
    if (toAwsDate(p.receivedAt) < day.day) total.lateEntries += 1;
  }
  total.events = [...events.values()].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return total;
}

/**
 * The same totals from the daily takings the API keeps (the `takings` query: one item per event and
 * day, each already the sum of that day's ledger), every page of the range: the days' and events'
 * totals are sums of those items, so nothing is read per payment.
 */
export function reconcileTakings(items: readonly KeptTakings[], from: string, to: string): Reconciliation {
  const days = new Map(daysOf(from, to).map((day) => [day, { day, ...empty() } as DayTotals]));
  const events = new Map<string, EventTotals>();
  const total: Reconciliation = {
    from,
    to,
    ...empty(),
    days: [...days.values()],
    events: [],
    counted: 0,
    voided: 0,
    moved: 0,
    lateEntries: 0,
  };
  for (const item of items) {
    const day = days.get(item.day);
    if (!day) throw new Error(`Takings of ${item.day} are outside ${from} – ${to}.`);
    total.counted += item.counted;
    total.voided += item.voided;
    total.moved += item.moved;
    total.lateEntries += item.lateEntries;
    if (!item.counted && !item.takingsCents && !item.refundsCents) continue;
    let event = events.get(item.eventId);
    if (!event) events.set(item.eventId, (event = { eventId: item.eventId, ...empty() }));
    for (const method of RECONCILED_METHODS) {
      for (const t of [total, day, event]) {
        if (item.takings[method]) add(t, method, item.takings[method], false);
        if (item.refunds[method]) add(t, method, item.refunds[method], true);
      }
    }
  }
  total.events = [...events.values()].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  return total;
}

/** The cash a day's count should find: cash taken less cash given back. */
export function cashExpected(day: Takings): number {
  return day.takings.CASH - day.refunds.CASH;
}
