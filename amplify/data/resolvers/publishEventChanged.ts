import type { Context } from '@aws-appsync/utils';
import { requireId } from './lib/validate';
import { publishRequest } from './lib/live';

/** publishEventChanged(eventId) (IAM: the Lambdas that change an event's totals): what onEventChanged delivers. */
export function request(ctx: Context) {
  return publishRequest(ctx, { id: requireId(ctx.args.eventId, 'eventId') });
}

export function response(ctx: Context) {
  return ctx.result;
}
