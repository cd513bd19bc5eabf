import type { MailMessage } from '../mailer/ses';
import { mailFailure } from '../mailer/ses';
import { renderWaiverLinkEmail, type OutreachEvent, type OutreachPatron } from './email';
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

export async function sendWaiverLinks(request: WaiverLinksRequest, config: OutreachConfig, sendMail: Send): Promise<LinkDelivery[]> {
  // Sequential: a sailing's roster is small, and SES's send rate is per second.
  const out: LinkDelivery[] = [];
  for (const patron of request.patrons) out.push(await sendOne(request.event, patron, config, sendMail));
  return out;
}

async function sendOne(event: OutreachEvent, patron: OutreachPatron, config: OutreachConfig, sendMail: Send): Promise<LinkDelivery> {
  const failed = (error: string): LinkDelivery => ({ email: patron.email, status: 'FAILED', messageId: null, error });
  if (!config.linkSecret || !config.waiverBaseUrl) {
    return failed('The waiver link could not be sent: personal links are not configured (WAIVER_LINK_SECRET, WAIVER_BASE_URL).');
  }
  const url = personalWaiverUrl(config.waiverBaseUrl, config.linkSecret, event.id, patron.email);
  const mail = renderWaiverLinkEmail(event, patron, url, config.timeZone);
  try {
    const { messageId } = await sendMail({ to: [patron.email], ...(config.auditEmail ? { bcc: [config.auditEmail] } : {}), ...mail });
    return { email: patron.email, status: 'SENT', messageId, error: null };
  } catch (err) {
    return failed(`The waiver link could not be sent. ${mailFailure(err)}`);
  }
}
