import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

import { renderReceipt, type ReceiptInput } from './receipt';
import { mailFailure, sendMail } from './ses';
import { operatorTimeZone } from '../../time-zone';

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

export const handler = async (event: MailerEvent, context: Context): Promise<MailerResult> => {
  logger.addContext(context);
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
};
