import type { Context } from '@aws-appsync/utils';
import { noticesRecorded, recordNotices } from './lib/cancel';

/** cancelEvent, last step: each notice's delivery (SENT, or FAILED and why) on its roster entry, audited, in one transaction. */
export function request(ctx: Context) {
  return recordNotices(ctx);
}

export function response(ctx: Context) {
  return noticesRecorded(ctx);
}
