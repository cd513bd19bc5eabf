import type { Context } from '@aws-appsync/utils';
import { conflict, notFound } from './lib/errors';
import { loadEventAndEntry, loadResponse } from './lib/load';

/** sendWaiverLink, step 1: the event and the patron's roster entry (a link is for a booking). */
export function request(ctx: Context) {
  return loadEventAndEntry(ctx);
}

export function response(ctx: Context) {
  const loaded = loadResponse(ctx);
  if (!loaded.event) notFound('No event "' + ctx.args.eventId + '".');
  if (!loaded.entry) notFound('No patron "' + ctx.args.email + '" on event "' + ctx.args.eventId + '".');
  const entry = loaded.entry as Record<string, unknown>;
  if (entry.waiverSignedAt) conflict(entry.email + ' has already signed the waiver for this sailing.', { reason: 'ALREADY_SIGNED' });
  ctx.stash.event = loaded.event;
  ctx.stash.entries = [entry];
  return loaded;
}
