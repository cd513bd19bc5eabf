import { a } from '@aws-amplify/backend';
import { allowed, table, tableSteps } from './builders';

/** Who is booked on a sailing, and who signed its waiver without a booking. */
export const rosterSchema = {
  // types
  RosterStatus: a.enum(['BOOKED', 'MOVED']),
  RosterEntry: a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    name: a.string().required(),
    phone: a.string(),
    partySize: a.integer().required(),
    amountDueCents: a.integer().required(),
    paidCents: a.integer().required(),
    balanceCents: a.integer().required(),
    waiverSignedAt: a.datetime(),
    notes: a.string(),
    /** who signed the waiver covering this entry, for whom, and how many people it covers */
    waiverSignedBy: a.string(),
    /** the signed record covering this entry now (its WAIVER# item); earlier ones stay in Records */
    waiverId: a.id(),
    waiverMinors: a.string().required().array(),
    waiverPeople: a.integer(),
    /** the last personal waiver link sent to this patron, as a receipt's delivery */
    waiverLinkStatus: a.ref('NotificationStatus'),
    waiverLinkSentAt: a.datetime(),
    waiverLinkError: a.string(),
    /** the SHA-256 of the waiver text signed; absent on entries signed before it was kept here */
    waiverVersion: a.string(),
    /** absent = BOOKED; MOVED = rebooked onto the event `movedTo` (kept here, counted nowhere) */
    status: a.ref('RosterStatus'),
    movedTo: a.id(),
    movedFrom: a.id(),
    /** the notice of the sailing's cancellation, delivered as a receipt is */
    cancelNoticeStatus: a.ref('NotificationStatus'),
    cancelNoticeSentAt: a.datetime(),
    cancelNoticeError: a.string(),
    /** what SES reported about the last waiver link and cancellation notice */
    waiverLinkDelivery: a.ref('MailDelivery'),
    cancelNoticeDelivery: a.ref('MailDelivery'),
    /** the last of this booking's messages (receipt, waiver link, reminder, notice) to bounce or draw a complaint; cleared by a later one delivered */
    mailProblem: a.ref('MailDelivery'),
    mailProblemKind: a.string(),
    mailProblemAt: a.datetime(),
    /** a hard bounce or complaint: nothing more is mailed to this booking's address */
    mailSuppressed: a.boolean(),
    /** how many of the party are checked in (absent = none): a move, removal or smaller party waits for them */
    aboard: a.integer(),
  }),
  /** roster entries across events, as findPatrons pages them */
  RosterEntryPage: a.customType({
    items: a.ref('RosterEntry').required().array().required(),
    nextToken: a.string(),
  }),
  /** signed the event's waiver, not on the roster (no booking, no money, no place taken) */
  WalkUp: a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    name: a.string().required(),
    phone: a.string(),
    /** people the waiver covers: the signer and their minors */
    partySize: a.integer().required(),
    waiverSignedAt: a.datetime().required(),
    waiverMinors: a.string().required().array().required(),
    /** the SHA-256 of the waiver text signed; absent on walk-ups signed before it was kept here */
    waiverVersion: a.string(),
    /** how many of them are checked in, each in a place no booking holds (absent = none) */
    aboard: a.integer(),
  }),
  // inputs
  AddPatron: a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    name: a.string().required(),
    phone: a.string(),
    partySize: a.integer(),
    amountDueCents: a.integer(),
    notes: a.string(),
  }),
  UpdatePatron: a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    name: a.string(),
    phone: a.string(),
    partySize: a.integer(),
    amountDueCents: a.integer(),
    notes: a.string(),
  }),
  // queries
  /** patrons whose name, email or phone starts with the query, across events */
  findPatrons: a
    .query()
    .arguments({ query: a.string().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('RosterEntryPage').required())
    .authorization(allowed('findPatrons'))
    .handler(table('findPatrons')),
  // mutations
  addPatron: a
    .mutation()
    .arguments({ input: a.ref('AddPatron').required() })
    .returns(a.ref('RosterEntry').required())
    .authorization(allowed('addPatron'))
    .handler(tableSteps('addPatron', ['load', 'write'])),
  updatePatron: a
    .mutation()
    .arguments({ input: a.ref('UpdatePatron').required() })
    .returns(a.ref('RosterEntry').required())
    .authorization(allowed('updatePatron'))
    .handler(tableSteps('updatePatron', ['load', 'write'])),
  removePatron: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required() })
    .returns(a.ref('RosterEntry').required())
    .authorization(allowed('removePatron'))
    .handler(tableSteps('removePatron', ['load', 'write'])),
  /**
   * Correcting the address a booking is mailed at (a bounce, a typo). The email is the booking's key,
   * so a corrected address is the booking moved, in one transaction, to the new key with its payments
   * and waiver pointer; what SES reported about the old address stays with the old one.
   */
  correctPatronEmail: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required(), newEmail: a.email().required() })
    .returns(a.ref('RosterEntry').required())
    .authorization(allowed('correctPatronEmail'))
    .handler(tableSteps('correctPatronEmail', ['load', 'payments', 'write'])),
};
