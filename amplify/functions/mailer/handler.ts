import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

import { operatorTimeZone } from '../../time-zone';
import { fromEnvironment, mailerConfigFromEnv, type MailerConfig } from '../config';
import { errorDetail, Invalid, typedError } from '../errors';
import { renderReceipt, type ReceiptInput } from './receipt';
import { mailFailure, mailSender } from './ses';

/**
 * notifyPatron's mailer step (AppSync Lambda data source, payload from
 * amplify/data/resolvers/notifyPatron.send.ts). A failure of any kind is returned as a FAILED
 * outcome, never thrown: the resolver records FAILED on the payment and the admin can retry.
 */
export interface MailerEvent extends ReceiptInput {
  kind: 'receipt';
}

export interface MailerResult {
  status: 'SENT' | 'FAILED';
  messageId: string | null;
  error: string | null;
}

export type MailerHandler = (event: MailerEvent, context?: Context) => Promise<MailerResult>;

/** The mailer over one config: its SES client and logger are built once, here. */
export function mailerHandler(config: MailerConfig): MailerHandler {
  const send = mailSender(config.mail);
  const logger = new Logger({ serviceName: 'mailer' });
  return async (event, context) => {
    if (context) logger.addContext(context);
    const paymentId = event?.payment?.id;
    try {
      if (event?.kind !== 'receipt' || !event.payment?.patronEmail || !event.event) {
        throw new Invalid('The mailer was called without a payment and event.');
      }
      const receipt = renderReceipt(event, operatorTimeZone(config.timeZone));
      const { messageId } = await send({
        to: [event.payment.patronEmail],
        bcc: config.mail.audit ? [config.mail.audit] : undefined,
        subject: receipt.subject,
        html: receipt.html,
        text: receipt.text,
      });
      logger.info('receipt sent', { paymentId, messageId });
      return { status: 'SENT', messageId, error: null };
    } catch (err) {
      const failure = typedError(err);
      // The detail (socket errors, SES's own words) is for the logs; crew read mailFailure's.
      logger.error('receipt not sent', { paymentId, status: failure.status, error: errorDetail(err) });
      const error = failure instanceof Invalid ? failure.message : `The receipt could not be sent. ${mailFailure(err)}`;
      return { status: 'FAILED', messageId: null, error };
    }
  };
}

const fromEnv = fromEnvironment(mailerConfigFromEnv, mailerHandler);

/** The AWS entry point. Env: SENDER_EMAIL, AUDIT_EMAIL, TIME_ZONE; locally also SES_ENDPOINT. */
export const handler = (event: MailerEvent, context: Context): Promise<MailerResult> => fromEnv()(event, context);
