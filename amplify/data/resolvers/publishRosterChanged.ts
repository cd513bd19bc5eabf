import type { Context } from '@aws-appsync/utils';
import { publishRequest, rosterChange } from './lib/live';

/** publishRosterChanged(eventId, email) (IAM: the Lambdas that write roster entries): what onRosterChanged delivers. */
export function request(ctx: Context) {
  return publishRequest(ctx, rosterChange(ctx));
}

export function response(ctx: Context) {
  return ctx.result;
}
