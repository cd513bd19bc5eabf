import { patronSk } from '../../data/keys';
import { recordOfTags, type MailKind, type MailRecord } from './tags';

/**
 * What one SES sending event means for SCC's records (pure; handler.ts writes it). SES publishes
 * the event to EventBridge (`detail` is the event record SES documents for every destination; the
 * local SES stand-in publishes the same shape, local/stack/ses-simulator.ts).
 */
export interface SesMail {
  messageId: string;
  /** when SES accepted the message (ISO 8601) */
  timestamp: string;
  destination: string[];
  tags?: Record<string, string[] | undefined>;
}

export interface SesEvent {
  eventType: string;
  mail: SesMail;
  delivery?: { timestamp: string; recipients?: string[] };
  bounce?: {
    bounceType: string;
    bounceSubType?: string;
    timestamp: string;
    bouncedRecipients?: { emailAddress: string }[];
  };
  complaint?: { timestamp: string; complainedRecipients?: { emailAddress: string }[]; complaintFeedbackType?: string };
  deliveryDelay?: { timestamp: string; delayType?: string; delayedRecipients?: { emailAddress: string }[] };
  reject?: { reason?: string };
}

/** The EventBridge event that carries it (source `aws.ses`). */
export interface SesEventBridgeEvent {
  source?: string;
  'detail-type'?: string;
  detail: SesEvent;
}

/**
 * How a message fared, and its precedence: an outcome is recorded only over a lower one, so a
 * replayed event changes nothing, a late "delayed" never hides a delivery, and a bounce or
 * complaint arriving after the delivery (SES reports both for a mailbox that accepted the mail,
 * then bounced it) wins.
 */
export const OUTCOMES = { DELAYED: 1, DELIVERED: 2, REJECTED: 3, BOUNCED: 4, COMPLAINED: 5 } as const;
export type Outcome = keyof typeof OUTCOMES;

/** Where each kind of message records its delivery: the send's message id and time, and the outcome's attributes. */
export const DELIVERY_ATTRIBUTES: Record<MailKind, { messageId: string; sentAt: string; delivery: string }> = {
  receipt: { messageId: 'notificationMessageId', sentAt: 'notifiedAt', delivery: 'notificationDelivery' },
  waiverLink: { messageId: 'waiverLinkMessageId', sentAt: 'waiverLinkSentAt', delivery: 'waiverLinkDelivery' },
  cancelNotice: { messageId: 'cancelNoticeMessageId', sentAt: 'cancelNoticeSentAt', delivery: 'cancelNoticeDelivery' },
  reminder: { messageId: 'messageId', sentAt: 'sentAt', delivery: 'delivery' },
};

/** The attributes an outcome is written to: `<delivery>`, `<delivery>Rank`, `<delivery>At`, `<delivery>Detail`. */
export function outcomeAttributes(kind: MailKind): string[] {
  const d = DELIVERY_ATTRIBUTES[kind].delivery;
  return [d, d + 'Rank', d + 'At', d + 'Detail'];
}

export interface DeliveryPlan {
  record: MailRecord;
  eventId: string;
  messageId: string;
  sentAt: string;
  outcome: Outcome;
  at: string;
  /** SES's classification (`Permanent/General`, `abuse`…), never the remote server's words */
  detail: string | null;
  /** a hard bounce or a complaint: the booking's address is not mailed again until it is corrected */
  suppress: boolean;
}

const has = (list: { emailAddress: string }[] | string[] | undefined, to: string) =>
  (list ?? []).some((r) => (typeof r === 'string' ? r : r.emailAddress).toLowerCase() === to);

/**
 * The plan for one event, or null when it records nothing: not one of ours, a kind of event we
 * do not record (Send, Open…), or about another recipient (the operator's blind copy).
 */
export function planDelivery(input: SesEvent | SesEventBridgeEvent): DeliveryPlan | null {
  const event = 'detail' in input ? input.detail : input;
  const record = recordOfTags(event?.mail?.tags);
  if (!record || !event.mail.messageId) return null;
  const to = record.to.toLowerCase();
  const base = {
    record,
    eventId: record.PK.slice('EVENT#'.length),
    messageId: event.mail.messageId,
    sentAt: event.mail.timestamp,
  };
  switch (event.eventType) {
    case 'Delivery':
      if (event.delivery?.recipients && !has(event.delivery.recipients, to)) return null;
      return {
        ...base,
        outcome: 'DELIVERED',
        at: event.delivery?.timestamp ?? event.mail.timestamp,
        detail: null,
        suppress: false,
      };
    case 'Bounce': {
      const b = event.bounce;
      if (!b || !has(b.bouncedRecipients, to)) return null;
      return {
        ...base,
        outcome: 'BOUNCED',
        at: b.timestamp,
        detail: [b.bounceType, b.bounceSubType].filter(Boolean).join('/'),
        suppress: b.bounceType === 'Permanent',
      };
    }
    case 'Complaint': {
      const c = event.complaint;
      if (!c || !has(c.complainedRecipients, to)) return null;
      return {
        ...base,
        outcome: 'COMPLAINED',
        at: c.timestamp,
        detail: c.complaintFeedbackType ?? null,
        suppress: true,
      };
    }
    case 'DeliveryDelay': {
      const d = event.deliveryDelay;
      if (!d || (d.delayedRecipients && !has(d.delayedRecipients, to))) return null;
      return { ...base, outcome: 'DELAYED', at: d.timestamp, detail: d.delayType ?? null, suppress: false };
    }
    case 'Reject':
      return {
        ...base,
        outcome: 'REJECTED',
        at: event.mail.timestamp,
        detail: event.reject?.reason ?? null,
        suppress: false,
      };
    default:
      return null;
  }
}

/** The booking the message was about: the patron's roster entry in the same event partition. */
export function rosterKey(plan: DeliveryPlan): { PK: string; SK: string } {
  return { PK: plan.record.PK, SK: patronSk(plan.record.to) };
}

/**
 * A refused write (the record did not say "this message, at a lower outcome"), read back: was it
 * already recorded or superseded by a later send (nothing to do), or does the record not know of
 * this message yet (the sender's own write comes just after SES accepts the mail: try again)?
 */
export function afterRefusal(
  item: Record<string, unknown> | undefined,
  plan: DeliveryPlan,
): 'gone' | 'recorded' | 'superseded' | 'not-yet' {
  if (!item) return 'gone';
  const names = DELIVERY_ATTRIBUTES[plan.record.kind];
  if (item[names.messageId] === plan.messageId) return 'recorded';
  const sentAt = item[names.sentAt];
  return typeof sentAt === 'string' && sentAt >= plan.sentAt ? 'superseded' : 'not-yet';
}
