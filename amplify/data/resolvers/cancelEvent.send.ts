import type { Context } from '@aws-appsync/utils';
import { noticesSent, sendNotices } from './lib/cancel';

/** cancelEvent, mailer step: the mailer Lambda tells each patron the sailing is cancelled; a failed send is an outcome to record. */
export function request(ctx: Context) {
  return sendNotices(ctx);
}

export function response(ctx: Context) {
  return noticesSent(ctx);
}
