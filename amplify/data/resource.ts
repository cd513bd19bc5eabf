import { type ClientSchema, a, defineData } from '@aws-amplify/backend';
import { mailCorrectionSchema } from './contract/mail-correction';

/**
 * The GraphQL contract of DESIGN.md §4: custom types and custom operations only (no a.model), each
 * field backed by one APPSYNC_JS resolver in ./resolvers on the single table.
 *
 * Data sources (added in amplify/backend.ts; the local AppSync maps them by the same names):
 * - `SccTableDataSource`: the DynamoDB table (amplify/storage/table.ts). Resolvers read the table
 *   name from `ctx.env.TABLE_NAME` (TransactWriteItems needs it).
 * - `MailerDataSource`: the mailer Lambda (amplify/functions/mailer), a Lambda data source added with
 *   `backend.data.addLambdaDataSource('MailerDataSource', backend.mailer.resources.lambda)`.
 *   notifyPatron is a pipeline of custom handlers (table → mailer → table) rather than
 *   `a.handler.function(mailer)` because @aws-amplify/data-schema refuses a pipeline that mixes
 *   custom and function handlers ("Field handlers must be of the same type").
 * - `RetentionDataSource`: the retention Lambda (amplify/functions/retention), updateEvent's last
 *   step, added the same way.
 *
 * Input types: an argument `a.ref('CreateEvent')` to a custom type becomes the GraphQL input
 * `CreateEventInput`, which is how the contract's input names arise.
 */
export const TABLE_DATA_SOURCE = 'SccTableDataSource';
export const MAILER_DATA_SOURCE = 'MailerDataSource';
export const RETENTION_DATA_SOURCE = 'RetentionDataSource';
/** The team Lambda (amplify/functions/team): Cognito's admin APIs on the user pool (issue 17 §1). */
export const TEAM_DATA_SOURCE = 'TeamDataSource';

const ADMINS = 'ADMINS';
const CREW = 'CREW';
const ACCOUNTING = 'ACCOUNTING';

const teamHandler = (field: string) => a.handler.custom({ dataSource: TEAM_DATA_SOURCE, entry: `./resolvers/${field}.ts` });
/** A change to one team member (ADMINS only), made by the team Lambda, which answers the member as they now stand. */
const teamMemberChange = <A extends Parameters<ReturnType<typeof a.mutation>['arguments']>[0]>(field: string, args: A) =>
  a.mutation().arguments(args).returns(a.ref('TeamMember').required()).authorization((allow) => [allow.groups([ADMINS])])
    .handler(teamHandler(field));
const table = (field: string) => a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: `./resolvers/${field}.ts` });
/** A pipeline of table steps `<field>.<step>.ts`: read what the rules need, then one transaction. */
const tableSteps = (field: string, steps: string[]) =>
  steps.map((step) => a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: `./resolvers/${field}.${step}.ts` }));

export const schema = a.schema({
  PaymentMethod: a.enum(['CARD', 'CASH', 'CHECK', 'ACH', 'OTHER']),
  PaymentStatus: a.enum(['RECORDED', 'VOIDED', 'MOVED']),
  NotificationStatus: a.enum(['SENT', 'FAILED']),
  /** What SES reported after a message was sent (amplify/functions/mail-events), in precedence order. */
  MailDelivery: a.enum(['DELAYED', 'DELIVERED', 'REJECTED', 'BOUNCED', 'COMPLAINED']),

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
    /** people booked (sum of party sizes), what capacity is checked against; an addition to §4 */
    headCount: a.integer(),
    /** people checked in for boarding now (issue 15 §2); absent before the first check-in */
    checkedIn: a.integer(),
    /** of them, walk-ups (no booking): booked places plus these never exceed capacity; absent = none */
    walkUpsAboard: a.integer(),
    /** issue 17 §3: absent = SCHEDULED; a CANCELLED event takes no booking, payment or check-in */
    status: a.ref('EventStatus'),
    cancelledAt: a.datetime(),
    cancelledBy: a.string(),
    cancelReason: a.string(),
  }),
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
    /** additions to §4: who signed the waiver covering this entry, for whom, and how many people it covers */
    waiverSignedBy: a.string(),
    /** the signed record covering this entry now (its WAIVER# item); earlier ones stay in Records */
    waiverId: a.id(),
    waiverMinors: a.string().required().array(),
    waiverPeople: a.integer(),
    /** additions (issue 15 §4): the last personal waiver link sent to this patron, as a receipt's delivery */
    waiverLinkStatus: a.ref('NotificationStatus'),
    waiverLinkSentAt: a.datetime(),
    waiverLinkError: a.string(),
    /** an addition (issue 15 §3): the SHA-256 of the waiver text signed; absent on entries signed before it was kept here */
    waiverVersion: a.string(),
    /** issue 17 §3: absent = BOOKED; MOVED = rebooked onto the event `movedTo` (kept here, counted nowhere) */
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
  /** an addition (issue 15 §4): one personal waiver link's delivery, recorded on the roster entry */
  WaiverLinkDelivery: a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    status: a.ref('NotificationStatus').required(),
    sentAt: a.datetime().required(),
    messageId: a.string(),
    error: a.string(),
  }),
  /** an addition to §4: signed the event's waiver, not on the roster (no booking, no money, no place taken) */
  WalkUp: a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    name: a.string().required(),
    phone: a.string(),
    /** people the waiver covers: the signer and their minors */
    partySize: a.integer().required(),
    waiverSignedAt: a.datetime().required(),
    waiverMinors: a.string().required().array().required(),
    /** an addition (issue 15 §3): the SHA-256 of the waiver text signed; absent on walk-ups signed before it was kept here */
    waiverVersion: a.string(),
    /** how many of them are checked in, each in a place no booking holds (absent = none) */
    aboard: a.integer(),
  }),
  /**
   * A signature made through the public event link under a booked email: held as "claims to be
   * <claimsName>", off the booking, until staff match it (matchWaiverClaim) or the patron signs
   * through their personal link. docs/waivers.md.
   */
  WaiverClaim: a.customType({
    eventId: a.id().required(),
    /** the booked email it was signed under */
    email: a.email().required(),
    claimsName: a.string().required(),
    waiverId: a.id().required(),
    waiverSignedAt: a.datetime().required(),
    waiverSignedBy: a.string().required(),
    waiverMinors: a.string().required().array().required(),
    waiverPeople: a.integer().required(),
    waiverVersion: a.string(),
  }),
  EventDetail: a.customType({
    event: a.ref('Event').required(),
    roster: a.ref('RosterEntry').required().array().required(),
    /** an addition to §4 */
    walkUps: a.ref('WalkUp').required().array().required(),
    /** signatures held off their booking until staff match them (absent: not asked for) */
    claims: a.ref('WaiverClaim').required().array(),
  }),
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
    /** issue 17 §3: absent = PAYMENT. A REFUND is money given back: positive amountCents, counted negative */
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
  EventPage: a.customType({
    items: a.ref('Event').required().array().required(),
    nextToken: a.string(),
  }),
  PaymentPage: a.customType({
    items: a.ref('Payment').required().array().required(),
    nextToken: a.string(),
  }),
  /** an addition (issue 15 §4): one page of sendWaiverLinksPage's deliveries */
  WaiverLinkDeliveryPage: a.customType({
    items: a.ref('WaiverLinkDelivery').required().array().required(),
    nextToken: a.string(),
  }),
  /** an addition (issue 15 §5): roster entries across events, as findPatrons pages them */
  RosterEntryPage: a.customType({
    items: a.ref('RosterEntry').required().array().required(),
    nextToken: a.string(),
  }),
  Notification: a.customType({
    paymentId: a.id().required(),
    to: a.email().required(),
    status: a.ref('NotificationStatus').required(),
    messageId: a.string(),
    error: a.string(),
  }),

  /** Boarding (issue 15 §2): one person's check-in, kept when undone (the audit holds each change). */
  CheckInStatus: a.enum(['CHECKED_IN', 'UNDONE']),
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
  }),
  Boarding: a.customType({
    event: a.ref('Event').required(),
    roster: a.ref('RosterEntry').required().array().required(),
    walkUps: a.ref('WalkUp').required().array().required(),
    checkIns: a.ref('CheckIn').required().array().required(),
    /** an addition: more of the sailing's people remain; pass it back for the next page (amplify/data/resolvers/boarding.page.ts) */
    nextToken: a.string(),
  }),

  // Issue 17 §2: the records an auditor or insurer asks for (ADMINS ACCOUNTING).
  /** One audit record (amplify/data/audit.ts), any operation: images as JSON text, keys left out. */
  AuditEntry: a.customType({
    id: a.id().required(),
    /** the event id (or, for changes outside an event, what was changed) */
    entity: a.string().required(),
    /** the GraphQL field, or `signWaiver` / a Lambda's name for changes made outside the API */
    operation: a.string().required(),
    actor: a.string().required(),
    at: a.datetime().required(),
    /** the patron the change is about, if any */
    patronEmail: a.string(),
    before: a.json(),
    after: a.json(),
  }),
  AuditPage: a.customType({
    items: a.ref('AuditEntry').required().array().required(),
    nextToken: a.string(),
  }),
  WaiverMinor: a.customType({ name: a.string().required(), dateOfBirth: a.date() }),
  /** A signature as the waiver Lambda stored it; its text is `waiverText(waiverVersion)`. */
  SignedWaiver: a.customType({
    id: a.id().required(),
    eventId: a.id().required(),
    name: a.string().required(),
    email: a.string().required(),
    phone: a.string(),
    dateOfBirth: a.date(),
    minors: a.ref('WaiverMinor').required().array().required(),
    /** the signature as typed */
    signature: a.string().required(),
    signedAt: a.datetime().required(),
    /** SHA-256 (hex) of the text signed */
    waiverVersion: a.string().required(),
    ip: a.string(),
    userAgent: a.string(),
  }),
  SignedWaiverPage: a.customType({
    items: a.ref('SignedWaiver').required().array().required(),
    nextToken: a.string(),
  }),
  /** A waiver text exactly as signed, stored once under its SHA-256. */
  WaiverText: a.customType({ version: a.string().required(), text: a.string().required() }),
  SignedWaiverDocument: a.customType({ waiver: a.ref('SignedWaiver').required(), text: a.ref('WaiverText') }),

  // Argument shapes: each becomes the input type `<Name>Input` of the contract.
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

  listEvents: a
    .query()
    .arguments({ from: a.date().required(), to: a.date().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('EventPage').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(table('listEvents')),
  getEvent: a
    .query()
    .arguments({ id: a.id().required() })
    .returns(a.ref('EventDetail'))
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(table('getEvent')),
  paymentsByEvent: a
    .query()
    .arguments({ eventId: a.id().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('PaymentPage').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW, ACCOUNTING])])
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
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
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
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(table('paymentsBetween')),
  /** an addition (issue 15 §5): patrons whose name, email or phone starts with the query, across events */
  findPatrons: a
    .query()
    .arguments({ query: a.string().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('RosterEntryPage').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW, ACCOUNTING])])
    .handler(table('findPatrons')),

  // Issue 17 §2: audit trails and signed waivers, for an auditor or insurer (never CREW).
  auditByEvent: a
    .query()
    .arguments({ eventId: a.id().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('AuditPage').required())
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(table('auditByEvent')),
  auditByPatron: a
    .query()
    .arguments({ email: a.email().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('AuditPage').required())
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(table('auditByPatron')),
  signedWaivers: a
    .query()
    .arguments({ eventId: a.id().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('SignedWaiverPage').required())
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(table('signedWaivers')),
  /** one signature (its key: the event, when it was signed, its id) and the exact text it signed */
  signedWaiver: a
    .query()
    .arguments({ eventId: a.id().required(), signedAt: a.string().required(), id: a.id().required() })
    .returns(a.ref('SignedWaiverDocument'))
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(tableSteps('signedWaiver', ['load', 'text'])),
  waiverText: a
    .query()
    .arguments({ version: a.string().required() })
    .returns(a.ref('WaiverText'))
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(table('waiverText')),

  createEvent: a
    .mutation()
    .arguments({ input: a.ref('CreateEvent').required() })
    .returns(a.ref('Event').required())
    .authorization((allow) => [allow.groups([ADMINS])])
    .handler(table('createEvent')),
  updateEvent: a
    .mutation()
    .arguments({ input: a.ref('UpdateEvent').required() })
    .returns(a.ref('Event').required())
    .authorization((allow) => [allow.groups([ADMINS])])
    .handler([
      // load the event → write it and its audit record → the retention Lambda keeps its payments
      // 7 years after the (new) date
      ...tableSteps('updateEvent', ['load', 'write']),
      a.handler.custom({ dataSource: RETENTION_DATA_SOURCE, entry: './resolvers/updateEvent.retain.ts' }),
    ]),
  addPatron: a
    .mutation()
    .arguments({ input: a.ref('AddPatron').required() })
    .returns(a.ref('RosterEntry').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(tableSteps('addPatron', ['load', 'write'])),
  updatePatron: a
    .mutation()
    .arguments({ input: a.ref('UpdatePatron').required() })
    .returns(a.ref('RosterEntry').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(tableSteps('updatePatron', ['load', 'write'])),
  removePatron: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required() })
    .returns(a.ref('RosterEntry').required())
    .authorization((allow) => [allow.groups([ADMINS])])
    .handler(tableSteps('removePatron', ['load', 'write'])),
  /** Attaches a held public-link signature to the booking it claims, once staff have checked who signed. */
  matchWaiverClaim: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required(), waiverId: a.id().required() })
    .returns(a.ref('RosterEntry').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(tableSteps('matchWaiverClaim', ['load', 'write'])),
  logPayment: a
    .mutation()
    .arguments({ input: a.ref('LogPayment').required() })
    .returns(a.ref('Payment').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(tableSteps('logPayment', ['direct', 'load', 'write', 'replay'])),
  voidPayment: a
    .mutation()
    .arguments({ eventId: a.id().required(), paymentId: a.id().required(), reason: a.string().required() })
    .returns(a.ref('Payment').required())
    .authorization((allow) => [allow.groups([ADMINS])])
    .handler(tableSteps('voidPayment', ['load', 'write'])),
  notifyPatron: a
    .mutation()
    .arguments({ eventId: a.id().required(), paymentId: a.id().required() })
    .returns(a.ref('Notification').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler([
      // load payment and event → its patron (balance left) → the mailer Lambda sends → record the outcome
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/notifyPatron.load.ts' }),
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/notifyPatron.patron.ts' }),
      a.handler.custom({ dataSource: MAILER_DATA_SOURCE, entry: './resolvers/notifyPatron.send.ts' }),
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/notifyPatron.record.ts' }),
    ]),
  // Issue 15 §4: personal waiver links. Each patron's link is signed for their booking (the mailer
  // signs it, the waiver Lambda checks it); each send is recorded on the roster entry and audited.
  sendWaiverLink: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required() })
    .returns(a.ref('WaiverLinkDelivery').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler([
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/sendWaiverLink.load.ts' }),
      a.handler.custom({ dataSource: MAILER_DATA_SOURCE, entry: './resolvers/sendWaiverLink.send.ts' }),
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/sendWaiverLink.record.ts' }),
    ]),
  /** to every roster entry no waiver covers yet (at most 49 per call; sendWaiverLinksPage pages any roster) */
  sendWaiverLinks: a
    .mutation()
    .arguments({ eventId: a.id().required() })
    .returns(a.ref('WaiverLinkDelivery').required().array().required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler([
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/sendWaiverLinks.load.ts' }),
      a.handler.custom({ dataSource: MAILER_DATA_SOURCE, entry: './resolvers/sendWaiverLinks.send.ts' }),
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/sendWaiverLinks.record.ts' }),
    ]),

  /** "to everyone not signed" for any roster: one page of the roster a call, follow nextToken to the end */
  sendWaiverLinksPage: a
    .mutation()
    .arguments({ eventId: a.id().required(), nextToken: a.string() })
    .returns(a.ref('WaiverLinkDeliveryPage').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler([
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/sendWaiverLinksPage.event.ts' }),
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/sendWaiverLinksPage.roster.ts' }),
      a.handler.custom({ dataSource: MAILER_DATA_SOURCE, entry: './resolvers/sendWaiverLinksPage.send.ts' }),
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/sendWaiverLinksPage.record.ts' }),
    ]),

  boarding: a
    .query()
    .arguments({ eventId: a.id().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('Boarding'))
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    // the event → one page of its check-ins, walk-ups and roster
    .handler(tableSteps('boarding', ['event', 'page'])),
  checkIn: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required(), person: a.string().required() })
    .returns(a.ref('CheckIn').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    // load → write (no-op if already in) → settle a race on the same person
    .handler(tableSteps('checkIn', ['load', 'write', 'settle'])),
  undoCheckIn: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required(), person: a.string().required(), reason: a.string().required() })
    .returns(a.ref('CheckIn').required())
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(tableSteps('undoCheckIn', ['load', 'write', 'settle'])),
  // Issue 17 §1: the team. ADMINS only; each field invokes the team Lambda (TeamDataSource), which
  // calls Cognito's admin APIs one change at a time under the table's team lock and audits each.
  TeamGroup: a.enum(['ADMINS', 'CREW', 'ACCOUNTING']),
  TeamMember: a.customType({
    email: a.email().required(),
    name: a.string(),
    /** null: in none of the three groups (a user made outside the dashboard) */
    group: a.ref('TeamGroup'),
    enabled: a.boolean().required(),
    /** Cognito's UserStatus: FORCE_CHANGE_PASSWORD until an invited member has chosen a password */
    status: a.string().required(),
    createdAt: a.datetime(),
    /** invite and reset only: whether the mail with the temporary password went out */
    mailStatus: a.ref('NotificationStatus'),
    mailError: a.string(),
    /** disable and reset only: whether the member's sessions were revoked (false where the pool cannot: cognito-local) */
    signedOut: a.boolean(),
  }),
  TeamMemberPage: a.customType({
    items: a.ref('TeamMember').required().array().required(),
    nextToken: a.string(),
  }),
  InviteTeamMember: a.customType({
    email: a.email().required(),
    name: a.string().required(),
    group: a.ref('TeamGroup').required(),
  }),
  teamMembers: a
    .query()
    .arguments({ limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('TeamMemberPage').required())
    .authorization((allow) => [allow.groups([ADMINS])])
    .handler(teamHandler('teamMembers')),
  inviteTeamMember: teamMemberChange('inviteTeamMember', { input: a.ref('InviteTeamMember').required() }),
  setTeamMemberGroup: teamMemberChange('setTeamMemberGroup', { email: a.email().required(), group: a.ref('TeamGroup').required() }),
  disableTeamMember: teamMemberChange('disableTeamMember', { email: a.email().required() }),
  enableTeamMember: teamMemberChange('enableTeamMember', { email: a.email().required() }),
  resetTeamMemberPassword: teamMemberChange('resetTeamMemberPassword', { email: a.email().required() }),

  // Issue 17 §4: reconciliation. Totals are summed by the dashboard and the bookkeeping script from
  // paymentsBetween (src/lib/reconciliation.ts); a cash count is a person's count of a day's cash,
  // each count (recounts too) its own item, never changed or deleted, and audited.
  CashCount: a.customType({
    id: a.id().required(),
    /** the operator's day counted */
    day: a.date().required(),
    countedCents: a.integer().required(),
    /** the day's recorded cash as the server summed it when counting, and counted − expected (absent on counts before they were kept) */
    expectedCents: a.integer(),
    differenceCents: a.integer(),
    notes: a.string(),
    countedBy: a.string().required(),
    countedAt: a.datetime().required(),
  }),
  CashCountPage: a.customType({
    items: a.ref('CashCount').required().array().required(),
    nextToken: a.string(),
  }),
  /** the counts of the days from `from` to `to`, oldest day first, each day's counts in the order made */
  cashCounts: a
    .query()
    .arguments({ from: a.date().required(), to: a.date().required(), limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('CashCountPage').required())
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(table('cashCounts')),
  recordCashCount: a
    .mutation()
    // expectedCents is the server's sum of the day's cash; one sent must equal it (kept for older clients)
    .arguments({ day: a.date().required(), countedCents: a.integer().required(), notes: a.string(), expectedCents: a.integer() })
    .returns(a.ref('CashCount').required())
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(tableSteps('recordCashCount', ['cash', 'cashLate', 'write'])),
  /** the title and start of events reconciliation totals (ACCOUNTING may not read an event), in the order asked */
  EventTitle: a.customType({ id: a.id().required(), title: a.string().required(), startsAt: a.datetime().required(),
    /** an addition: CANCELLED, or absent for a scheduled event (a screen naming it says nothing is owed there) */
    status: a.ref('EventStatus') }),
  eventTitles: a
    .query()
    .arguments({ ids: a.id().required().array().required() })
    .returns(a.ref('EventTitle').array().required())
    // CREW too: crew reads every event (getEvent, listEvents) and the event page's history names where payments moved.
    .authorization((allow) => [allow.groups([ADMINS, CREW, ACCOUNTING])])
    .handler(table('eventTitles')),

  // Issue 16 §1: live screens. AppSync requires a subscription to return its mutations' type, so
  // one event's changes arrive on four subscriptions, one per changed thing; each resolver filters
  // them to the subscribed event (enhanced filters) and each is open to the groups that may read it.
  onEventChanged: a
    .subscription()
    .for(a.ref('updateEvent'))
    .arguments({ eventId: a.id().required() })
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(a.handler.custom({ entry: './resolvers/onEventChanged.ts' })),
  onRosterChanged: a
    .subscription()
    .for([a.ref('addPatron'), a.ref('updatePatron'), a.ref('removePatron'), a.ref('matchWaiverClaim')])
    .arguments({ eventId: a.id().required() })
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(a.handler.custom({ entry: './resolvers/onRosterChanged.ts' })),
  onPaymentChanged: a
    .subscription()
    // refundPayment (issue 17 §3) returns a Payment too. cancelEvent (Cancellation) and rebookPatron
    // (Rebooking) cannot be attached: AppSync requires a subscription's mutations to return its type.
    // A live screen sees them through what they change: a cancellation's Event on reload, a move's
    // entries and payments on the next getEvent/paymentsByEvent.
    .for([a.ref('logPayment'), a.ref('voidPayment'), a.ref('refundPayment')])
    .arguments({ eventId: a.id().required() })
    .authorization((allow) => [allow.groups([ADMINS, CREW, ACCOUNTING])])
    .handler(a.handler.custom({ entry: './resolvers/onPaymentChanged.ts' })),
  onCheckInChanged: a
    .subscription()
    .for([a.ref('checkIn'), a.ref('undoCheckIn')])
    .arguments({ eventId: a.id().required() })
    .authorization((allow) => [allow.groups([ADMINS, CREW])])
    .handler(a.handler.custom({ entry: './resolvers/onCheckInChanged.ts' })),

  // Issue 17 §3: refunds and cancellations. Refunds are ADMINS and ACCOUNTING: money going out is
  // the office's (the bookkeeper issues it and reconciles it), not the dock's, so CREW may not.
  // Cancelling a sailing and moving a patron's booking and money are ADMINS', as voids are.
  PaymentKind: a.enum(['PAYMENT', 'REFUND']),
  EventStatus: a.enum(['SCHEDULED', 'CANCELLED']),
  RosterStatus: a.enum(['BOOKED', 'MOVED']),
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
  }),
  /** one cancellation notice's delivery, recorded on the roster entry */
  NoticeDelivery: a.customType({
    eventId: a.id().required(),
    email: a.email().required(),
    status: a.ref('NotificationStatus').required(),
    sentAt: a.datetime().required(),
    messageId: a.string(),
    error: a.string(),
  }),
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
  refundPayment: a
    .mutation()
    .arguments({ input: a.ref('RefundPayment').required() })
    .returns(a.ref('Payment').required())
    .authorization((allow) => [allow.groups([ADMINS, ACCOUNTING])])
    .handler(tableSteps('refundPayment', ['load', 'write'])),
  cancelEvent: a
    .mutation()
    .arguments({ eventId: a.id().required(), reason: a.string().required() })
    .returns(a.ref('Cancellation').required())
    .authorization((allow) => [allow.groups([ADMINS])])
    .handler([
      // load the event → mark it cancelled (audited) → read its roster → the mailer notifies → record each delivery
      ...tableSteps('cancelEvent', ['load', 'mark', 'roster']),
      a.handler.custom({ dataSource: MAILER_DATA_SOURCE, entry: './resolvers/cancelEvent.send.ts' }),
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/cancelEvent.record.ts' }),
    ]),
  /** the cancellation notice again, to the patrons of a cancelled event not yet notified (at most 49 per call) */
  notifyCancellation: a
    .mutation()
    .arguments({ eventId: a.id().required() })
    .returns(a.ref('Cancellation').required())
    .authorization((allow) => [allow.groups([ADMINS])])
    .handler([
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/notifyCancellation.load.ts' }),
      a.handler.custom({ dataSource: MAILER_DATA_SOURCE, entry: './resolvers/notifyCancellation.send.ts' }),
      a.handler.custom({ dataSource: TABLE_DATA_SOURCE, entry: './resolvers/notifyCancellation.record.ts' }),
    ]),
  rebookPatron: a
    .mutation()
    .arguments({ eventId: a.id().required(), email: a.email().required(), toEventId: a.id().required() })
    .returns(a.ref('Rebooking').required())
    .authorization((allow) => [allow.groups([ADMINS])])
    .handler(tableSteps('rebookPatron', ['load', 'payments', 'write'])),
  ...mailCorrectionSchema,
});

export type Schema = ClientSchema<typeof schema>;

export const data = defineData({
  schema,
  authorizationModes: { defaultAuthorizationMode: 'userPool' },
});
