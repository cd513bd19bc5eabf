import { a } from '@aws-amplify/backend';
import { allowed, retentionStep, table, tableSteps } from './builders';

/** The sailings: planned by admins, read by the dock. */
export const eventsSchema = {
  // types
  EventStatus: a.enum(['SCHEDULED', 'CANCELLED']),
  Event: a.customType({
    id: a.id().required(),
    title: a.string().required(),
    startsAt: a.datetime().required(),
    endsAt: a.datetime(),
    boat: a.string(),
    captain: a.string(),
    crew: a.string().required().array().required(),
    capacity: a.integer().required(),
    priceCents: a.integer().required(),
    dueCents: a.integer().required(),
    paidCents: a.integer().required(),
    balanceCents: a.integer().required(),
    rosterCount: a.integer().required(),
    /** people covered by the waivers of roster entries (signers and their minors), against headCount */
    waiversSigned: a.integer().required(),
    /** people booked (sum of party sizes), what capacity is checked against */
    headCount: a.integer(),
    /** people checked in for boarding now; absent before the first check-in */
    checkedIn: a.integer(),
    /** of them, walk-ups (no booking): booked places plus these never exceed capacity; absent = none */
    walkUpsAboard: a.integer(),
    /** absent = SCHEDULED; a CANCELLED event takes no booking, payment or check-in */
    status: a.ref('EventStatus'),
    cancelledAt: a.datetime(),
    cancelledBy: a.string(),
    cancelReason: a.string(),
  }),
  EventDetail: a.customType({
    event: a.ref('Event').required(),
    roster: a.ref('RosterEntry').required().array().required(),
    /** people who signed the event's waiver without a booking */
    walkUps: a.ref('WalkUp').required().array().required(),
    /** signatures held off their booking until staff match them (absent: not asked for) */
    claims: a.ref('WaiverClaim').required().array(),
  }),
  EventPage: a.customType({
    items: a.ref('Event').required().array().required(),
    nextToken: a.string(),
  }),
  /** the title and start of events reconciliation totals name (ACCOUNTING may not read an event), in the order asked */
  EventTitle: a.customType({
    id: a.id().required(),
    title: a.string().required(),
    startsAt: a.datetime().required(),
    /** CANCELLED, or absent for a scheduled event (a screen naming it says nothing is owed there) */
    status: a.ref('EventStatus'),
  }),
  // inputs: each becomes the input type `<Name>Input` of the contract
  CreateEvent: a.customType({
    id: a.id(),
    title: a.string().required(),
    startsAt: a.datetime().required(),
    endsAt: a.datetime(),
    boat: a.string(),
    captain: a.string(),
    crew: a.string().required().array(),
    capacity: a.integer().required(),
    priceCents: a.integer().required(),
  }),
  UpdateEvent: a.customType({
    id: a.id().required(),
    title: a.string(),
    startsAt: a.datetime(),
    endsAt: a.datetime(),
    boat: a.string(),
    captain: a.string(),
    crew: a.string().required().array(),
    capacity: a.integer(),
    priceCents: a.integer(),
  }),
  // queries
  listEvents: a
    .query()
    .arguments({ from: a.date().required(), to: a.date().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('EventPage').required())
    .authorization(allowed('listEvents'))
    .handler(table('listEvents')),
  getEvent: a
    .query()
    .arguments({ id: a.id().required() })
    .returns(a.ref('EventDetail'))
    .authorization(allowed('getEvent'))
    .handler(table('getEvent')),
  eventTitles: a
    .query()
    .arguments({ ids: a.id().required().array().required() })
    .returns(a.ref('EventTitle').array().required())
    .authorization(allowed('eventTitles'))
    .handler(table('eventTitles')),
  // mutations
  createEvent: a
    .mutation()
    .arguments({ input: a.ref('CreateEvent').required() })
    .returns(a.ref('Event').required())
    .authorization(allowed('createEvent'))
    .handler(table('createEvent')),
  updateEvent: a
    .mutation()
    .arguments({ input: a.ref('UpdateEvent').required() })
    .returns(a.ref('Event').required())
    .authorization(allowed('updateEvent'))
    .handler([
      // load the event → write it and its audit record → the retention Lambda keeps its payments
      // 7 years after the (new) date
      ...tableSteps('updateEvent', ['load', 'write']),
      retentionStep('updateEvent', 'retain'),
    ]),
};
