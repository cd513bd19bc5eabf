/** The stored shapes (attributes named as the GraphQL fields, plus keys and bookkeeping). */
export interface EventItem {
  PK: string;
  SK: string;
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
  /** sum of party sizes: what capacity is checked against */
  headCount: number;
  waiversSigned: number;
  /** absent = SCHEDULED (items from before cancellations) */
  status?: 'SCHEDULED' | 'CANCELLED' | null;
  cancelledAt?: string | null;
  cancelledBy?: string | null;
  cancelReason?: string | null;
}

export interface RosterItem {
  PK: string;
  SK: string;
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
  waiverId?: string;
  waiverSignedBy?: string;
  waiverMinors?: string[];
  waiverPeople?: number;
  waiverVersion?: string;
  /** absent = BOOKED; MOVED = rebooked onto `movedTo` (kept, counted nowhere) */
  status?: 'BOOKED' | 'MOVED' | null;
  movedTo?: string | null;
  movedFrom?: string | null;
  /** how many of its people are checked in (checkIn and undoCheckIn keep it; absent = none) */
  aboard?: number | null;
}

/**
 * The waiver a roster entry or a walk-up (`GUEST#<email>`, signed but not booked) is covered by,
 * written by the waiver Lambda. Event.waiversSigned is the sum of coveredPeople over the roster.
 */
export interface WaiverLink {
  waiverId: string;
  waiverSignedAt: string;
  /** The name the waiver was signed with, which may differ from the booking's. */
  waiverSignedBy: string;
  waiverMinors: string[];
  /** People covered: the signer and each minor. */
  waiverPeople: number;
  /**
   * The SHA-256 (hex) of the waiver text signed (amplify/waivers, the signed record's
   * waiverVersion), so the manifest says which text each person agreed to. Absent on links
   * written before it was copied here.
   */
  waiverVersion?: string;
}

/**
 * A signature made through the public event link under a booked email (`HELD#<email>#<waiverId>`):
 * anyone can type any address there, so it is held as "claims to be <claimsName>" and the booking
 * is untouched until staff match it (matchWaiverClaim). The signed record itself is the WAIVER# item.
 */
export interface WaiverClaimItem extends WaiverLink {
  PK: string;
  SK: string;
  type: 'WaiverClaim';
  eventId: string;
  /** The booked email it was signed under. */
  email: string;
  /** The booking's name when it was signed: who the signer claims to be. */
  claimsName: string;
  /** HELD until staff match it to the booking; MATCHED after (kept, as every record is). */
  status: 'HELD' | 'MATCHED';
  matchedAt?: string | null;
  matchedBy?: string | null;
}

export const CLAIM_ATTRIBUTES = [
  'status',
  'matchedAt',
  'matchedBy',
  'waiverId',
  'waiverSignedAt',
  'waiverSignedBy',
  'waiverMinors',
  'waiverPeople',
  'waiverVersion',
];

// The resolvers count a waiver's people by the rule the dashboard and the waiver Lambda share.
export { coveredPeople } from '../../../domain/people';

export interface PaymentItem {
  PK: string;
  SK: string;
  id: string;
  eventId: string;
  patronEmail: string;
  patronName: string;
  amountCents: number;
  currency: string;
  method: string;
  notes?: string | null;
  receivedAt: string;
  loggedAt: string;
  loggedBy: string;
  status: 'RECORDED' | 'VOIDED' | 'MOVED';
  /** absent = PAYMENT (items from before refunds) */
  kind?: 'PAYMENT' | 'REFUND' | null;
  reason?: string | null;
  refundOf?: string | null;
  /** of a PAYMENT: the sum of the recorded refunds naming it (refundOf) */
  refundedCents?: number | null;
  movedTo?: string | null;
  movedToPaymentId?: string | null;
  movedFrom?: string | null;
  movedFromPaymentId?: string | null;
  voidedAt?: string | null;
  voidedBy?: string | null;
  voidReason?: string | null;
  notificationStatus?: 'SENT' | 'FAILED' | null;
  notifiedAt?: string | null;
  notificationError?: string | null;
  idempotencyKey: string;
  expiresAt: number;
}

/**
 * The attributes each kind of item can hold, present or not: a write conditioned on an item "as
 * read" (tx.ts asRead) pins these, so an optional one set meanwhile is caught too.
 */
export const EVENT_ATTRIBUTES = [
  'id',
  'title',
  'startsAt',
  'endsAt',
  'boat',
  'captain',
  'crew',
  'capacity',
  'priceCents',
  'dueCents',
  'paidCents',
  'balanceCents',
  'rosterCount',
  'headCount',
  'waiversSigned',
  'checkedIn',
  'walkUpsAboard',
  'status',
  'cancelledAt',
  'cancelledBy',
  'cancelReason',
];
export const ROSTER_ATTRIBUTES = [
  'eventId',
  'email',
  'name',
  'phone',
  'partySize',
  'amountDueCents',
  'paidCents',
  'balanceCents',
  'waiverSignedAt',
  'waiverId',
  'waiverSignedBy',
  'waiverMinors',
  'waiverPeople',
  'notes',
  'waiverVersion',
  'status',
  'movedTo',
  'movedFrom',
  'aboard',
];
export const PAYMENT_ATTRIBUTES = [
  'id',
  'amountCents',
  'patronEmail',
  'status',
  'voidedAt',
  'voidedBy',
  'voidReason',
  'notificationStatus',
  'notifiedAt',
  'notificationError',
  'kind',
  'refundedCents',
  'movedTo',
  'movedToPaymentId',
  'inTotals',
];
export const NOTIFICATION_ATTRIBUTES = [
  'notificationStatus',
  'notifiedAt',
  'notificationError',
  'notificationMessageId',
];
/**
 * What SES later reports about a message (amplify/functions/mail-events/record.ts writes them):
 * `<delivery>` (DELIVERED, BOUNCED, COMPLAINED…), its precedence, when, and SES's classification.
 * A new send of the same kind removes them: they were about the message before.
 */
export function mailOutcomeAttributes(delivery: string): string[] {
  return [delivery, delivery + 'Rank', delivery + 'At', delivery + 'Detail'];
}

/** Payments are kept 7 years after the event they paid for (docs/architecture.md, "Invariants"), as a TTL in seconds. */
export const PAYMENT_RETENTION_SECONDS = 7 * 366 * 24 * 60 * 60;
