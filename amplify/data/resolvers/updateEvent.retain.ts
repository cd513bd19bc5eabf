import { runtime, util, type Context } from '@aws-appsync/utils';
import { conflict } from './lib/errors';
import { PAYMENT_RETENTION_SECONDS, type EventItem } from './lib/model';

/**
 * updateEvent, step 3: when startsAt was given, the retention Lambda (RetentionDataSource) makes
 * sure no payment of the event expires before the (new) date + 7 years. It runs after the write,
 * so a payment logged in between is seen too (logPayment's write refuses an event whose startsAt
 * changed since it read it); and it runs whenever startsAt is given, so saving again finishes a
 * run that failed.
 */
export function request(ctx: Context) {
  const after = ctx.stash.after as EventItem;
  if (ctx.args.input.startsAt === undefined || ctx.args.input.startsAt === null) runtime.earlyReturn(after);
  const keepUntil =
    Math.floor(util.time.parseISO8601ToEpochMilliSeconds(after.startsAt) / 1000) + PAYMENT_RETENTION_SECONDS;
  return { operation: 'Invoke', payload: { eventId: after.id, keepUntil } };
}

export function response(ctx: Context) {
  if (ctx.error) {
    conflict(
      'The event was saved, but keeping its payments for 7 years after the new date did not finish: save the event again.',
      { retryable: true },
    );
  }
  return ctx.stash.after;
}
