/**
 * The GraphQL contract (docs/architecture.md) as TypeScript. Result and input types come from the schema itself
 * (`Schema` of amplify/data/resource.ts, a type-only import that leaves no trace in the bundle), so
 * the dashboard stops compiling if the contract changes under it.
 */
import type { Schema } from '../../amplify/data/resource';

export type Event = Schema['Event']['type'];
export type RosterEntry = Schema['RosterEntry']['type'];
export type EventDetail = Schema['EventDetail']['type'];
export type WalkUp = Schema['WalkUp']['type'];
export type WaiverClaim = Schema['WaiverClaim']['type'];
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
/** What crew must knowingly accept to board a person (amplify/domain/people.ts boardingProblems). */
export type BoardingProblem = Schema['BoardingProblem']['type'];
export type Boarding = Schema['Boarding']['type'];

// Issue 17 §3: refunds and cancellations.
export type RefundPaymentInput = Schema['refundPayment']['args']['input'];
export type Cancellation = Schema['Cancellation']['type'];
export type Rebooking = Schema['Rebooking']['type'];
// Issue 17 §2: audit trails and signed waivers.
export type AuditEntry = Schema['AuditEntry']['type'];
export type SignedWaiver = Schema['SignedWaiver']['type'];
export type SignedWaiverDocument = Schema['SignedWaiverDocument']['type'];
/** Whose audit trail: an event's, or a patron's across events. */
export type AuditSource = { kind: 'event'; eventId: string } | { kind: 'patron'; email: string };
// The team.
export type TeamMember = Schema['TeamMember']['type'];
export type TeamGroup = NonNullable<TeamMember['group']>;
export type InviteTeamMemberInput = Schema['inviteTeamMember']['args']['input'];
export const TEAM_GROUPS: readonly { value: TeamGroup; label: string }[] = [
  { value: 'CREW', label: 'Crew' },
  { value: 'ACCOUNTING', label: 'Accounting' },
  { value: 'ADMINS', label: 'Admin' },
];
// Reconciliation
export type CashCount = Schema['CashCount']['type'];
/** One event's takings on one operator day, kept as the money moves. */
export type Takings = Schema['Takings']['type'];
export type PaymentKind = NonNullable<Payment['kind']>;
// Issue 16 §1: live updates. Whether a screen's are flowing: 'off' when this client has none.
export type LiveStatus = 'off' | 'connecting' | 'live' | 'lost';
/** What DataClient.watchEvent reports: another user changed the event, and how the live link is. */
export interface EventWatcher {
  changed(): void;
  status(status: LiveStatus): void;
}

/** Session 6 leftovers: an event as a screen naming it needs it (eventTitles with its status). */
export type EventSummary = Pick<Event, 'id' | 'title' | 'startsAt' | 'status'>;
