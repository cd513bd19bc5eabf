import type { Context } from '@aws-appsync/utils';
import { loadSailing, sailingLoaded } from './lib/cancel';
import { requireText } from './lib/validate';
import { conflict } from './lib/errors';

/**
 * cancelEvent, step 1: a reason is required; then the event, not cancelled yet and nobody aboard
 * (refused rather than carried: people checked in are on the boat, and crew undo their check-ins,
 * saying why, before the sailing is called off). Its roster is read again after the mark (step 3).
 */
export function request(ctx: Context) {
  ctx.stash.reason = requireText(ctx.args.reason, 'reason', 1000, true);
  return loadSailing(ctx);
}

export function response(ctx: Context) {
  const event = sailingLoaded(ctx, false) as { checkedIn?: number | null };
  const aboard = event.checkedIn || 0;
  if (aboard > 0) {
    conflict(
      aboard +
        (aboard === 1 ? ' person is' : ' people are') +
        ' checked in on this sailing: undo their check-ins on Boarding before cancelling it.',
      {
        reason: 'PARTY_ABOARD',
        checkedIn: aboard,
      },
    );
  }
  return event;
}
