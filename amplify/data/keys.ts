/**
 * The single table's key layout (docs/architecture.md, "The table"). Imported by the APPSYNC_JS resolvers (bundled by
 * esbuild) and by the waiver Lambda, so it stays within what APPSYNC_JS accepts: plain functions,
 * string concatenation, no regex literals, no classes.
 *
 * Event partition  PK = EVENT#<eventId>
 *   SK = EVENT                       the event (GSI2PK = EVENTS#<yyyy>, GSI2SK = <startsAt>#<eventId>)
 *   SK = GUEST#<email>               a walk-up: signed the waiver, not on the roster (crew may add them)
 *   SK = HELD#<email>#<waiverId>     a waiver claim: signed through the public link under a booked
 *                                    email, held off the booking until staff match it
 *   SK = PATRON#<email>              a roster entry (email lower-cased)
 *   SK = PAYMENT#<paymentId>         a payment; paymentId is a ULID, so SK order is log order
 *                                    (GSI1PK = PATRON#<email>, GSI1SK = <loggedAt>#<paymentId>;
 *                                     GSI3PK = PAYMENTS#<yyyy of loggedAt>, GSI3SK = <loggedAt>#<paymentId>)
 *   SK = SUBMISSION#<token>          the one-time token of a waiver form, once used (double submit = one signature)
 *   SK = WAIVER#<signedAt>#<waiverId> a signed waiver (never expires)
 * PK = IDEMPOTENCY#<key>, SK = IDEMPOTENCY  the logPayment idempotency record (IDEMPOTENCY_SK)
 * PK = WAIVERRATE#event#<eventId> or WAIVERRATE#client#<ip>, SK = <yyyy-mm-ddThh>  a waiver form rate counter (TTL)
 * PK = AUDIT#<eventId or entity>, SK = <at>#<auditId>   an audit record (never expires); one about a
 *                                    patron also GSI1PK = AUDIT#PATRON#<email>, GSI1SK = <at>#<auditId>
 * PK = WAIVERTEXT#<sha256 of the text>, SK = WAIVERTEXT  a waiver text as signed, stored once (never expires)
 * PK = TAKINGS#<yyyy of the day>, SK = <day>#<eventId>  an event's takings on an operator's day (takingsSk)
 *
 * `getEvent` reads the event, its walk-ups and its roster in one Query: SK BETWEEN "EVENT" AND
 * "PATRON#\uffff" ("EVENT" < "GUEST#…" < "HELD#…" < "PATRON#…" < "PAYMENT#…" < "SUBMISSION#…" < "WAIVER#…").
 */
export const EVENT_SK = 'EVENT';
export const IDEMPOTENCY_SK = 'IDEMPOTENCY';

export function eventPk(eventId: string): string {
  return 'EVENT#' + eventId;
}
export function patronSk(email: string): string {
  return 'PATRON#' + email.toLowerCase();
}
export function walkUpSk(email: string): string {
  return 'GUEST#' + email.toLowerCase();
}
export function claimSk(email: string, waiverId: string): string {
  return 'HELD#' + email.toLowerCase() + '#' + waiverId;
}
export const CLAIM_PREFIX = 'HELD#';
export function submissionSk(token: string): string {
  return 'SUBMISSION#' + token;
}
export function paymentSk(paymentId: string): string {
  return 'PAYMENT#' + paymentId;
}
export function waiverSk(signedAt: string, waiverId: string): string {
  return 'WAIVER#' + signedAt + '#' + waiverId;
}
export function eventsByYearPk(startsAt: string): string {
  return 'EVENTS#' + startsAt.slice(0, 4);
}
export function patronHistoryPk(email: string): string {
  return 'PATRON#' + email.toLowerCase();
}
export function paymentsByYearPk(loggedAt: string): string {
  return 'PAYMENTS#' + loggedAt.slice(0, 4);
}
export function idempotencyPk(key: string): string {
  return 'IDEMPOTENCY#' + key;
}
export function rateLimitPk(kind: 'event' | 'client', key: string): string {
  return 'WAIVERRATE#' + kind + '#' + key;
}
export function auditPk(entity: string): string {
  return 'AUDIT#' + entity;
}

/**
 * A patron's audit trail across events. It shares GSI1 with the payments by patron
 * (`PATRON#<email>`) under its own partition prefix, so it needs no index of its own (a new GSI is
 * one more deploy on a live table).
 */
export function patronAuditPk(email: string): string {
  return 'AUDIT#PATRON#' + email.toLowerCase();
}

/** Each waiver text signed, once, under its SHA-256 (hex): what a signature's `waiverVersion` names. */
export const WAIVER_TEXT_SK = 'WAIVERTEXT';
export function waiverTextPk(version: string): string {
  return 'WAIVERTEXT#' + version;
}

/**
 * SK = REMINDER#<kind>#<email> in an event partition: the reminder of that kind for
 * that patron and sailing, written by a conditional write before it is sent, so it goes out once.
 * Outside getEvent's range ("PAYMENT#" < "REMINDER#" < "SUBMISSION#").
 */
export function reminderSk(kind: string, email: string): string {
  return 'REMINDER#' + kind + '#' + email.toLowerCase();
}

/**
 * Boarding: SK = BOARD#<email>#<person>, one person's check-in, kept (status
 * CHECKED_IN or UNDONE) rather than deleted. "BOARD#" sorts before "EVENT", so the `boarding` query
 * reads check-ins, event, walk-ups and roster in one Query: SK BETWEEN "BOARD#" AND "PATRON#\uffff".
 * An email's domain holds no "#", so <email>#<person> cannot be read two ways.
 */
export const CHECK_IN_PREFIX = 'BOARD#';

export function checkInSk(email: string, person: string): string {
  return CHECK_IN_PREFIX + email.toLowerCase() + '#' + person;
}

/**
 * Patron search: three sparse indexes on the roster entries themselves, so a match is
 * the entry as it is now (balance, waiver), never a copy to keep in step. One index per way of
 * finding, because an item holds one key per index:
 *   GSI4PK = NAME#<first char>   GSI4SK = <name, lower-cased>
 *   GSI5PK = EMAIL#<first char>  GSI5SK = <email, lower-cased>
 *   GSI6PK = PHONE#<last digit>  GSI6SK = <the phone's digits, last first>
 * A phone is keyed by its digits reversed, so a prefix search finds numbers by how they end: the
 * local part matches whether or not the patron wrote a country or trunk prefix. The partitions are
 * split by the key's first character (searchPk), so no one partition takes every roster write; a search knows
 * its first character, so it still reads one partition.
 */
/** Lower-cased, with runs of spaces as one, so "Ann  Smith" is found as "ann smith". */
export function nameSearchKey(name: string): string {
  return name
    .toLowerCase()
    .split(' ')
    .filter((w) => w !== '')
    .join(' ');
}
export function phoneSearchKey(phone: string): string {
  return phone
    .split('')
    .filter((c) => c >= '0' && c <= '9')
    .reverse()
    .join('');
}
/**
 * The shard: the key's first character when it is a-z or 0-9, else "_" (accented, non-Latin or
 * emoji starts share one shard: a lone half of a surrogate pair is no key DynamoDB can store).
 */
export function searchPk(kind: 'NAME' | 'EMAIL' | 'PHONE', key: string): string {
  const c = key.slice(0, 1);
  return kind + '#' + ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
}

/** The search attributes of a roster entry with this name and phone (the email never changes). */
export function patronSearchKeys(
  email: string,
  name: string,
  phone: string | null | undefined,
): Record<string, string> {
  const keys: Record<string, string> = {
    GSI4PK: searchPk('NAME', nameSearchKey(name)),
    GSI4SK: nameSearchKey(name),
    GSI5PK: searchPk('EMAIL', email.toLowerCase()),
    GSI5SK: email.toLowerCase(),
  };
  if (phone) {
    keys.GSI6PK = searchPk('PHONE', phoneSearchKey(phone));
    keys.GSI6SK = phoneSearchKey(phone);
  }
  return keys;
}

/**
 * The team. PK = TEAM, SK = LOCK: the lease every change to the team takes before it
 * reads the user pool and changes it (amplify/functions/team/lock.ts), so the rule "one enabled
 * admin remains" is checked and kept by one change at a time. Team changes are audited under
 * AUDIT#TEAM: event ids are lower-case (requireId), so no event's audit partition is that one.
 */
export const TEAM_PK = 'TEAM';
export const TEAM_LOCK_SK = 'LOCK';
export const TEAM_ENTITY = 'TEAM';

/**
 * PK = TEAM, SK = ACCESS#<sub>: when a member's access last changed (`revokedAt`, epoch seconds),
 * written by the team Lambda when it disables, moves or resets them; every API request checks the
 * caller's token against it (amplify/data/resolvers/access.ts). In the team's partition so the team
 * Lambda needs no grant beyond the one it has (docs/security-access.md).
 */
export function accessSk(sub: string): string {
  return 'ACCESS#' + sub;
}

/**
 * Cash counts: PK = CASHCOUNTS#<yyyy of the day>, SK = <day>#<countedAt>#<id>. Each
 * count is its own item (a recount adds one, nothing is overwritten), so a range of days is one
 * Query per year and a day's counts sort in the order they were made, the last one last.
 */
export function cashCountPk(day: string): string {
  return 'CASHCOUNTS#' + day.slice(0, 4);
}
export function cashCountSk(day: string, countedAt: string, id: string): string {
  return day + '#' + countedAt + '#' + id;
}

/**
 * Daily takings (amplify/data/takings.ts): PK = TAKINGS#<yyyy of the day>, SK = <day>#<eventId>,
 * one item per event and operator day, kept by DynamoDB's ADD in each payment's transaction. Per
 * event rather than one per day, so payments of different sailings never contend for one item (a
 * payment already updates its event's item). A range of days is one Query per year, as cash counts are.
 */
export function takingsPk(day: string): string {
  return 'TAKINGS#' + day.slice(0, 4);
}
export function takingsSk(day: string, eventId: string): string {
  return day + '#' + eventId;
}
