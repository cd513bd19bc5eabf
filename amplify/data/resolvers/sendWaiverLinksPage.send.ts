import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { sendRequest, sendResponse } from './lib/outreach';

/** sendWaiverLinksPage, mailer step: as sendWaiverLinks', for this page's patrons. */
export function request(ctx: Context) {
  if ((ctx.stash.entries as unknown[]).length === 0) runtime.earlyReturn([]);
  return sendRequest(ctx);
}

export function response(ctx: Context) {
  return sendResponse(ctx);
}
