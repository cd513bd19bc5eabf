/**
 * The last detail of each event this page loaded, with when: what the payment form falls back to
 * when it cannot reach the server, so a payment can still be entered (and wait in the outbox)
 * against a roster that says how old it is. Memory only: it lasts as long as the page.
 */
import type { EventDetail } from '../graphql/types';

export interface Loaded {
  detail: EventDetail;
  loadedAt: Date;
}

const loaded = new Map<string, Loaded>();

export function rememberLoaded(detail: EventDetail | null | undefined): void {
  if (detail) loaded.set(detail.event.id, { detail, loadedAt: new Date() });
}

export function lastLoaded(eventId: string): Loaded | undefined {
  return loaded.get(eventId);
}

/** Forgets every event (a test's fresh page). */
export function forgetLoaded(): void {
  loaded.clear();
}
