import type { Context } from '@aws-appsync/utils';
import { plain } from './lib/tx';

/**
 * notifyPatron, step 3: the mailer Lambda (MailerDataSource) renders and sends the receipt. Its
 * failure is an outcome to record (FAILED), not an error for the whole call, so the admin sees it
 * and can retry.
 */
export function request(ctx: Context) {
  const loaded = ctx.stash.loaded;
  return {
    operation: 'Invoke',
    payload: {
      kind: 'receipt',
      payment: plain(loaded.payment),
      event: plain(loaded.event),
      patron: plain(loaded.entry),
    },
  };
}

export function response(ctx: Context) {
  if (ctx.error) return { status: 'FAILED', messageId: null, error: ctx.error.message };
  return ctx.result;
}
