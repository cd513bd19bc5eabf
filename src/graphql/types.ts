/**
 * The GraphQL contract of DESIGN.md §4 as TypeScript, for the operations the dashboard sends.
 * Hand-written rather than derived from `Schema` so the SPA's entry chunk depends on nothing from
 * amplify/ (names and shapes are the public contract and don't change).
 */
export type PaymentMethod = 'CARD' | 'CASH' | 'CHECK' | 'ACH' | 'OTHER';
export type PaymentStatus = 'RECORDED' | 'VOIDED';
export type NotificationStatus = 'SENT' | 'FAILED';

export const PAYMENT_METHODS: readonly { value: PaymentMethod; label: string }[] = [
  { value: 'CASH', label: 'Cash' },
  { value: 'CARD', label: 'Card' },
  { value: 'CHECK', label: 'Check' },
  { value: 'ACH', label: 'ACH (bank transfer)' },
  { value: 'OTHER', label: 'Other' },
];

export interface Event {
  id: string;
  title: string;
  startsAt: string;
  endsAt?: string | null;
  boat?: string | null;
  captain?: string | null;
  crew: string[];
  capacity: number;
  priceCents: number;
  dueCents: number;
  paidCents: number;
  balanceCents: number;
  rosterCount: number;
  waiversSigned: number;
}

export interface RosterEntry {
  eventId: string;
  email: string;
  name: string;
  phone?: string | null;
  partySize: number;
  amountDueCents: number;
  paidCents: number;
  balanceCents: number;
  waiverSignedAt?: string | null;
  notes?: string | null;
}

export interface EventDetail {
  event: Event;
  roster: RosterEntry[];
}

export interface Payment {
  id: string;
  eventId: string;
  patronEmail: string;
  patronName: string;
  amountCents: number;
  currency: string;
  method: PaymentMethod;
  notes?: string | null;
  receivedAt: string;
  loggedAt: string;
  loggedBy: string;
  status: PaymentStatus;
  voidedAt?: string | null;
  voidedBy?: string | null;
  voidReason?: string | null;
  notificationStatus?: NotificationStatus | null;
  notifiedAt?: string | null;
}

export interface Page<T> {
  items: T[];
  nextToken?: string | null;
}

export interface Notification {
  paymentId: string;
  to: string;
  status: NotificationStatus;
  messageId?: string | null;
  error?: string | null;
}

export interface UpdateEventInput {
  id: string;
  title?: string;
  startsAt?: string;
  endsAt?: string;
  boat?: string;
  captain?: string;
  crew?: string[];
  capacity?: number;
  priceCents?: number;
}

export interface AddPatronInput {
  eventId: string;
  email: string;
  name: string;
  phone?: string;
  partySize?: number;
  amountDueCents?: number;
  notes?: string;
}

export type UpdatePatronInput = Partial<Omit<AddPatronInput, 'eventId' | 'email'>> & {
  eventId: string;
  email: string;
};

export interface LogPaymentInput {
  idempotencyKey: string;
  eventId: string;
  patronEmail: string;
  amountCents: number;
  method: PaymentMethod;
  notes?: string;
  receivedAt?: string;
}

/** Where a list of payments comes from. */
export type PaymentSource =
  | { kind: 'event'; eventId: string; patronEmail?: string }
  | { kind: 'patron'; email: string; from?: string; to?: string }
  | { kind: 'between'; from: string; to: string; method?: PaymentMethod };
