import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';

import { fromEnvironment, mailConfigFromEnv, type MailConfig } from '../config';
import { messageTags, type MailRecord } from '../mail-events/tags';

/**
 * Sending mail through SES, shared by the mailer Lambda (receipts) and the waiver Lambda (the
 * signed copy). Locally the config's endpoint is aws-ses-v2-local; in AWS it is unset and the SDK
 * uses the region's SES endpoint. The sender is the config's verified identity.
 */
export interface MailMessage {
  to: string[];
  subject: string;
  html: string;
  text: string;
  bcc?: string[];
  replyTo?: string[];
  /** the record its delivery, bounce or complaint is written to (a patron's message); absent: staff mail, a signer's copy */
  record?: MailRecord;
}

/**
 * A header is one line: control characters (CR, LF, tabs…) and line/paragraph separators become
 * single spaces, so text from a title can never add a header. sendMail applies it to every Subject;
 * renderers use it too so what they return is what is sent.
 */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}

const NO_SENDER = 'SENDER_EMAIL is not configured';

/** The failure names (SDK error `name`s) that mean "try again later", not "this message is wrong". */
const TRANSIENT = ['Throttling', 'ThrottlingException', 'ServiceUnavailable', 'InternalFailure', 'TimeoutError'];

/**
 * What a person is told when mail could not be sent: never the SDK's own words, which can name
 * sockets and internal addresses (`connect ECONNREFUSED 127.0.0.1:8105`); the caller logs those.
 */
export function mailFailure(err: unknown): string {
  const e = err as { name?: string; $fault?: string; $metadata?: { httpStatusCode?: number }; message?: string };
  if (e?.message === NO_SENDER)
    return 'Sending mail is not set up on this site yet (no sender address): tell an admin.';
  // No HTTP answer at all (refused, reset, timed out), or SES's own fault: worth another try.
  if (!e?.$metadata?.httpStatusCode || e.$fault === 'server' || TRANSIENT.includes(e.name ?? ''))
    return 'The mail service could not be reached just now: try again in a few minutes.';
  if (e.name === 'MessageRejected' || e.name === 'MailFromDomainNotVerifiedException')
    return 'The mail service refused the message: check the address, or tell an admin.';
  return 'The mail service could not send it: try again, and tell an admin if it keeps happening.';
}

export type SendMail = (message: MailMessage) => Promise<{ messageId: string }>;

/** A sender over one SES client, built once for its config and reused across invocations. */
export function mailSender(config: MailConfig): SendMail {
  const client = new SESClient({
    region: config.region,
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 }
      : {}),
  });
  return async (message) => {
    if (!config.sender) throw new Error(NO_SENDER);
    const out = await client.send(
      new SendEmailCommand({
        Source: config.sender,
        // SES publishes the message's events through the configuration set, with its tags.
        ConfigurationSetName: config.configurationSet,
        Tags: message.record ? messageTags(message.record) : undefined,
        Destination: { ToAddresses: message.to, BccAddresses: message.bcc },
        ReplyToAddresses: message.replyTo,
        Message: {
          Subject: { Data: oneLine(message.subject), Charset: 'UTF-8' },
          Body: { Html: { Data: message.html, Charset: 'UTF-8' }, Text: { Data: message.text, Charset: 'UTF-8' } },
        },
      }),
    );
    return { messageId: out.MessageId ?? '' };
  };
}

const senderFromEnv = fromEnvironment(mailConfigFromEnv, mailSender);

/** sendMail as configured by this process's environment (SES_ENDPOINT, SENDER_EMAIL, ...). */
export const sendMail: SendMail = (message) => senderFromEnv()(message);
