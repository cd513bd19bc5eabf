import { a } from '@aws-amplify/backend';
import { allowed, subscriptionHandler } from './builders';

/**
 * Live screens. AppSync requires a subscription to return its mutations' type, so one event's changes
 * arrive on four subscriptions, one per changed thing; each resolver filters them to the subscribed
 * event (enhanced filters), and each is open to the groups that may read what it carries.
 */
export const liveSchema = {
  onEventChanged: a
    .subscription()
    .for([a.ref('updateEvent'), a.ref('publishEventChanged')])
    .arguments({ eventId: a.id().required() })
    .authorization(allowed('onEventChanged'))
    .handler(subscriptionHandler('onEventChanged')),
  onRosterChanged: a
    .subscription()
    .for([
      a.ref('addPatron'),
      a.ref('updatePatron'),
      a.ref('removePatron'),
      a.ref('matchWaiverClaim'),
      a.ref('correctPatronEmail'),
      a.ref('publishRosterChanged'),
    ])
    .arguments({ eventId: a.id().required() })
    .authorization(allowed('onRosterChanged'))
    .handler(subscriptionHandler('onRosterChanged')),
  onPaymentChanged: a
    .subscription()
    // refundPayment returns a Payment too. cancelEvent (Cancellation) and rebookPatron
    // (Rebooking) cannot be attached: AppSync requires a subscription's mutations to return its type.
    // A live screen sees them through what they change: a cancellation's Event on reload, a move's
    // entries and payments on the next getEvent/paymentsByEvent.
    .for([a.ref('logPayment'), a.ref('voidPayment'), a.ref('refundPayment')])
    .arguments({ eventId: a.id().required() })
    .authorization(allowed('onPaymentChanged'))
    .handler(subscriptionHandler('onPaymentChanged')),
  onCheckInChanged: a
    .subscription()
    .for([a.ref('checkIn'), a.ref('undoCheckIn')])
    .arguments({ eventId: a.id().required() })
    .authorization(allowed('onCheckInChanged'))
    .handler(subscriptionHandler('onCheckInChanged')),
};
