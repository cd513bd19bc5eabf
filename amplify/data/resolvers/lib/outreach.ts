import { util } from '@aws-appsync/utils';
import { dataSourceError } from './errors';
import { mailOutcomeAttributes } from './model';
import { asRead, auditPut, plain, table, updateItem } from './tx';

/**
 * Personal waiver links (sendWaiverLink, sendWaiverLinks): the steps both fields share. The mailer
 * Lambda signs each patron's link and sends it; the outcome of each send (SENT, or FAILED and why)
 * goes on the roster entry as a receipt's goes on its payment (notifyPatron.record.ts), audited
 * with the delivery as it was before, and crew retry a FAILED one by sending again.
 */
/**
 * What is sent to each patron and where its delivery is recorded on the roster entry
 * (`<prefix>Status`, `<prefix>SentAt`, `<prefix>Error`, `<prefix>MessageId`). The waiver link is the
 * first; the notice of a cancelled sailing goes out and is recorded the same way.
 */
export interface Channel {
  kind: string;
  prefix: string;
  what: string;
}
export const WAIVER_LINK: Channel = { kind: 'waiverLinks', prefix: 'waiverLink', what: 'The waiver link' };
export const CANCEL_NOTICE: Channel = { kind: 'cancellation', prefix: 'cancelNotice', what: 'The cancellation notice' };

function deliveryAttributes(channel: Channel): string[] {
  return ['Status', 'SentAt', 'Error', 'MessageId'].map((f) => channel.prefix + f);
}

/**
 * An address that bounced hard or drew a complaint (mailSuppressed, written by the mail-events
 * Lambda) is not mailed again: sending to it would only raise the account's bounce and complaint
 * rates, which SES reviews and suspends on. A send to one patron is refused (Conflict SUPPRESSED);
 * a send to many skips them and reports each as not sent, recording nothing on them.
 */
export const SUPPRESSED = 'SUPPRESSED';
export function suppressedMessage(email: string): string {
  return (
    'Not sent: mail to ' +
    email +
    ' bounced or was reported as spam, so it is not mailed again: check the address with the patron (a booking under the corrected address is mailed).'
  );
}
/** The entries to mail; those whose address is suppressed go to ctx.stash.suppressed, to be reported. */
export function skipSuppressed(
  ctx: { stash: Record<string, unknown> },
  entries: Record<string, unknown>[],
): Record<string, unknown>[] {
  ctx.stash.suppressed = entries.filter((e) => e.mailSuppressed === true).map((e) => e.email);
  return entries.filter((e) => e.mailSuppressed !== true);
}
/** The skipped entries, reported as deliveries that were not made. */
export function suppressedReports(ctx: { stash: Record<string, unknown> }): Record<string, unknown>[] {
  const event = ctx.stash.event as Record<string, unknown>;
  const now = util.time.nowISO8601();
  return ((ctx.stash.suppressed || []) as string[]).map((email) => ({
    eventId: event.id,
    email,
    status: 'FAILED',
    sentAt: now,
    messageId: null,
    error: suppressedMessage(email),
  }));
}

/** The most patrons one sendWaiverLinks call reaches: two items each in one TransactWriteItems (100 at most). */
export const MAX_LINKS_PER_CALL = 49;

interface Delivery {
  email: string;
  status: 'SENT' | 'FAILED';
  messageId?: string | null;
  error?: string | null;
}

/** The mailer step's request: the event and the patrons to reach, as the mailer reads them. */
export function sendRequest(ctx: { stash: Record<string, unknown> }, channel: Channel = WAIVER_LINK) {
  const event = ctx.stash.event as Record<string, unknown>;
  const entries = ctx.stash.entries as Record<string, unknown>[];
  return {
    operation: 'Invoke',
    payload: {
      kind: channel.kind,
      event: {
        id: event.id,
        title: event.title,
        startsAt: event.startsAt,
        boat: event.boat || null,
        cancelReason: event.cancelReason || null,
      },
      patrons: entries.map((e) => ({ email: e.email, name: e.name })),
    },
  };
}

/** A mailer that could not be reached is every send FAILED, recorded like any other failure. */
export function sendResponse(
  ctx: { error?: { message: string } | null; result: unknown; stash: Record<string, unknown> },
  channel: Channel = WAIVER_LINK,
): Delivery[] {
  const entries = ctx.stash.entries as Record<string, unknown>[];
  if (ctx.error) {
    const error = channel.what + ' could not be sent: the mailer is unavailable (' + ctx.error.message + ').';
    return entries.map((e) => ({ email: e.email as string, status: 'FAILED', messageId: null, error }));
  }
  return (ctx.result as { deliveries: Delivery[] }).deliveries;
}

/** The record step's request: each entry's delivery and its audit record, in one transaction. */
export function recordRequest(
  ctx: {
    env: Record<string, string>;
    stash: Record<string, unknown>;
    prev: { result: unknown };
    identity?: unknown;
    info: { fieldName: string };
  },
  channel: Channel = WAIVER_LINK,
) {
  const attributes = deliveryAttributes(channel);
  const event = ctx.stash.event as Record<string, unknown>;
  const entries = ctx.stash.entries as Record<string, unknown>[];
  const deliveries = ctx.prev.result as Delivery[];
  const now = util.time.nowISO8601();
  const tableName = table(ctx);
  const recorded: Record<string, unknown>[] = [];
  const items: unknown[] = [];
  entries.forEach((entry) => {
    const found = deliveries.filter((d) => d.email === entry.email);
    const sent = found.length > 0 && found[0].status === 'SENT';
    const delivery = {
      eventId: event.id,
      email: entry.email,
      status: sent ? 'SENT' : 'FAILED',
      sentAt: now,
      messageId: (found.length > 0 && found[0].messageId) || null,
      error: sent ? null : (found.length > 0 && found[0].error) || channel.what + ' could not be sent.',
    };
    recorded.push(delivery);
    const set: Record<string, unknown> = {};
    set[attributes[0]] = delivery.status;
    set[attributes[1]] = now;
    if (delivery.messageId) set[attributes[3]] = delivery.messageId;
    if (!sent) set[attributes[2]] = delivery.error;
    // What SES reported about the previous message goes with it: this send is a new message.
    const outcome = mailOutcomeAttributes(channel.prefix + 'Delivery');
    const remove = (sent ? [attributes[2]] : [attributes[3]]).concat(outcome);
    const before: Record<string, unknown> = { email: entry.email };
    attributes.forEach((f) => {
      before[f] = entry[f] === undefined ? null : entry[f];
    });
    items.push(
      updateItem(
        tableName,
        { PK: entry.PK as string, SK: entry.SK as string },
        { set, remove },
        asRead(entry, attributes.concat(outcome)),
      ),
    );
    items.push(auditPut(tableName, ctx, event.id as string, now, before, plain(delivery)));
  });
  ctx.stash.recorded = recorded;
  return { operation: 'TransactWriteItems', transactItems: items };
}

/** The deliveries as recorded; a lost race with another send for the same patron is a Conflict. */
export function recordResponse(
  ctx: { error?: { message: string; type: string } | null; result?: unknown; stash: Record<string, unknown> },
  channel: Channel = WAIVER_LINK,
): Record<string, unknown>[] {
  if (ctx.error) {
    dataSourceError(ctx, [
      {
        message:
          channel.what +
          ' went out, but another send to the same patron was recorded at the same moment, so it is not marked on the roster: reload to see it.',
      },
    ]);
  }
  return (ctx.stash.recorded as Record<string, unknown>[]).concat(suppressedReports(ctx));
}
