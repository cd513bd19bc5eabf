import { util } from '@aws-appsync/utils';
import { dataSourceError } from './errors';
import { asRead, auditPut, plain, table, updateItem } from './tx';

/**
 * Personal waiver links (sendWaiverLink, sendWaiverLinks): the steps both fields share. The mailer
 * Lambda signs each patron's link and sends it; the outcome of each send (SENT, or FAILED and why)
 * goes on the roster entry as a receipt's goes on its payment (notifyPatron.record.ts), audited
 * with the delivery as it was before, and crew retry a FAILED one by sending again.
 */
export const LINK_ATTRIBUTES = ['waiverLinkStatus', 'waiverLinkSentAt', 'waiverLinkError', 'waiverLinkMessageId'];

/** The most patrons one sendWaiverLinks call reaches: two items each in one TransactWriteItems (100 at most). */
export const MAX_LINKS_PER_CALL = 49;

interface Delivery {
  email: string;
  status: 'SENT' | 'FAILED';
  messageId?: string | null;
  error?: string | null;
}

/** The mailer step's request: the event and the patrons to reach, as the mailer reads them. */
export function sendRequest(ctx: { stash: Record<string, unknown> }) {
  const event = ctx.stash.event as Record<string, unknown>;
  const entries = ctx.stash.entries as Record<string, unknown>[];
  return {
    operation: 'Invoke',
    payload: {
      kind: 'waiverLinks',
      event: { id: event.id, title: event.title, startsAt: event.startsAt, boat: event.boat || null },
      patrons: entries.map((e) => ({ email: e.email, name: e.name })),
    },
  };
}

/** A mailer that could not be reached is every send FAILED, recorded like any other failure. */
export function sendResponse(ctx: { error?: { message: string } | null; result: unknown; stash: Record<string, unknown> }): Delivery[] {
  const entries = ctx.stash.entries as Record<string, unknown>[];
  if (ctx.error) {
    const error = 'The waiver link could not be sent: the mailer is unavailable (' + ctx.error.message + ').';
    return entries.map((e) => ({ email: e.email as string, status: 'FAILED', messageId: null, error }));
  }
  return (ctx.result as { deliveries: Delivery[] }).deliveries;
}

/** The record step's request: each entry's delivery and its audit record, in one transaction. */
export function recordRequest(ctx: { env: Record<string, string>; stash: Record<string, unknown>; prev: { result: unknown }; identity?: unknown; info: { fieldName: string } }) {
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
      error: sent ? null : (found.length > 0 && found[0].error) || 'The waiver link could not be sent.',
    };
    recorded.push(delivery);
    const set: Record<string, unknown> = { waiverLinkStatus: delivery.status, waiverLinkSentAt: now };
    if (delivery.messageId) set.waiverLinkMessageId = delivery.messageId;
    if (!sent) set.waiverLinkError = delivery.error;
    const remove = sent ? ['waiverLinkError'] : ['waiverLinkMessageId'];
    const before: Record<string, unknown> = { email: entry.email };
    LINK_ATTRIBUTES.forEach((f) => {
      before[f] = entry[f] === undefined ? null : entry[f];
    });
    items.push(updateItem(tableName, { PK: entry.PK as string, SK: entry.SK as string }, { set, remove }, asRead(entry, LINK_ATTRIBUTES)));
    items.push(auditPut(tableName, ctx, event.id as string, now, before, plain(delivery)));
  });
  ctx.stash.recorded = recorded;
  return { operation: 'TransactWriteItems', transactItems: items };
}

/** The deliveries as recorded; a lost race with another send for the same patron is a Conflict. */
export function recordResponse(ctx: { error?: { message: string; type: string } | null; result?: unknown; stash: Record<string, unknown> }): Record<string, unknown>[] {
  if (ctx.error) {
    dataSourceError(ctx, [{ message: 'The waiver links went out, but another send to the same patron was recorded at the same moment, so these are not marked on the roster: reload to see it.' }]);
  }
  return ctx.stash.recorded as Record<string, unknown>[];
}
