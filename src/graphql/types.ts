/**
 * The GraphQL contract of DESIGN.md §4 as TypeScript. Result and input types come from the schema itself
 * (`Schema` of amplify/data/resource.ts, a type-only import that leaves no trace in the bundle), so
 * the dashboard stops compiling if the contract changes under it.
 */
import type { Schema } from '../../amplify/data/resource';

export type Event = Schema['Event']['type'];
export type RosterEntry = Schema['RosterEntry']['type'];
export type EventDetail = Schema['EventDetail']['type'];
export type WalkUp = Schema['WalkUp']['type'];
export type Payment = Schema['Payment']['type'];
export type Notification = Schema['Notification']['type'];
export type WaiverLinkDelivery = Schema['WaiverLinkDelivery']['type'];
export type PaymentMethod = NonNullable<Payment['method']>;
export type PaymentStatus = NonNullable<Payment['status']>;
export type NotificationStatus = NonNullable<Notification['status']>;

export const PAYMENT_METHODS: readonly { value: PaymentMethod; label: string }[] = [
  { value: 'CASH', label: 'Cash' },
  { value: 'CARD', label: 'Card' },
  { value: 'CHECK', label: 'Check' },
  { value: 'ACH', label: 'ACH (bank transfer)' },
  { value: 'OTHER', label: 'Other' },
];

export interface Page<T> {
  items: T[];
  nextToken?: string | null;
}

// Inputs are the mutations' own `input` arguments: optional fields accept null, as GraphQL does
// (on an update, null clears the field).
export type CreateEventInput = Schema['createEvent']['args']['input'];
export type UpdateEventInput = Schema['updateEvent']['args']['input'];
export type AddPatronInput = Schema['addPatron']['args']['input'];
export type UpdatePatronInput = Schema['updatePatron']['args']['input'];
export type LogPaymentInput = Schema['logPayment']['args']['input'];

/** Where a list of payments comes from. */
export type PaymentSource =
  | { kind: 'event'; eventId: string; patronEmail?: string }
  | { kind: 'patron'; email: string; from?: string; to?: string }
  | { kind: 'between'; from: string; to: string; method?: PaymentMethod };

export type CheckIn = Schema['CheckIn']['type'];
export type Boarding = Schema['Boarding']['type'];

// Issue 17 §3: refunds and cancellations.
export type RefundPaymentInput = Schema['refundPayment']['args']['input'];
export type Cancellation = Schema['Cancellation']['type'];
export type Rebooking = Schema['Rebooking']['type'];
