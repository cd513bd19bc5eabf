import { util } from '@aws-appsync/utils';
import { dollars, validationError } from './errors';

/** Input checks shared by the mutations. Each refuses with a ValidationError naming the field. */

export const MAX_INT = 2147483647;
/**
 * The most one price, due amount or payment may be ($1,000,000): far above any charter, and with
 * the event's totals bounded by conditions (tx.ts roomFor) no sum reaches past GraphQL's Int.
 */
export const MAX_AMOUNT_CENTS = 100000000;
/** The most people an event may take (and so the largest party, head count or roster). */
export const MAX_CAPACITY = 10000;

/**
 * Characters no field may hold: C0 controls but tab and line breaks, DEL, C1 controls, and the
 * bidirectional embeddings, overrides and isolates that make text read differently than it is
 * stored. Single-line fields refuse tab and line breaks too. Matched with util.matches (Java's
 * String.matches on AWS), so `[\s\S]` rather than `.`, which stops at a line break.
 */
const NEVER = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069';
const LINE_BREAKS = '\\u0009\\u000A\\u000D';

function checkCharacters(text: string, field: string, multiline: boolean): void {
  const bad = '[' + NEVER + (multiline ? '' : LINE_BREAKS) + ']';
  if (util.matches('[\\s\\S]*' + bad + '[\\s\\S]*', text)) {
    validationError(
      field +
        (multiline
          ? ' cannot contain control characters or text-direction overrides.'
          : ' must be one line without control characters or text-direction overrides.'),
    );
  }
}

export function requireText(value: unknown, field: string, max: number, multiline = false): string {
  if (typeof value !== 'string' || value.trim() === '') validationError(field + ' is required and cannot be blank.');
  const text = value.trim();
  if (text.length > max) validationError(field + ' is too long: at most ' + max + ' characters.');
  checkCharacters(text, field, multiline);
  return text;
}

/** Optional text: undefined stays undefined (not given), null stays null (cleared). */
export function optionalText(value: unknown, field: string, max: number, multiline = false): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') validationError(field + ' must be text.');
  const text = value.trim();
  if (text.length > max) validationError(field + ' is too long: at most ' + max + ' characters.');
  checkCharacters(text, field, multiline);
  return text === '' ? null : text;
}

/**
 * A phone number as people write one: digits, spaces, ( ) . - and a leading +, with 7 to 15 digits
 * (E.164's most). A pattern, not libphonenumber: resolvers cannot import npm packages.
 */
export function optionalPhone(value: unknown, field: string): string | null | undefined {
  const text = optionalText(value, field, 40);
  if (text === undefined || text === null) return text;
  const digits = text.split('').filter((c) => c >= '0' && c <= '9').length;
  if (!util.matches('[+]?[0-9 ().-]+', text) || digits < 7 || digits > 15) {
    validationError(
      field + ' must be a phone number: 7 to 15 digits, optionally with +, spaces, dashes, dots or brackets.',
    );
  }
  return text;
}

export function requireInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || Math.floor(value) !== value) validationError(field + ' must be a whole number.');
  if (value < min || value > max) validationError(field + ' must be between ' + min + ' and ' + max + '.');
  return value;
}

/** The due amount that follows an event's price: price × party, itself within an amount's bound. */
export function pricedDue(priceCents: number, partySize: number): number {
  const due = priceCents * partySize;
  if (due > MAX_AMOUNT_CENTS) {
    validationError(
      'A party of ' +
        partySize +
        ' at ' +
        dollars(priceCents) +
        ' comes to more than ' +
        dollars(MAX_AMOUNT_CENTS) +
        ': give amountDueCents.',
    );
  }
  return due;
}

/** An event's total due after a change must stay a number the API can answer (GraphQL Int). */
export function totalWithin(total: number, change: number): void {
  if (change > 0 && total + change > MAX_INT) {
    validationError("This would take the event's total due past " + dollars(MAX_INT) + ', the most it can hold.');
  }
}

/** An event's crew: at most 50 names, each one line. */
export function crewList(value: unknown): string[] {
  const crew = (value || []) as unknown[];
  if (crew.length > 50) validationError('crew can list at most 50 people.');
  return crew.map((c) => requireText(c, 'crew member', 100));
}

/** Ids that appear in keys and URLs: lower-case letters, digits and dashes. */
export function requireId(value: unknown, field: string): string {
  const id = typeof value === 'string' ? value : '';
  if (id === '' || id.length > 100 || !util.matches('^[a-z0-9][a-z0-9-]*$', id)) {
    validationError(field + ' must be 1-100 lower-case letters, digits or dashes.');
  }
  return id;
}

/** A key from a client (idempotency key, payment id): printable, no key separator. */
export function requireKey(value: unknown, field: string): string {
  const key = typeof value === 'string' ? value : '';
  if (key === '' || key.length > 128 || !util.matches('^[A-Za-z0-9_.:-]+$', key)) {
    validationError(field + ' must be 1-128 letters, digits or _.:- characters.');
  }
  return key;
}

/** AWSEmail is checked by the API before resolvers run; emails are stored lower-cased. */
export function normalEmail(value: unknown, field: string): string {
  const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (email === '' || email.length > 254 || email.indexOf('@') < 1)
    validationError(field + ' must be an email address.');
  return email;
}

const DATE_TIME =
  '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?';
// Offsets in use on Earth run from -12:00 to +14:00; AWSDateTime lets through any two digits.
const OFFSET = '(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9](:[0-5][0-9])?)';
const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

/**
 * An AWSDateTime as UTC milliseconds ISO (so stored timestamps sort as strings), refused unless it
 * is a real calendar date with a real offset between `from` and `to` (epoch ms; by default the
 * years 1970 to 2199). Parsed here rather than by util.time: AppSync's scalar lets offsets such as
 * +99:99 through, and a parser then fails (or, for Feb 30, rolls over) instead of refusing.
 */
export function utcInstant(value: unknown, field: string, from = 0, to = 7258118400000): string {
  const text = typeof value === 'string' ? value : '';
  if (!util.matches(DATE_TIME + OFFSET, text))
    validationError(field + ' must be a date and time with its offset, like 2027-06-05T18:30:00-07:00.');
  const t = text.indexOf('T');
  const rest = text.slice(t + 1);
  const signAt = text.slice(-1) === 'Z' ? rest.length - 1 : Math.max(rest.lastIndexOf('+'), rest.lastIndexOf('-'));
  const clock = rest.slice(0, signAt).split(':');
  const seconds = (clock[2] || '00').split('.');
  const millis = ((seconds[1] || '') + '000').slice(0, 3);
  const local = util.time.parseISO8601ToEpochMilliSeconds(
    text.slice(0, t) + 'T' + clock[0] + ':' + clock[1] + ':' + seconds[0] + '.' + millis + 'Z',
  );
  if (util.time.epochMilliSecondsToISO8601(local).slice(0, 10) !== text.slice(0, t))
    validationError(field + ' is not a date on the calendar.');
  let offsetMs = 0;
  if (text.slice(-1) !== 'Z') {
    const parts = rest.slice(signAt + 1).split(':');
    offsetMs = (parseInt(parts[0], 10) * 3600 + parseInt(parts[1], 10) * 60 + parseInt(parts[2] || '0', 10)) * 1000;
    if (rest.slice(signAt, signAt + 1) === '-') offsetMs = -offsetMs;
  }
  const ms = local - offsetMs;
  if (ms < from || ms >= to) {
    validationError(
      field +
        ' must fall between ' +
        util.time.epochMilliSecondsToISO8601(from).slice(0, 10) +
        ' and ' +
        util.time.epochMilliSecondsToISO8601(to - 1).slice(0, 10) +
        '.',
    );
  }
  return util.time.epochMilliSecondsToISO8601(ms);
}

/** When an event starts or ends: within the years 2000 to 2099. */
export function eventInstant(value: unknown, field: string): string {
  return utcInstant(value, field, 946684800000, 4102444800000);
}

// A clock a few minutes fast on the client should not make "just now" a future payment.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** When money changed hands: not in the future (beyond clock skew), nor more than 10 years ago. */
export function pastInstant(value: unknown, field: string): string {
  const now = util.time.nowEpochMilliSeconds();
  const ms = util.time.parseISO8601ToEpochMilliSeconds(utcInstant(value, field));
  if (ms > now + CLOCK_SKEW_MS) validationError(field + ' cannot be in the future.');
  if (ms < now - 10 * YEAR_MS) validationError(field + ' cannot be more than 10 years ago.');
  return util.time.epochMilliSecondsToISO8601(ms);
}

/** "Sunset Sail & Supper!" → "sunset-sail-supper"; "Crêpes à bord" → "crepes-a-bord" */
export function slug(title: string): string {
  const allowed = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  let dash = false;
  // Decomposed, an accented letter is the letter plus a combining mark, which is dropped.
  // An array, not the string itself: APPSYNC_JS documents for-of over arrays.
  for (const ch of util.str.normalize(title, 'nfd').toLowerCase().split('')) {
    const combiningMark = ch >= '\u0300' && ch <= '\u036f';
    if (combiningMark) {
      // dropped: neither a letter nor a separator
    } else if (allowed.indexOf(ch) >= 0) {
      if (dash && out !== '') out = out + '-';
      out = out + ch;
      dash = false;
    } else {
      dash = true;
    }
  }
  const cut = out.slice(0, 80);
  return cut.slice(-1) === '-' ? cut.slice(0, -1) : cut;
}

/**
 * A calendar day (AWSDate, yyyy-MM-dd; AppSync's scalar also lets an offset suffix through, which
 * a day in the operator's zone has no use for) from 2000 on, refused unless it is on the calendar.
 */
export function requireDay(value: unknown, field: string): string {
  const day = typeof value === 'string' ? value : '';
  if (!util.matches('[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])', day))
    validationError(field + ' must be a day like 2026-11-29.');
  const noon = util.time.parseISO8601ToEpochMilliSeconds(day + 'T12:00:00Z');
  if (util.time.epochMilliSecondsToISO8601(noon).slice(0, 10) !== day)
    validationError(field + ' is not a date on the calendar.');
  if (day < '2000-01-01') validationError(field + ' must be in 2000 or later.');
  // The time functions cannot serve the day after 9999-12-31; no sailing is booked a millennium ahead.
  if (day > '2999-12-31') validationError(field + ' must be before 3000.');
  return day;
}
