import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { EVENT_SK, eventPk } from '../keys';
import { dataSourceError, notFound, validationError } from './lib/errors';
import { MAX_LINKS_PER_CALL, skipSuppressed } from './lib/outreach';
import { refuseIfCancelled } from './lib/sailing';
import { requireId } from './lib/validate';

/**
 * sendWaiverLinks, step 1: the event and its roster in one Query (as getEvent reads them); the
 * patrons reached are those whose booking no waiver covers yet.
 */
export function request(ctx: Context) {
  const eventId = requireId(ctx.args.eventId, 'eventId');
  return ddb.query({
    query: { PK: { eq: eventPk(eventId) }, SK: { between: [EVENT_SK, 'PATRON#\uffff'] } },
    consistentRead: true,
  });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  const items = (ctx.result.items || []) as Record<string, unknown>[];
  const events = items.filter((i) => i.SK === EVENT_SK);
  if (events.length === 0) notFound('No event "' + ctx.args.eventId + '".');
  refuseIfCancelled(events[0] as { status?: string | null; cancelledAt?: string | null }, 'no waiver is signed for it');
  // A booking moved to another sailing is reached there, not here.
  const unsigned = items.filter(
    (i) => (i.SK as string).indexOf('PATRON#') === 0 && !i.waiverSignedAt && i.status !== 'MOVED',
  );
  if (unsigned.length > MAX_LINKS_PER_CALL) {
    validationError(
      unsigned.length +
        ' patrons have not signed: send their links one by one (sendWaiverLink), at most ' +
        MAX_LINKS_PER_CALL +
        ' at once.',
    );
  }
  ctx.stash.event = events[0];
  ctx.stash.entries = skipSuppressed(ctx, unsigned);
  return ctx.stash.entries;
}
