import { eventPk, patronSk } from '../../data/keys';
import type { MailMessage } from '../mailer/ses';
import type { MailKind } from '../mail-events/tags';
import { mailFailure } from '../mailer/ses';
import {
  renderCancellationEmail,
  renderWaiverLinkEmail,
  type OutreachEmail,
  type OutreachEvent,
  type OutreachPatron,
} from './email';
import { personalWaiverUrl } from './link';

/**
 * The mailer's waiver-link step (sendWaiverLink / sendWaiverLinks): one personal link per patron.
 * Each send's failure is an outcome (FAILED and why), never an error of the whole call, so the
 * resolver records it on the roster entry and crew can retry that patron.
 */
export interface WaiverLinksRequest {
  kind: 'waiverLinks';
  event: OutreachEvent;
  patrons: OutreachPatron[];
}

export interface LinkDelivery {
  email: string;
  status: 'SENT' | 'FAILED';
  messageId: string | null;
  error: string | null;
}

export interface OutreachConfig {
  /** WAIVER_LINK_SECRET: signs the personal links (link.ts) */
  linkSecret: string | undefined;
  /** WAIVER_BASE_URL: `https://<site>/g` */
  waiverBaseUrl: string | undefined;
  timeZone: string;
  /** AUDIT_EMAIL: a blind copy of each message, if set */
  auditEmail?: string;
}

type Send = (message: MailMessage) => Promise<{ messageId: string }>;

export async function sendWaiverLinks(
  request: WaiverLinksRequest,
  config: OutreachConfig,
  sendMail: Send,
): Promise<LinkDelivery[]> {
  // Sequential: a sailing's roster is small, and SES's send rate is per second.
  const out: LinkDelivery[] = [];
  for (const patron of request.patrons) out.push(await sendOne(request.event, patron, config, sendMail));
  return out;
}

/** The notice that the sailing is cancelled, to each patron still booked on it. */
export interface CancellationRequest {
  kind: 'cancellation';
  event: OutreachEvent;
  patrons: OutreachPatron[];
}

export async function sendCancellationNotices(
  request: CancellationRequest,
  config: OutreachConfig,
  sendMail: Send,
): Promise<LinkDelivery[]> {
  const out: LinkDelivery[] = [];
  for (const patron of request.patrons) {
    out.push(
      await deliver(
        request.event,
        patron,
        'cancelNotice',
        renderCancellationEmail(request.event, patron, config.timeZone),
        'The cancellation notice',
        config,
        sendMail,
      ),
    );
  }
  return out;
}

async function sendOne(
  event: OutreachEvent,
  patron: OutreachPatron,
  config: OutreachConfig,
  sendMail: Send,
): Promise<LinkDelivery> {
  if (!config.linkSecret || !config.waiverBaseUrl) {
    return {
      email: patron.email,
      status: 'FAILED',
      messageId: null,
      error:
        'The waiver link could not be sent: personal links are not configured (WAIVER_LINK_SECRET, WAIVER_BASE_URL).',
    };
  }
  const url = personalWaiverUrl(config.waiverBaseUrl, config.linkSecret, event.id, patron.email);
  return deliver(
    event,
    patron,
    'waiverLink',
    renderWaiverLinkEmail(event, patron, url, config.timeZone),
    'The waiver link',
    config,
    sendMail,
  );
}

/** One message, tagged with the roster entry that records its delivery (`kind`). */
async function deliver(
  event: OutreachEvent,
  patron: OutreachPatron,
  kind: MailKind,
  mail: OutreachEmail,
  what: string,
  config: OutreachConfig,
  sendMail: Send,
): Promise<LinkDelivery> {
  const failed = (error: string): LinkDelivery => ({ email: patron.email, status: 'FAILED', messageId: null, error });
  const record = { kind, PK: eventPk(event.id), SK: patronSk(patron.email), to: patron.email };
  try {
    const { messageId } = await sendMail({
      to: [patron.email],
      ...(config.auditEmail ? { bcc: [config.auditEmail] } : {}),
      ...mail,
      record,
    });
    return { email: patron.email, status: 'SENT', messageId, error: null };
  } catch (err) {
    return failed(`${what} could not be sent. ${mailFailure(err)}`);
  }
}
