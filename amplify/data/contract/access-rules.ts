/**
 * Which Cognito groups may call each field of the GraphQL contract: the one table the schema's
 * authorization rules (./builders.ts), the dashboard's `can` (src/lib/domain/roles.ts) and the tests
 * (test/amplify/backend.test.ts against the synthesized schema, test/api/auth.test.ts against the
 * running API) all read. A plain module importing nothing, so the browser, the resolvers and the
 * Lambdas may import it. docs/security.md says what each role can read.
 *
 * Each list is in the order ADMINS, CREW, ACCOUNTING, the order the schema prints them in.
 */
export type Group = 'ADMINS' | 'CREW' | 'ACCOUNTING';

export const GROUPS: readonly Group[] = ['ADMINS', 'CREW', 'ACCOUNTING'];

const STAFF: readonly Group[] = ['ADMINS', 'CREW'];
/** the back office: money going out, the books and the records an auditor or insurer asks for */
const OFFICE: readonly Group[] = ['ADMINS', 'ACCOUNTING'];
const EVERYONE = GROUPS;
const ADMINS_ONLY: readonly Group[] = ['ADMINS'];

export const ACCESS_RULES = {
  // events: read by the dock and planned by admins; titles are for whoever names a sailing
  listEvents: STAFF,
  getEvent: STAFF,
  // crew read every event too, and the event page's history names where payments moved
  eventTitles: EVERYONE,
  createEvent: ADMINS_ONLY,
  updateEvent: ADMINS_ONLY,

  // roster: booked by the dock; removing a booking is an admin's
  findPatrons: EVERYONE,
  addPatron: STAFF,
  correctPatronEmail: STAFF,
  updatePatron: STAFF,
  removePatron: ADMINS_ONLY,

  // payments: taken and receipted on the dock, voided by admins, refunded by the office (money
  // going out is the bookkeeper's to issue and reconcile, not the dock's)
  paymentsByEvent: EVERYONE,
  paymentsByPatron: OFFICE,
  paymentsBetween: OFFICE,
  logPayment: STAFF,
  voidPayment: ADMINS_ONLY,
  notifyPatron: STAFF,
  refundPayment: OFFICE,

  // cancellations: cancelling a sailing and moving a patron's booking and money are admins', as voids are
  cancelEvent: ADMINS_ONLY,
  notifyCancellation: ADMINS_ONLY,
  rebookPatron: ADMINS_ONLY,

  // waivers: links sent and signatures matched on the dock; signed waivers kept for the office
  matchWaiverClaim: STAFF,
  sendWaiverLink: STAFF,
  sendWaiverLinks: STAFF,
  sendWaiverLinksPage: STAFF,
  signedWaivers: OFFICE,
  signedWaiver: OFFICE,
  waiverText: OFFICE,

  // boarding
  boarding: STAFF,
  checkIn: STAFF,
  undoCheckIn: STAFF,

  // records: the audit trails, never crew
  auditByEvent: OFFICE,
  auditByPatron: OFFICE,

  // reconciliation
  cashCounts: OFFICE,
  takings: OFFICE,
  recordCashCount: OFFICE,

  // team
  teamMembers: ADMINS_ONLY,
  inviteTeamMember: ADMINS_ONLY,
  setTeamMemberGroup: ADMINS_ONLY,
  disableTeamMember: ADMINS_ONLY,
  enableTeamMember: ADMINS_ONLY,
  resetTeamMemberPassword: ADMINS_ONLY,

  // live subscriptions: open to whoever may read what they carry
  onEventChanged: STAFF,
  onRosterChanged: STAFF,
  onPaymentChanged: EVERYONE,
  onCheckInChanged: STAFF,
} as const satisfies Record<string, readonly Group[]>;

export type Field = keyof typeof ACCESS_RULES;

/** Whether any of `groups` may call `field`. */
export const mayCall = (field: Field, groups: readonly string[]): boolean =>
  ACCESS_RULES[field].some((g) => groups.includes(g));
