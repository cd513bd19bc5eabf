import type { Context } from '@aws-appsync/utils';
import { sendRequest, sendResponse } from './lib/outreach';

/** sendWaiverLink, mailer step: the mailer Lambda signs each patron's personal link and sends it; a failed send is an outcome to record. */
export function request(ctx: Context) {
  return sendRequest(ctx);
}

export function response(ctx: Context) {
  return sendResponse(ctx);
}
