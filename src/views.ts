/**
 * The signed-in views, each in its own chunk (the dock's link): a page waits only for
 * its own view, then the others load in the background so moving between pages never waits. Kept
 * out of the entry's way: this module is small, the views are dynamic imports.
 */
import type { HandoverClient } from './graphql/handover';
import { addDays, today } from './lib/domain/dates';
import type { Route } from './lib/controllers/route';

type Loader = () => Promise<unknown>;

const VIEWS: Partial<Record<Route['name'], Loader>> = {
  event: () => import('./components/scc-event-detail'),
  boarding: () => import('./components/scc-boarding-page'),
  today: () => import('./components/scc-today-page'),
  manifest: () => import('./components/scc-manifest-page'),
  // `/` and `/events`: the charters list, or for accounting the payments page.
  events: () => Promise.all([import('./components/scc-event-list'), import('./components/scc-payments-page')]),
  payments: () => import('./components/scc-payments-page'),
  records: () => import('./components/scc-records-page'),
  'signed-waiver': () => import('./components/scc-signed-waiver'),
  team: () => import('./components/scc-team-page'),
  reconciliation: () => import('./components/scc-reconciliation-page'),
};

/** Parts of the shell every signed-in page has (the payment modal, what waits for signal). */
const SHELL: Loader = () =>
  Promise.all([import('./components/scc-outbox-status'), import('./components/scc-payment-modal')]);

let rest: Promise<unknown> | undefined;

/** Loads the view `page` shows (and the shell), then, once, every other view. */
export async function loadView(page: Route['name']): Promise<void> {
  await Promise.all([VIEWS[page]?.(), SHELL()]);
  rest ??= Promise.all(Object.values(VIEWS).map((load) => load())).catch(() => {
    // Offline, or a deploy replaced the chunks: each page loads its own view when shown.
    rest = undefined;
  });
}

/**
 * The first read of the page `route` shows, started by the shell while the page's code is still on
 * its way (handover.ts shares it with the page's own identical call). Each must ask exactly what
 * its page asks first, or it is only a wasted request.
 */
export function preloadFirstRead(route: Route, api: HandoverClient): void {
  if (route.name === 'event') api.preload('getEvent', route.id);
  if (route.name === 'boarding') api.preload('boarding', route.id);
  if (route.name === 'today') {
    const first = today();
    api.preload('listEvents', first, addDays(first, 1));
  }
}
