import type { Context } from '@aws-appsync/utils';
import { recordRequest, recordResponse } from './lib/outreach';

/** sendWaiverLink, last step: each delivery (SENT, or FAILED and why) on its roster entry, audited, in one transaction. */
export function request(ctx: Context) {
  return recordRequest(ctx);
}

export function response(ctx: Context) {
  return recordResponse(ctx)[0];
}
