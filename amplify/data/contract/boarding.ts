import { a } from '@aws-amplify/backend';
import { allowed, tableSteps } from './builders';

/** Boarding a sailing: each person checked in, walk-ups included. docs/boarding.md. */
export const boardingSchema = {
  // types
  /** one person's check-in, kept when undone (the audit holds each change) */
  CheckInStatus: a.enum(['CHECKED_IN', 'UNDONE']),
  /** what crew must knowingly accept to board a person: no waiver covers them, their booking owes money */
  BoardingProblem: a.enum(['NO_WAIVER', 'OWES']),
  CheckIn: a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    /** `patron`, `minor:<name as on the waiver>` or `guest:<n>` (amplify/data/resolvers/lib/boarding.ts) */
    person: a.string().required(),
    name: a.string().required(),
    minor: a.boolean().required(),
    status: a.ref('CheckInStatus').required(),
    checkedInAt: a.datetime().required(),
    checkedInBy: a.string().required(),
    undoneAt: a.datetime(),
    undoneBy: a.string(),
    undoReason: a.string(),
    /** the problems crew acknowledged in boarding this person, who did, and what the booking owed then */
    acknowledged: a.ref('BoardingProblem').required().array(),
    acknowledgedBy: a.string(),
    owedCents: a.integer(),
  }),
  Boarding: a.customType({
    event: a.ref('Event').required(),
    roster: a.ref('RosterEntry').required().array().required(),
    walkUps: a.ref('WalkUp').required().array().required(),
    checkIns: a.ref('CheckIn').required().array().required(),
    /** more of the sailing's people remain; pass it back for the next page (amplify/data/resolvers/boarding.page.ts) */
    nextToken: a.string(),
  }),
  // queries
  boarding: a
    .query()
    .arguments({ eventId: a.id().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('Boarding'))
    .authorization(allowed('boarding'))
    // the event → one page of its check-ins, walk-ups and roster
    .handler(tableSteps('boarding', ['event', 'page'])),
  // mutations
  checkIn: a
    .mutation()
    .arguments({
      eventId: a.id().required(),
      email: a.email().required(),
      person: a.string().required(),
      /** each problem of this person crew accept (refused with Conflict NO_WAIVER or OWES without it) */
      acknowledge: a.ref('BoardingProblem').required().array(),
    })
    .returns(a.ref('CheckIn').required())
    .authorization(allowed('checkIn'))
    // load → write (no-op if already in) → settle a race on the same person
    .handler(tableSteps('checkIn', ['load', 'write', 'settle'])),
  undoCheckIn: a
    .mutation()
    .arguments({
      eventId: a.id().required(),
      email: a.email().required(),
      person: a.string().required(),
      reason: a.string().required(),
    })
    .returns(a.ref('CheckIn').required())
    .authorization(allowed('undoCheckIn'))
    .handler(tableSteps('undoCheckIn', ['load', 'write', 'settle'])),
};
