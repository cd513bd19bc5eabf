import type { Context } from '@aws-appsync/utils';
import { runtime } from '@aws-appsync/utils';
import { sendRequest, sendResponse } from './lib/outreach';

/** sendWaiverLinks, mailer step: the mailer Lambda signs each patron's personal link and sends it; a failed send is an outcome to record. */
export function request(ctx: Context) {
  if ((ctx.stash.entries as unknown[]).length === 0) runtime.earlyReturn([]);
  return sendRequest(ctx);
}

export function response(ctx: Context) {
  return sendResponse(ctx);
}
