import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { recordRequest, recordResponse, suppressedReports } from './lib/outreach';

/** sendWaiverLinksPage, last step: each delivery recorded and audited as sendWaiverLinks does, and the page's nextToken. */
export function request(ctx: Context) {
  if ((ctx.stash.entries as unknown[]).length === 0)
    runtime.earlyReturn({ items: suppressedReports(ctx), nextToken: ctx.stash.nextToken });
  return recordRequest(ctx);
}

export function response(ctx: Context) {
  return { items: recordResponse(ctx), nextToken: ctx.stash.nextToken };
}
