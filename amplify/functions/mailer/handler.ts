import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

import { renderReceipt, type ReceiptInput } from './receipt';
import { mailFailure, sendMail } from './ses';
import { operatorTimeZone } from '../../time-zone';
import { sendWaiverLinks, type LinkDelivery, type WaiverLinksRequest } from '../outreach/send-links';

/**
 * notifyPatron's mailer step (AppSync Lambda data source, payload from
 * amplify/data/resolvers/notifyPatron.send.ts). A failed send is returned as an outcome, not
 * thrown: the resolver records FAILED on the payment and the admin can retry.
 */
export interface MailerEvent extends ReceiptInput {
  kind: 'receipt';
}

export interface MailerResult {
  status: 'SENT' | 'FAILED';
  messageId: string | null;
  error: string | null;
}

const logger = new Logger({ serviceName: 'mailer' });

/** Also the waiver-link step of sendWaiverLink(s) (issue 15 §4), in ../outreach. */
export function handler(event: MailerEvent, context: Context): Promise<MailerResult>;
export function handler(event: WaiverLinksRequest, context: Context): Promise<{ deliveries: LinkDelivery[] }>;
export async function handler(event: MailerEvent | WaiverLinksRequest, context: Context): Promise<MailerResult | { deliveries: LinkDelivery[] }> {
  logger.addContext(context);
  if (event?.kind === 'waiverLinks') {
    const config = { linkSecret: process.env.WAIVER_LINK_SECRET, waiverBaseUrl: process.env.WAIVER_BASE_URL, timeZone: operatorTimeZone(process.env.TIME_ZONE), auditEmail: process.env.AUDIT_EMAIL };
    const deliveries = await sendWaiverLinks(event, config, sendMail);
    logger.info('waiver links sent', { eventId: event.event?.id, deliveries: deliveries.map(({ status, messageId }) => ({ status, messageId })) });
    return { deliveries };
  }
  if (event?.kind !== 'receipt' || !event.payment?.patronEmail || !event.event) {
    return { status: 'FAILED', messageId: null, error: 'The mailer was called without a payment and event.' };
  }
  const receipt = renderReceipt(event, operatorTimeZone(process.env.TIME_ZONE));
  const audit = process.env.AUDIT_EMAIL;
  try {
    const { messageId } = await sendMail({
      to: [event.payment.patronEmail],
      bcc: audit ? [audit] : undefined,
      subject: receipt.subject,
      html: receipt.html,
      text: receipt.text,
    });
    logger.info('receipt sent', { paymentId: event.payment.id, messageId });
    return { status: 'SENT', messageId, error: null };
  } catch (err) {
    // The detail (socket errors, SES's own words) is for the logs; crew read mailFailure's.
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    logger.error('receipt not sent', { paymentId: event.payment.id, error: detail });
    return { status: 'FAILED', messageId: null, error: `The receipt could not be sent. ${mailFailure(err)}` };
  }
}
