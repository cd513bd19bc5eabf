/**
 * Reads everything a reconciliation needs, every page of it, before anything is summed: totals are
 * shown whole or not at all (the screen says how far it has got meanwhile). A page that fails fails
 * the whole load.
 */
import type { DataClient } from '../../graphql/client';
import type { CashCount } from '../../graphql/types';
import { dayRange } from '../domain/dates';
import { allPages } from './paged-list';
import { daysOf, reconcile, type ReconciledPayment, type Reconciliation } from '../domain/reconciliation';

/** The totals of the operator's days `from` to `to` (AWSDate), from every payment logged in them. */
export async function loadReconciliation(api: DataClient, from: string, to: string, progress: (payments: number) => void = () => {}): Promise<Reconciliation> {
  daysOf(from, to); // refuse a range too long or backwards before asking
  const range = dayRange(from, to);
  const payments = await allPages<ReconciledPayment>((token) => api.reconciliationPayments(range.from, range.to, token), progress);
  return reconcile(payments, from, to);
}

/** Every cash count of the days, by day, each day's counts in the order they were made. */
export async function loadCashCounts(api: DataClient, from: string, to: string): Promise<Map<string, CashCount[]>> {
  const counts = await allPages((token) => api.cashCounts(from, to, token));
  const byDay = new Map<string, CashCount[]>();
  for (const c of counts) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c]);
  return byDay;
}
