/** The GraphQL documents the dashboard sends (the contract: docs/architecture.md). Fragments keep selections in one place. */

const EVENT_FIELDS = /* GraphQL */ `
  id title startsAt endsAt boat captain crew capacity priceCents
  dueCents paidCents balanceCents rosterCount headCount waiversSigned
  status cancelledAt cancelledBy cancelReason`;

const ROSTER_FIELDS = /* GraphQL */ `
  eventId email name phone partySize amountDueCents paidCents balanceCents waiverSignedAt notes
  waiverId waiverSignedBy waiverMinors waiverPeople waiverLinkStatus waiverLinkSentAt waiverLinkError waiverVersion
  status movedTo movedFrom cancelNoticeStatus cancelNoticeSentAt cancelNoticeError
  waiverLinkDelivery cancelNoticeDelivery mailProblem mailProblemKind mailProblemAt mailSuppressed aboard`;

const WALK_UP_FIELDS = /* GraphQL */ `eventId email name phone partySize waiverSignedAt waiverMinors waiverVersion`;

const CLAIM_FIELDS = /* GraphQL */ `eventId email claimsName waiverId waiverSignedAt waiverSignedBy waiverMinors waiverPeople waiverVersion`;

const PAYMENT_FIELDS = /* GraphQL */ `
  id eventId patronEmail patronName amountCents currency method notes receivedAt loggedAt loggedBy
  status voidedAt voidedBy voidReason notificationStatus notifiedAt notificationDelivery notificationDeliveryAt
  kind reason refundOf refundedCents movedTo movedToPaymentId movedFrom movedFromPaymentId`;

export const listEvents = /* GraphQL */ `
  query ListEvents($from: AWSDate!, $to: AWSDate!, $limit: Int, $nextToken: String) {
    listEvents(from: $from, to: $to, limit: $limit, nextToken: $nextToken) {
      items { ${EVENT_FIELDS} } nextToken
    }
  }`;

export const getEvent = /* GraphQL */ `
  query GetEvent($id: ID!) {
    getEvent(id: $id) { event { ${EVENT_FIELDS} } roster { ${ROSTER_FIELDS} } walkUps { ${WALK_UP_FIELDS} } claims { ${CLAIM_FIELDS} } }
  }`;

export const paymentsByEvent = /* GraphQL */ `
  query PaymentsByEvent($eventId: ID!, $limit: Int, $nextToken: String) {
    paymentsByEvent(eventId: $eventId, limit: $limit, nextToken: $nextToken) {
      items { ${PAYMENT_FIELDS} } nextToken
    }
  }`;

export const paymentsByPatron = /* GraphQL */ `
  query PaymentsByPatron($email: AWSEmail!, $from: AWSDateTime, $to: AWSDateTime, $limit: Int, $nextToken: String) {
    paymentsByPatron(email: $email, from: $from, to: $to, limit: $limit, nextToken: $nextToken) {
      items { ${PAYMENT_FIELDS} } nextToken
    }
  }`;

export const findPatrons = /* GraphQL */ `
  query FindPatrons($query: String!, $limit: Int, $nextToken: String) {
    findPatrons(query: $query, limit: $limit, nextToken: $nextToken) {
      items { ${ROSTER_FIELDS} } nextToken
    }
  }`;

export const paymentsBetween = /* GraphQL */ `
  query PaymentsBetween($from: AWSDateTime!, $to: AWSDateTime!, $method: PaymentMethod, $limit: Int, $nextToken: String) {
    paymentsBetween(from: $from, to: $to, method: $method, limit: $limit, nextToken: $nextToken) {
      items { ${PAYMENT_FIELDS} } nextToken
    }
  }`;

export const createEvent = /* GraphQL */ `
  mutation CreateEvent($input: CreateEventInput!) { createEvent(input: $input) { ${EVENT_FIELDS} } }`;

export const updateEvent = /* GraphQL */ `
  mutation UpdateEvent($input: UpdateEventInput!) { updateEvent(input: $input) { ${EVENT_FIELDS} } }`;

export const addPatron = /* GraphQL */ `
  mutation AddPatron($input: AddPatronInput!) { addPatron(input: $input) { ${ROSTER_FIELDS} } }`;

export const updatePatron = /* GraphQL */ `
  mutation UpdatePatron($input: UpdatePatronInput!) { updatePatron(input: $input) { ${ROSTER_FIELDS} } }`;

export const matchWaiverClaim = /* GraphQL */ `
  mutation MatchWaiverClaim($eventId: ID!, $email: AWSEmail!, $waiverId: ID!) {
    matchWaiverClaim(eventId: $eventId, email: $email, waiverId: $waiverId) { ${ROSTER_FIELDS} }
  }`;

export const removePatron = /* GraphQL */ `
  mutation RemovePatron($eventId: ID!, $email: AWSEmail!) {
    removePatron(eventId: $eventId, email: $email) { ${ROSTER_FIELDS} }
  }`;

export const logPayment = /* GraphQL */ `
  mutation LogPayment($input: LogPaymentInput!) { logPayment(input: $input) { ${PAYMENT_FIELDS} } }`;

export const voidPayment = /* GraphQL */ `
  mutation VoidPayment($eventId: ID!, $paymentId: ID!, $reason: String!) {
    voidPayment(eventId: $eventId, paymentId: $paymentId, reason: $reason) { ${PAYMENT_FIELDS} }
  }`;

const DELIVERY_FIELDS = /* GraphQL */ `eventId email status sentAt messageId error`;

export const sendWaiverLink = /* GraphQL */ `
  mutation SendWaiverLink($eventId: ID!, $email: AWSEmail!) { sendWaiverLink(eventId: $eventId, email: $email) { ${DELIVERY_FIELDS} } }`;

export const sendWaiverLinks = /* GraphQL */ `
  mutation SendWaiverLinks($eventId: ID!) { sendWaiverLinks(eventId: $eventId) { ${DELIVERY_FIELDS} } }`;

/** "To everyone not signed", one page of the roster a call: any roster, not only 49. */
export const sendWaiverLinksPage = /* GraphQL */ `
  mutation SendWaiverLinksPage($eventId: ID!, $nextToken: String) {
    sendWaiverLinksPage(eventId: $eventId, nextToken: $nextToken) { items { ${DELIVERY_FIELDS} } nextToken }
  }`;

export const notifyPatron = /* GraphQL */ `
  mutation NotifyPatron($eventId: ID!, $paymentId: ID!) {
    notifyPatron(eventId: $eventId, paymentId: $paymentId) { paymentId to status messageId error }
  }`;

// Boarding: check-ins per person, and what the boarding screen and manifest show.
const CHECK_IN_FIELDS = /* GraphQL */ `
  eventId email person name minor status checkedInAt checkedInBy undoneAt undoneBy undoReason acknowledged acknowledgedBy owedCents`;

export const boarding = /* GraphQL */ `
  query Boarding($eventId: ID!, $nextToken: String) {
    boarding(eventId: $eventId, nextToken: $nextToken) {
      event { ${EVENT_FIELDS} checkedIn } roster { ${ROSTER_FIELDS} } walkUps { ${WALK_UP_FIELDS} }
      checkIns { ${CHECK_IN_FIELDS} } nextToken
    }
  }`;

export const checkIn = /* GraphQL */ `
  mutation CheckIn($eventId: ID!, $email: AWSEmail!, $person: String!, $acknowledge: [BoardingProblem!]) {
    checkIn(eventId: $eventId, email: $email, person: $person, acknowledge: $acknowledge) { ${CHECK_IN_FIELDS} }
  }`;

export const undoCheckIn = /* GraphQL */ `
  mutation UndoCheckIn($eventId: ID!, $email: AWSEmail!, $person: String!, $reason: String!) {
    undoCheckIn(eventId: $eventId, email: $email, person: $person, reason: $reason) { ${CHECK_IN_FIELDS} }
  }`;

// Issue 17 §2: the records an auditor or insurer asks for (ADMINS ACCOUNTING).
const AUDIT_FIELDS = /* GraphQL */ `id entity operation actor at patronEmail before after`;
const SIGNED_WAIVER_FIELDS = /* GraphQL */ `
  id eventId name email phone dateOfBirth minors { name dateOfBirth } signature signedAt waiverVersion ip userAgent`;

export const auditByEvent = /* GraphQL */ `
  query AuditByEvent($eventId: ID!, $limit: Int, $nextToken: String) {
    auditByEvent(eventId: $eventId, limit: $limit, nextToken: $nextToken) { items { ${AUDIT_FIELDS} } nextToken }
  }`;

export const auditByPatron = /* GraphQL */ `
  query AuditByPatron($email: AWSEmail!, $limit: Int, $nextToken: String) {
    auditByPatron(email: $email, limit: $limit, nextToken: $nextToken) { items { ${AUDIT_FIELDS} } nextToken }
  }`;

export const signedWaivers = /* GraphQL */ `
  query SignedWaivers($eventId: ID!, $limit: Int, $nextToken: String) {
    signedWaivers(eventId: $eventId, limit: $limit, nextToken: $nextToken) { items { ${SIGNED_WAIVER_FIELDS} } nextToken }
  }`;

export const signedWaiver = /* GraphQL */ `
  query SignedWaiver($eventId: ID!, $signedAt: String!, $id: ID!) {
    signedWaiver(eventId: $eventId, signedAt: $signedAt, id: $id) { waiver { ${SIGNED_WAIVER_FIELDS} } text { version text } }
  }`;
// The team: ADMINS manage who may sign in, and in which group.
const TEAM_MEMBER_FIELDS = /* GraphQL */ `email name group enabled status createdAt mailStatus mailError signedOut`;

export const teamMembers = /* GraphQL */ `
  query TeamMembers($limit: Int, $nextToken: String) {
    teamMembers(limit: $limit, nextToken: $nextToken) { items { ${TEAM_MEMBER_FIELDS} } nextToken }
  }`;

export const inviteTeamMember = /* GraphQL */ `
  mutation InviteTeamMember($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { ${TEAM_MEMBER_FIELDS} } }`;

export const setTeamMemberGroup = /* GraphQL */ `
  mutation SetTeamMemberGroup($email: AWSEmail!, $group: TeamGroup!) { setTeamMemberGroup(email: $email, group: $group) { ${TEAM_MEMBER_FIELDS} } }`;

export const disableTeamMember = /* GraphQL */ `
  mutation DisableTeamMember($email: AWSEmail!) { disableTeamMember(email: $email) { ${TEAM_MEMBER_FIELDS} } }`;

export const enableTeamMember = /* GraphQL */ `
  mutation EnableTeamMember($email: AWSEmail!) { enableTeamMember(email: $email) { ${TEAM_MEMBER_FIELDS} } }`;

export const resetTeamMemberPassword = /* GraphQL */ `
  mutation ResetTeamMemberPassword($email: AWSEmail!) { resetTeamMemberPassword(email: $email) { ${TEAM_MEMBER_FIELDS} } }`;
// Reconciliation: every payment of a range with its kind (refunds subtract), and cash counts.
export const RECONCILED_FIELDS = /* GraphQL */ `id eventId amountCents method status kind receivedAt loggedAt`;

export const reconciliationPayments = /* GraphQL */ `
  query ReconciliationPayments($from: AWSDateTime!, $to: AWSDateTime!, $nextToken: String) {
    paymentsBetween(from: $from, to: $to, limit: 100, nextToken: $nextToken) { items { ${RECONCILED_FIELDS} } nextToken }
  }`;

const METHOD_CENTS = /* GraphQL */ `{ CASH CARD CHECK ACH OTHER }`;
export const TAKINGS_FIELDS = /* GraphQL */ `day eventId takings ${METHOD_CENTS} refunds ${METHOD_CENTS} takingsCents refundsCents netCents counted voided moved lateEntries`;

export const takings = /* GraphQL */ `
  query Takings($from: AWSDate!, $to: AWSDate!, $nextToken: String) {
    takings(from: $from, to: $to, limit: 100, nextToken: $nextToken) { items { ${TAKINGS_FIELDS} } nextToken }
  }`;

const CASH_COUNT_FIELDS = /* GraphQL */ `id day countedCents expectedCents differenceCents notes countedBy countedAt`;

export const cashCounts = /* GraphQL */ `
  query CashCounts($from: AWSDate!, $to: AWSDate!, $nextToken: String) {
    cashCounts(from: $from, to: $to, limit: 100, nextToken: $nextToken) { items { ${CASH_COUNT_FIELDS} } nextToken }
  }`;

export const recordCashCount = /* GraphQL */ `
  mutation RecordCashCount($day: AWSDate!, $countedCents: Int!, $expectedCents: Int!, $notes: String) {
    recordCashCount(day: $day, countedCents: $countedCents, expectedCents: $expectedCents, notes: $notes) { ${CASH_COUNT_FIELDS} }
  }`;
export const eventTitles = /* GraphQL */ `
  query EventTitles($ids: [ID!]!) { eventTitles(ids: $ids) { id title startsAt } }`;
// Issue 16 §1: the live subscriptions, one per part of an event that can change. They select only
// what identifies the change (a subscription may select only what its mutation selected): a screen
// told of a change reloads what it shows.
export const liveEvent = [
  /* GraphQL */ `subscription OnEventChanged($eventId: ID!) { onEventChanged(eventId: $eventId) { id } }`,
  /* GraphQL */ `subscription OnRosterChanged($eventId: ID!) { onRosterChanged(eventId: $eventId) { eventId email } }`,
  /* GraphQL */ `subscription OnPaymentChanged($eventId: ID!) { onPaymentChanged(eventId: $eventId) { eventId id } }`,
  /* GraphQL */ `subscription OnCheckInChanged($eventId: ID!) { onCheckInChanged(eventId: $eventId) { eventId email person } }`,
];

// Issue 17 §3: refunds and cancellations.
export const refundPayment = /* GraphQL */ `
  mutation RefundPayment($input: RefundPaymentInput!) { refundPayment(input: $input) { ${PAYMENT_FIELDS} } }`;

const CANCELLATION_FIELDS = /* GraphQL */ `event { ${EVENT_FIELDS} } notices { ${DELIVERY_FIELDS} } unnotified`;

export const cancelEvent = /* GraphQL */ `
  mutation CancelEvent($eventId: ID!, $reason: String!) { cancelEvent(eventId: $eventId, reason: $reason) { ${CANCELLATION_FIELDS} } }`;

export const notifyCancellation = /* GraphQL */ `
  mutation NotifyCancellation($eventId: ID!) { notifyCancellation(eventId: $eventId) { ${CANCELLATION_FIELDS} } }`;

export const rebookPatron = /* GraphQL */ `
  mutation RebookPatron($eventId: ID!, $email: AWSEmail!, $toEventId: ID!) {
    rebookPatron(eventId: $eventId, email: $email, toEventId: $toEventId) { from { ${ROSTER_FIELDS} } to { ${ROSTER_FIELDS} } payments { ${PAYMENT_FIELDS} } }
  }`;

export const correctPatronEmail = /* GraphQL */ `
  mutation CorrectPatronEmail($eventId: ID!, $email: AWSEmail!, $newEmail: AWSEmail!) {
    correctPatronEmail(eventId: $eventId, email: $email, newEmail: $newEmail) { ${ROSTER_FIELDS} }
  }`;

// Session 6 leftovers: events named on screens by title and day, with whether they were cancelled (src/lib/controllers/event-titles.ts).
export const eventSummaries = /* GraphQL */ `
  query EventSummaries($ids: [ID!]!) { eventTitles(ids: $ids) { id title startsAt status } }`;
