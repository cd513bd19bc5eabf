import { a } from '@aws-amplify/backend';
import { allowed, mailing, tableSteps } from './builders';
import { delivery } from './mail';

/** A cancelled sailing, the notices to its patrons, and a booking moved (with its money) to another sailing. */
export const cancellationsSchema = {
  // types
  /** one cancellation notice's delivery, recorded on the roster entry */
  NoticeDelivery: delivery(),
  Cancellation: a.customType({
    event: a.ref('Event').required(),
    notices: a.ref('NoticeDelivery').required().array().required(),
    /** patrons not yet notified (past one call's limit, or failed): notifyCancellation reaches them */
    unnotified: a.integer().required(),
  }),
  Rebooking: a.customType({
    from: a.ref('RosterEntry').required(),
    to: a.ref('RosterEntry').required(),
    payments: a.ref('Payment').required().array().required(),
  }),
  // mutations
  cancelEvent: a
    .mutation()
    .arguments({ eventId: a.id().required(), reason: a.string().required() })
    .returns(a.ref('Cancellation').required())
    .authorization(allowed('cancelEvent'))
    .handler(
      // load the event → mark it cancelled (audited) → read its roster → the mailer notifies → record each delivery
      mailing('cancelEvent', ['load', 'mark', 'roster'], ['record']),
    ),
  /** the cancellation notice again, to the patrons of a cancelled event not yet notified (at most 49 per call) */
  notifyCancellation: a
    .mutation()
    .arguments({ eventId: a.id().required() })
    .returns(a.ref('Cancellation').required())
    .authorization(allowed('notifyCancellation'))
    .handler(mailing('notifyCancellation', ['load'], ['record'])),
  rebookPatron: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required(), toEventId: a.id().required() })
    .returns(a.ref('Rebooking').required())
    .authorization(allowed('rebookPatron'))
    .handler(tableSteps('rebookPatron', ['load', 'payments', 'write'])),
};
