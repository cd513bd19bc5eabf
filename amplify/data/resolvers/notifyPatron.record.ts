import { util, type Context } from '@aws-appsync/utils';
import { dataSourceError } from './lib/errors';
import { mailOutcomeAttributes, NOTIFICATION_ATTRIBUTES } from './lib/model';
import { asRead, auditPut, table, updateItem } from './lib/tx';

/**
 * notifyPatron, step 4: the outcome goes on the payment (status, when, why it failed), audited with
 * the notification as it was before. The write requires that earlier notification as read (step 1),
 * so two receipts sent at once cannot leave the older outcome on the payment or a wrong "before".
 */
export function request(ctx: Context) {
  const payment = ctx.stash.loaded.payment;
  const outcome = ctx.prev.result as { status: 'SENT' | 'FAILED'; messageId?: string | null; error?: string | null };
  const now = util.time.nowISO8601();
  const sent = outcome.status === 'SENT';
  const notification = {
    paymentId: payment.id,
    to: payment.patronEmail,
    status: sent ? 'SENT' : 'FAILED',
    messageId: outcome.messageId || null,
    error: sent ? null : outcome.error || 'The receipt could not be sent.',
  };
  ctx.stash.notification = notification;
  const set: Record<string, unknown> = { notificationStatus: notification.status, notifiedAt: now };
  if (!sent) set.notificationError = notification.error;
  // The message id is how SES's delivery and bounce events find this payment again.
  if (sent && notification.messageId) set.notificationMessageId = notification.messageId;
  const reported = mailOutcomeAttributes('notificationDelivery');
  const read = NOTIFICATION_ATTRIBUTES.concat(reported);
  const tableName = table(ctx);
  const before: Record<string, unknown> = { paymentId: payment.id };
  NOTIFICATION_ATTRIBUTES.forEach((f) => {
    before[f] = payment[f] === undefined ? null : payment[f];
  });
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      updateItem(
        tableName,
        { PK: payment.PK, SK: payment.SK },
        { set, remove: (sent ? ['notificationError'] : ['notificationMessageId']).concat(reported) },
        asRead(payment, read),
      ),
      auditPut(tableName, ctx, payment.eventId, now, before, notification),
    ],
  };
}

export function response(ctx: Context) {
  if (ctx.error) {
    const notification = ctx.stash.notification;
    dataSourceError(ctx, [
      {
        item: 0,
        message:
          (notification.status === 'SENT' ? 'The receipt was sent to ' : 'The receipt could not be sent to ') +
          notification.to +
          ', but another receipt for this payment was recorded at the same moment, so this one is not marked on it: reload to see it.',
      },
    ]);
  }
  return ctx.stash.notification;
}
