import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { recordRequest, recordResponse, suppressedReports } from './lib/outreach';

/** sendWaiverLinks, last step: each delivery (SENT, or FAILED and why) on its roster entry, audited, in one transaction. */
export function request(ctx: Context) {
  if ((ctx.stash.entries as unknown[]).length === 0) runtime.earlyReturn(suppressedReports(ctx));
  return recordRequest(ctx);
}

export function response(ctx: Context) {
  return recordResponse(ctx);
}
