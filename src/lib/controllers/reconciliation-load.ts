/**
 * Reads everything a reconciliation needs, every page of it, before anything is summed: totals are
 * shown whole or not at all (the screen says how far it has got meanwhile). A page that fails fails
 * the whole load.
 */
import type { DataClient } from '../../graphql/client';
import type { CashCount } from '../../graphql/types';
import { allPages } from './paged-list';
import { daysOf, reconcileTakings, type Reconciliation } from '../domain/reconciliation';

/**
 * The totals of the operator's days `from` to `to` (AWSDate), from the daily takings the API keeps
 * (one item per event and day, docs/takings.md) rather than every payment logged in them: a season
 * is a few pages, not a hundred. `progress` hears the pages read so far.
 */
export async function loadReconciliation(
  api: DataClient,
  from: string,
  to: string,
  progress: (pages: number) => void = () => {},
): Promise<Reconciliation> {
  daysOf(from, to); // refuse a range too long or backwards before asking
  let pages = 0;
  const items = await allPages(async (token) => {
    const page = await api.takings(from, to, token);
    progress(++pages);
    return page;
  });
  return reconcileTakings(items, from, to);
}

/** Every cash count of the days, by day, each day's counts in the order they were made. */
export async function loadCashCounts(api: DataClient, from: string, to: string): Promise<Map<string, CashCount[]>> {
  const counts = await allPages((token) => api.cashCounts(from, to, token));
  const byDay = new Map<string, CashCount[]>();
  for (const c of counts) byDay.set(c.day, [...(byDay.get(c.day) ?? []), c]);
  return byDay;
}
