import { a } from '@aws-amplify/backend';
import { allowed, mailing, table, tableSteps } from './builders';

/** Money taken and given back, and receipts. A refund is a Payment of its own, of kind REFUND, so what was paid is never rewritten. */
export const paymentsSchema = {
  // types
  PaymentMethod: a.enum(['CARD', 'CASH', 'CHECK', 'ACH', 'OTHER']),
  PaymentStatus: a.enum(['RECORDED', 'VOIDED', 'MOVED']),
  PaymentKind: a.enum(['PAYMENT', 'REFUND']),
  Payment: a.customType({
    id: a.id().required(),
    eventId: a.id().required(),
    patronEmail: a.email().required(),
    patronName: a.string().required(),
    amountCents: a.integer().required(),
    currency: a.string().required(),
    method: a.ref('PaymentMethod').required(),
    notes: a.string(),
    receivedAt: a.datetime().required(),
    loggedAt: a.datetime().required(),
    loggedBy: a.string().required(),
    status: a.ref('PaymentStatus').required(),
    voidedAt: a.datetime(),
    voidedBy: a.string(),
    voidReason: a.string(),
    notificationStatus: a.ref('NotificationStatus'),
    notifiedAt: a.datetime(),
    /** what SES reported about the receipt last sent */
    notificationDelivery: a.ref('MailDelivery'),
    notificationDeliveryAt: a.datetime(),
    /** absent = PAYMENT. A REFUND is money given back: positive amountCents, counted negative */
    kind: a.ref('PaymentKind'),
    /** a refund's reason (required on refunds) */
    reason: a.string(),
    /** the payment a refund gives back (part of) */
    refundOf: a.id(),
    /** of a payment: the sum of the recorded refunds naming it */
    refundedCents: a.integer(),
    /** MOVED: the event and payment it became; a moved-in payment: where it came from */
    movedTo: a.id(),
    movedToPaymentId: a.id(),
    movedFrom: a.id(),
    movedFromPaymentId: a.id(),
  }),
  PaymentPage: a.customType({
    items: a.ref('Payment').required().array().required(),
    nextToken: a.string(),
  }),
  Notification: a.customType({
    paymentId: a.id().required(),
    to: a.email().required(),
    status: a.ref('NotificationStatus').required(),
    messageId: a.string(),
    error: a.string(),
  }),
  // inputs
  LogPayment: a.customType({
    idempotencyKey: a.id().required(),
    eventId: a.id().required(),
    patronEmail: a.email().required(),
    amountCents: a.integer().required(),
    method: a.ref('PaymentMethod').required(),
    notes: a.string(),
    receivedAt: a.datetime(),
    // The patron's name and the event's start as the client read them: given both, the payment is
    // written in one request, conditioned on them; a stale value is refused and read afresh.
    patronName: a.string(),
    eventStartsAt: a.datetime(),
  }),
  RefundPayment: a.customType({
    idempotencyKey: a.id().required(),
    eventId: a.id().required(),
    patronEmail: a.email().required(),
    amountCents: a.integer().required(),
    method: a.ref('PaymentMethod').required(),
    reason: a.string().required(),
    refundOf: a.id(),
    notes: a.string(),
    receivedAt: a.datetime(),
    // What the client read, as for LogPayment (and the named payment's refundedCents): one request.
    patronName: a.string(),
    eventStartsAt: a.datetime(),
    refundOfRefundedCents: a.integer(),
  }),
  // queries
  paymentsByEvent: a
    .query()
    .arguments({ eventId: a.id().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('PaymentPage').required())
    .authorization(allowed('paymentsByEvent'))
    .handler(table('paymentsByEvent')),
  paymentsByPatron: a
    .query()
    .arguments({
      email: a.email().required(),
      from: a.datetime(),
      to: a.datetime(),
      limit: a.integer(),
      nextToken: a.string(),
    })
    .returns(a.ref('PaymentPage').required())
    .authorization(allowed('paymentsByPatron'))
    .handler(table('paymentsByPatron')),
  paymentsBetween: a
    .query()
    .arguments({
      from: a.datetime().required(),
      to: a.datetime().required(),
      method: a.ref('PaymentMethod'),
      limit: a.integer(),
      nextToken: a.string(),
    })
    .returns(a.ref('PaymentPage').required())
    .authorization(allowed('paymentsBetween'))
    .handler(table('paymentsBetween')),
  // mutations
  logPayment: a
    .mutation()
    .arguments({ input: a.ref('LogPayment').required() })
    .returns(a.ref('Payment').required())
    .authorization(allowed('logPayment'))
    .handler(tableSteps('logPayment', ['direct', 'load', 'write', 'replay'])),
  voidPayment: a
    .mutation()
    .arguments({ eventId: a.id().required(), paymentId: a.id().required(), reason: a.string().required() })
    .returns(a.ref('Payment').required())
    .authorization(allowed('voidPayment'))
    .handler(tableSteps('voidPayment', ['load', 'write'])),
  refundPayment: a
    .mutation()
    .arguments({ input: a.ref('RefundPayment').required() })
    .returns(a.ref('Payment').required())
    .authorization(allowed('refundPayment'))
    .handler(tableSteps('refundPayment', ['direct', 'load', 'write'])),
  notifyPatron: a
    .mutation()
    .arguments({ eventId: a.id().required(), paymentId: a.id().required() })
    .returns(a.ref('Notification').required())
    .authorization(allowed('notifyPatron'))
    .handler(
      // load payment and event → its patron (balance left) → the mailer Lambda sends → record the outcome
      mailing('notifyPatron', ['load', 'patron'], ['record']),
    ),
};
