import type { SesEvent } from '../../amplify/functions/mail-events/record';

/**
 * SES's mailbox simulator, for the local SES stand-in (pure; ses-simulator.ts runs it inside the
 * stand-in). Mail to SES's documented simulator addresses produces the sending events SES
 * publishes for them, in the shape SES publishes (the `detail` of its EventBridge event):
 *   success@simulator.amazonses.com         Delivery
 *   bounce@simulator.amazonses.com          Bounce (Permanent / General, 5.1.1)
 *   ooto@simulator.amazonses.com            Delivery (the out-of-office reply goes to the sender)
 *   complaint@simulator.amazonses.com       Delivery, then Complaint
 *   suppressionlist@simulator.amazonses.com Bounce (Permanent / OnAccountSuppressionList)
 * A label (`bounce+receipt1@…`) is allowed, as on SES. Other recipients produce no events: the
 * stand-in delivers everything to its viewer, which says nothing about a real mailbox.
 */
export const SIMULATOR_DOMAIN = 'simulator.amazonses.com';

export interface AcceptedMail {
  messageId: string;
  source: string;
  /** every recipient: To, Cc and Bcc, as SES's `mail.destination` */
  destination: string[];
  /** ISO 8601: when the stand-in accepted it */
  timestamp: string;
  configurationSet?: string;
  /** the message's tags (name → value) */
  tags: Record<string, string>;
}

export function simulatorBox(address: string): string | null {
  const [local, domain] = address.trim().toLowerCase().split('@');
  if (domain !== SIMULATOR_DOMAIN || !local) return null;
  return local.split('+')[0]!;
}

/** The events SES would publish for this message; none without a configuration set (nothing to publish through). */
export function simulatorEvents(mail: AcceptedMail, now: Date): SesEvent[] {
  if (!mail.configurationSet) return [];
  const tags: Record<string, string[]> = {
    'ses:configuration-set': [mail.configurationSet],
    'ses:from-domain': [mail.source.split('@')[1] ?? ''],
  };
  for (const [name, value] of Object.entries(mail.tags)) tags[name] = [value];
  const mailObject = {
    messageId: mail.messageId,
    timestamp: mail.timestamp,
    source: mail.source,
    destination: mail.destination,
    tags,
  };
  const at = now.toISOString();
  const events: SesEvent[] = [];
  for (const recipient of mail.destination) {
    const box = simulatorBox(recipient);
    const delivery = (): SesEvent => ({
      eventType: 'Delivery',
      mail: mailObject,
      delivery: {
        timestamp: at,
        recipients: [recipient],
        ...{
          processingTimeMillis: 100,
          smtpResponse: '250 2.6.0 Message received',
          reportingMTA: 'a8-70.smtp-out.amazonses.com',
        },
      },
    });
    const bounce = (subType: string, status: string): SesEvent => ({
      eventType: 'Bounce',
      mail: mailObject,
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: subType,
        timestamp: at,
        bouncedRecipients: [{ emailAddress: recipient, ...{ action: 'failed', status } }],
      },
    });
    if (box === 'success' || box === 'ooto') events.push(delivery());
    else if (box === 'bounce') events.push(bounce('General', '5.1.1'));
    else if (box === 'suppressionlist') events.push(bounce('OnAccountSuppressionList', '5.1.1'));
    else if (box === 'complaint') {
      events.push(delivery());
      events.push({
        eventType: 'Complaint',
        mail: mailObject,
        complaint: {
          timestamp: at,
          complainedRecipients: [{ emailAddress: recipient }],
          complaintFeedbackType: 'abuse',
        },
      });
    }
  }
  return events;
}

/** The EventBridge envelope SES's events arrive in (detail-type per event type, source aws.ses). */
export const DETAIL_TYPES: Record<string, string> = {
  Send: 'Email Sent',
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Reject: 'Email Rejected',
  DeliveryDelay: 'Email Delivery Delayed',
};

export function eventBridgeEnvelope(event: SesEvent, id: string, region: string) {
  return {
    version: '0',
    id,
    'detail-type': DETAIL_TYPES[event.eventType] ?? event.eventType,
    source: 'aws.ses',
    account: '000000000000',
    time: new Date().toISOString(),
    region,
    resources: [],
    detail: event,
  };
}

/** The tags of a v1 (Query protocol) SendEmail: `Tags.member.N.Name` / `.Value`. */
export function queryTags(body: Record<string, unknown>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let n = 1; typeof body[`Tags.member.${n}.Name`] === 'string'; n += 1)
    tags[body[`Tags.member.${n}.Name`] as string] = String(body[`Tags.member.${n}.Value`] ?? '');
  return tags;
}

export function queryList(body: Record<string, unknown>, prefix: string): string[] {
  const out: string[] = [];
  for (let n = 1; typeof body[`${prefix}.member.${n}`] === 'string'; n += 1)
    out.push(body[`${prefix}.member.${n}`] as string);
  return out;
}
