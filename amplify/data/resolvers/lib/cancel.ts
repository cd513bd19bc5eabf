import { runtime, type Context } from '@aws-appsync/utils';
import { EVENT_SK } from '../../keys';
import { conflict, dataSourceError, notFound } from './errors';
import { eventPartition, eventPartitionQuery } from './load';
import {
  CANCEL_NOTICE,
  MAX_LINKS_PER_CALL,
  recordRequest,
  recordResponse,
  sendRequest,
  sendResponse,
  skipSuppressed,
  suppressedReports,
} from './outreach';
import { requireId } from './validate';

/**
 * A cancelled sailing's notices (cancelEvent, notifyCancellation): the patrons still booked on it
 * (not rebooked elsewhere) are told, each delivery recorded on their roster entry as a waiver link's
 * is (lib/outreach.ts), at most MAX_LINKS_PER_CALL per call; those left are reached by
 * notifyCancellation, which also retries a FAILED one.
 */
interface Entry {
  SK: string;
  status?: string | null;
  cancelNoticeStatus?: string | null;
}

/** The event and its roster, in one Query of its partition. */
export function loadSailing(ctx: Context) {
  return eventPartitionQuery(requireId(ctx.args.eventId, 'eventId'), EVENT_SK);
}

/**
 * The event read, whether it must already be cancelled (`cancelled`) or not; stashes it and the
 * patrons this call notifies (`entries`), and how many more wait (`waiting`).
 */
export function sailingLoaded(ctx: Context, cancelled: boolean) {
  if (ctx.error) dataSourceError(ctx);
  const { event, roster } = eventPartition(ctx.result.items || []);
  if (!event) notFound('No event "' + ctx.args.eventId + '".');
  const ev = event as unknown as { status?: string | null; cancelledAt?: string };
  if (!cancelled && ev.status === 'CANCELLED') {
    conflict(
      'This sailing was already cancelled on ' + ev.cancelledAt + ': notify its patrons again with notifyCancellation.',
      { reason: 'EVENT_CANCELLED' },
    );
  }
  if (cancelled && ev.status !== 'CANCELLED')
    conflict('This sailing is not cancelled: its patrons get no cancellation notice.', { reason: 'NOT_CANCELLED' });
  const unnotified = (roster as Entry[]).filter((e) => e.status !== 'MOVED' && e.cancelNoticeStatus !== 'SENT');
  ctx.stash.event = event;
  ctx.stash.entries = skipSuppressed(
    ctx,
    unnotified.slice(0, MAX_LINKS_PER_CALL) as unknown as Record<string, unknown>[],
  );
  ctx.stash.waiting = unnotified.length;
  return event;
}

export function sendNotices(ctx: Context) {
  if ((ctx.stash.entries as unknown[]).length === 0) runtime.earlyReturn([]);
  return sendRequest(ctx, CANCEL_NOTICE);
}

export function noticesSent(ctx: Context) {
  return sendResponse(ctx, CANCEL_NOTICE);
}

export function recordNotices(ctx: Context) {
  if ((ctx.stash.entries as unknown[]).length === 0) runtime.earlyReturn(cancellation(ctx, suppressedReports(ctx)));
  return recordRequest(ctx, CANCEL_NOTICE);
}

export function noticesRecorded(ctx: Context) {
  return cancellation(ctx, recordResponse(ctx, CANCEL_NOTICE));
}

/** The answer: the event as it now stands, each notice sent by this call, and how many patrons still wait for one. */
function cancellation(ctx: Context, notices: Record<string, unknown>[]) {
  const sent = notices.filter((n) => n.status === 'SENT').length;
  return { event: ctx.stash.event, notices, unnotified: (ctx.stash.waiting as number) - sent };
}
