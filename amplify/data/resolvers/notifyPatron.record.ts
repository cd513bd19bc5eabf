import { util, type Context } from '@aws-appsync/utils';
import { passThroughError } from './lib/errors';
import { auditPut, table, updateItem } from './lib/tx';

/** notifyPatron, step 4: the outcome goes on the payment (status, when, why it failed), audited. */
export function request(ctx: Context) {
  const payment = ctx.stash.loaded.payment;
  const outcome = ctx.prev.result as { status: 'SENT' | 'FAILED'; messageId?: string | null; error?: string | null };
  const now = util.time.nowISO8601();
  const sent = outcome.status === 'SENT';
  ctx.stash.notification = {
    paymentId: payment.id,
    to: payment.patronEmail,
    status: sent ? 'SENT' : 'FAILED',
    messageId: outcome.messageId || null,
    error: sent ? null : outcome.error || 'The receipt could not be sent.',
  };
  const set: Record<string, unknown> = { notificationStatus: ctx.stash.notification.status, notifiedAt: now };
  if (!sent) set.notificationError = ctx.stash.notification.error;
  const tableName = table(ctx);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      updateItem(tableName, { PK: payment.PK, SK: payment.SK }, { set, remove: sent ? ['notificationError'] : [] }, { expression: 'attribute_exists(PK)' }),
      auditPut(tableName, ctx, payment.eventId, now, null, { paymentId: payment.id, ...ctx.stash.notification }),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) passThroughError(ctx);
  return ctx.stash.notification;
}
