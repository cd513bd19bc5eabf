/**
 * The dashboard's custom events: `scc-` + kebab-case, bubbling; `composed` where the shell (across
 * shadow roots) must hear them. Each is a typed CustomEvent registered in HTMLElementEventMap.
 */
import type {
  CashCount,
  CheckIn,
  Event as SccEventData,
  Notification,
  Payment,
  RosterEntry,
  TeamMember,
  WaiverLinkDelivery,
} from '../graphql/types';

export interface PaymentRequest {
  eventId: string;
  patronEmail?: string;
}

export interface SignInDetail {
  email: string;
  password: string;
  /** The password chosen in place of a temporary one (an invited member's first sign-in, after a reset). */
  newPassword?: string;
}

export type SccEventMap = {
  /** A view asks the shell to open the payment modal, pre-filled. */
  'scc-open-payment': PaymentRequest;
  /** A payment was recorded (the modal fires it; views refresh their totals). */
  'scc-payment-logged': { payment: Payment };
  /** No signal: a payment waits in the outbox (src/lib/offline/outbox.ts) under its idempotency key. */
  'scc-payment-queued': { key: string; eventId: string };
  /** A payment was voided. */
  'scc-payment-voided': { payment: Payment };
  /** A receipt email was attempted. */
  'scc-receipt-sent': { notification: Notification };
  /** A roster entry was added, edited or removed. */
  'scc-patron-changed': { entry: RosterEntry; change: 'added' | 'updated' | 'removed' };
  /**
   * A change was refused because what it was based on had changed (Conflict, NotFound): every view
   * reloads what it shows, so no one acts on a stale balance or roster.
   */
  'scc-data-stale': { error: unknown };
  /** An event was edited. */
  'scc-event-changed': { event: SccEventData };
  /** Navigate within the app (the shell pushes history). */
  'scc-navigate': { path: string };
  /** The sign-in form was submitted. */
  'scc-sign-in': SignInDetail;
  /** A date range was picked. */
  'scc-range-change': { from: string; to: string };
  /** Personal waiver links were sent (or their sending failed), as the API recorded each. */
  'scc-waiver-links-sent': { deliveries: WaiverLinkDelivery[] };
  /** A roster row asks to see one patron's payments. */
  'scc-show-history': { email: string };
  /** A person was checked in or their check-in undone (or the attempt found the boarding changed). */
  'scc-boarding-changed': { checkIn?: CheckIn; error?: unknown };
  /** A member of the team was invited or changed. */
  'scc-team-changed': { member: TeamMember };
  /** A cash count was recorded. */
  'scc-cash-counted': { count: CashCount };
  /** Issue 16 §1: someone (maybe on another device) changed an event this screen shows live. */
  'scc-live-changed': { eventId: string };
};

export type SccEventName = keyof SccEventMap;

/** Events the shell listens for on itself, so they cross shadow roots. */
const COMPOSED = new Set<SccEventName>([
  'scc-open-payment',
  'scc-payment-logged',
  'scc-payment-voided',
  'scc-receipt-sent',
  'scc-patron-changed',
  'scc-event-changed',
  'scc-navigate',
  'scc-sign-in',
  'scc-data-stale',
  'scc-waiver-links-sent',
  'scc-team-changed',
  'scc-payment-queued',
  'scc-live-changed',
]);

export function sccEvent<K extends SccEventName>(name: K, detail: SccEventMap[K]): CustomEvent<SccEventMap[K]> {
  return new CustomEvent(name, { detail, bubbles: true, composed: COMPOSED.has(name) });
}

/** Each scc-* event as the CustomEvent listeners receive. */
export type SccEvents = { [K in SccEventName]: CustomEvent<SccEventMap[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends SccEvents {}
}
