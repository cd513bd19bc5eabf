import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

import { operatorTimeZone } from '../../time-zone';
import {
  sendCancellationNotices,
  sendWaiverLinks,
  type CancellationRequest,
  type LinkDelivery,
  type WaiverLinksRequest,
} from '../outreach/send-links';
import { checkSettingsAtColdStart, fromEnvironment, mailerConfigFromEnv, type MailerConfig } from '../config';
import { eventPk, paymentSk } from '../../data/keys';
import { errorDetail, ValidationError, typedError } from '../errors';
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

export interface MailerHandler {
  (event: MailerEvent, context?: Context): Promise<MailerResult>;
  (event: WaiverLinksRequest | CancellationRequest, context?: Context): Promise<{ deliveries: LinkDelivery[] }>;
}

/** The mailer over one config: its SES client and logger are built once, here. */
export function mailerHandler(config: MailerConfig): MailerHandler {
  const send = mailSender(config.mail);
  const logger = new Logger({ serviceName: 'mailer' });
  return (async (event: MailerEvent | WaiverLinksRequest | CancellationRequest, context?: Context) => {
    if (context) logger.addContext(context);
    // Also the waiver-link step of sendWaiverLink(s), in ../outreach: one result per patron.
    if (event?.kind === 'waiverLinks') {
      const outreach = {
        linkSecret: config.links.secret,
        waiverBaseUrl: config.links.baseUrl,
        timeZone: operatorTimeZone(config.timeZone),
        auditEmail: config.mail.audit,
      };
      const deliveries = await sendWaiverLinks(event, outreach, send);
      logger.info('waiver links sent', {
        eventId: event.event?.id,
        deliveries: deliveries.map(({ status, messageId }) => ({ status, messageId })),
      });
      return { deliveries };
    }
    if (event?.kind === 'cancellation') {
      const deliveries = await sendCancellationNotices(
        event,
        {
          linkSecret: undefined,
          waiverBaseUrl: undefined,
          timeZone: operatorTimeZone(config.timeZone),
          auditEmail: config.mail.audit,
        },
        send,
      );
      logger.info('cancellation notices sent', {
        eventId: event.event?.id,
        deliveries: deliveries.map(({ status, messageId }) => ({ status, messageId })),
      });
      return { deliveries };
    }
    const paymentId = event?.payment?.id;
    try {
      if (event?.kind !== 'receipt' || !event.payment?.patronEmail || !event.event) {
        throw new ValidationError('The mailer was called without a payment and event.');
      }
      const receipt = renderReceipt(event, operatorTimeZone(config.timeZone));
      const { messageId } = await send({
        to: [event.payment.patronEmail],
        bcc: config.mail.audit ? [config.mail.audit] : undefined,
        subject: receipt.subject,
        html: receipt.html,
        text: receipt.text,
        ...(event.payment.eventId
          ? {
              record: {
                kind: 'receipt',
                PK: eventPk(event.payment.eventId),
                SK: paymentSk(event.payment.id),
                to: event.payment.patronEmail,
              },
            }
          : {}),
      });
      logger.info('receipt sent', { paymentId, messageId });
      return { status: 'SENT', messageId, error: null };
    } catch (err) {
      const failure = typedError(err);
      // The detail (socket errors, SES's own words) is for the logs; crew read mailFailure's.
      logger.error('receipt not sent', { paymentId, status: failure.status, error: errorDetail(err) });
      const error =
        failure instanceof ValidationError ? failure.message : `The receipt could not be sent. ${mailFailure(err)}`;
      return { status: 'FAILED', messageId: null, error };
    }
  }) as MailerHandler;
}

// On Lambda, refuse to start with a setting missing or wrong (amplify/functions/config.ts).
checkSettingsAtColdStart('mailer');
const fromEnv = fromEnvironment(mailerConfigFromEnv, mailerHandler);

/** The AWS entry point. Env: SENDER_EMAIL, AUDIT_EMAIL, TIME_ZONE, WAIVER_LINK_SECRET, WAIVER_BASE_URL; locally also SES_ENDPOINT. */
export const handler = ((event: MailerEvent | WaiverLinksRequest | CancellationRequest, context?: Context) =>
  (
    fromEnv() as (
      e: MailerEvent | WaiverLinksRequest | CancellationRequest,
      c?: Context,
    ) => Promise<MailerResult | { deliveries: LinkDelivery[] }>
  )(event, context)) as MailerHandler;
