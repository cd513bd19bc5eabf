import { util, type Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { eventPk, paymentSk } from '../../keys';
import { dataSourceError, validationError } from './errors';
import { mailOutcomeAttributes, NOTIFICATION_ATTRIBUTES, PAYMENT_ATTRIBUTES, type PaymentItem } from './model';
import { paymentPut } from './payment';
import { allOf, asRead, attributesOf, plain, updateItem } from './tx';

/**
 * Moving a booking's money (rebookPatron to another sailing, correctPatronEmail to another address):
 * a paid record is never rewritten, so each recorded payment or refund is marked MOVED exactly as read
 * and a copy (a new record, same amount, method, receivedAt and loggedAt, so a day's takings do not
 * change) goes in where the booking now is, pointing back.
 */

/** The patron's recorded payments and refunds on the event: one consistent Query of its payments, filtered to them. */
export function recordedPaymentsQuery(eventId: string, email: string) {
  return ddb.query({
    query: { PK: { eq: eventPk(eventId) }, SK: { beginsWith: 'PAYMENT#' } },
    filter: { patronEmail: { eq: email }, status: { eq: 'RECORDED' } },
    consistentRead: true,
  });
}

/** The payments read, kept in the stash; refused (writing nothing) when they do not fit one transaction. */
export function paymentsToMove(ctx: Context, max: number, otherwise: string): PaymentItem[] {
  if (ctx.error) dataSourceError(ctx);
  // An event's payments fit one 1 MB page many times over; if not, say so rather than move some.
  if (ctx.result.nextToken)
    validationError("This event has too many payments to find this patron's in one read: " + otherwise + '.');
  const payments = (ctx.result.items || []) as PaymentItem[];
  if (payments.length > max) {
    validationError(
      ctx.stash.email +
        ' has ' +
        payments.length +
        ' payments and refunds on this event; one move carries at most ' +
        max +
        ' (a single transaction): ' +
        otherwise +
        '.',
    );
  }
  ctx.stash.payments = payments;
  return payments;
}

/**
 * The writes that move `payments` to `to` under `email`: each original marked MOVED (required
 * RECORDED and exactly as read), each copy put new. The copy's receipt was never sent, so it carries
 * no notification nor delivery outcome of the original.
 */
export function movePayments(
  tableName: string,
  payments: PaymentItem[],
  from: { id: string },
  to: { id: string; PK: string },
  email: string,
  expiresAt: number,
): { copies: Record<string, unknown>[]; writes: unknown[] } {
  const newIds: Record<string, string> = {};
  payments.forEach((p) => {
    newIds[p.id] = util.autoUlid();
  });
  const copies: Record<string, unknown>[] = [];
  const writes: unknown[] = [];
  const unsent: Record<string, null> = {};
  NOTIFICATION_ATTRIBUTES.concat(mailOutcomeAttributes('notificationDelivery')).forEach((a) => {
    unsent[a] = null;
  });
  payments.forEach((p) => {
    const id = newIds[p.id];
    const copy: Record<string, unknown> = {
      ...plain(p),
      ...unsent,
      id,
      eventId: to.id,
      patronEmail: email,
      status: 'RECORDED',
      refundOf: p.refundOf ? newIds[p.refundOf] || p.refundOf : null,
      movedFrom: from.id,
      movedFromPaymentId: p.id,
      movedTo: null,
      movedToPaymentId: null,
      expiresAt,
    };
    delete copy.type;
    // The key's record answers for the original (a retry of that logPayment gets it, MOVED).
    delete copy.idempotencyKey;
    copies.push(copy);
    const mark = { status: 'MOVED', movedTo: to.id, movedToPaymentId: id };
    const recorded = {
      expression: '#c_status = :c_recorded',
      expressionNames: { '#c_status': 'status' },
      expressionValues: { ':c_recorded': 'RECORDED' },
    };
    writes.push(
      updateItem(
        tableName,
        { PK: p.PK, SK: p.SK },
        { set: mark },
        allOf([recorded, asRead(p, attributesOf(p, PAYMENT_ATTRIBUTES))]),
      ),
    );
    writes.push(paymentPut(tableName, { PK: to.PK, SK: paymentSk(id) }, copy));
  });
  return { copies, writes };
}
