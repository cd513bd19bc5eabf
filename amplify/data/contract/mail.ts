import { a } from '@aws-amplify/backend';

/** How a message the API sent fared: the mailer's answer, then what SES reported after. */
export const mailSchema = {
  NotificationStatus: a.enum(['SENT', 'FAILED']),
  /** What SES reported after a message was sent (amplify/functions/mail-events), in precedence order. */
  MailDelivery: a.enum(['DELAYED', 'DELIVERED', 'REJECTED', 'BOUNCED', 'COMPLAINED']),
};

/** One message to a patron about their booking, as sent (the same shape for each kind a booking records). */
export const delivery = () =>
  a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    status: a.ref('NotificationStatus').required(),
    sentAt: a.datetime().required(),
    messageId: a.string(),
    error: a.string(),
  });
