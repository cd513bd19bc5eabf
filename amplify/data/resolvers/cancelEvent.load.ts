import type { Context } from '@aws-appsync/utils';
import { loadSailing, sailingLoaded } from './lib/cancel';
import { requireText } from './lib/validate';

/** cancelEvent, step 1: a reason is required; then the event (not cancelled yet) and its roster. */
export function request(ctx: Context) {
  ctx.stash.reason = requireText(ctx.args.reason, 'reason', 1000, true);
  return loadSailing(ctx);
}

export function response(ctx: Context) {
  return sailingLoaded(ctx, false);
}
