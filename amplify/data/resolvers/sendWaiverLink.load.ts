import type { Context } from '@aws-appsync/utils';
import { conflict, notFound } from './lib/errors';
import { loadEventAndEntry, loadResponse } from './lib/load';
import { SUPPRESSED, suppressedMessage } from './lib/outreach';
import { refuseIfCancelled, refuseIfMoved } from './lib/sailing';

/** sendWaiverLink, step 1: the event and the patron's roster entry (a link is for a booking). */
export function request(ctx: Context) {
  return loadEventAndEntry(ctx);
}

export function response(ctx: Context) {
  const loaded = loadResponse(ctx);
  if (!loaded.event) notFound('No event "' + ctx.args.eventId + '".');
  if (!loaded.entry) notFound('No patron "' + ctx.args.email + '" on event "' + ctx.args.eventId + '".');
  // A cancelled sailing is signed for by no one; a moved booking is signed for on its new sailing.
  refuseIfCancelled(
    loaded.event as { status?: string | null; cancelledAt?: string | null },
    'no waiver is signed for it',
  );
  const entry = loaded.entry as {
    email: string;
    status?: string | null;
    movedTo?: string | null;
    waiverSignedAt?: string | null;
    mailSuppressed?: boolean | null;
  };
  refuseIfMoved(entry);
  if (entry.waiverSignedAt)
    conflict(entry.email + ' has already signed the waiver for this sailing.', { reason: 'ALREADY_SIGNED' });
  if (entry.mailSuppressed) conflict(suppressedMessage(entry.email), { reason: SUPPRESSED });
  ctx.stash.event = loaded.event;
  ctx.stash.entries = [entry];
  return loaded;
}
