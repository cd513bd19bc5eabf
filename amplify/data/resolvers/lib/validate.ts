import { util } from '@aws-appsync/utils';
import { validationError } from './errors';

/** Input checks shared by the mutations. Each refuses with a ValidationError naming the field. */

export const MAX_INT = 2147483647;

export function requireText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') validationError(field + ' is required and cannot be blank.');
  const text = (value as string).trim();
  if (text.length > max) validationError(field + ' is too long: at most ' + max + ' characters.');
  return text;
}

/** Optional text: undefined stays undefined (not given), null stays null (cleared). */
export function optionalText(value: unknown, field: string, max: number): string | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  if (typeof value !== 'string') validationError(field + ' must be text.');
  const text = (value as string).trim();
  if (text.length > max) validationError(field + ' is too long: at most ' + max + ' characters.');
  return text === '' ? null : text;
}

export function requireInt(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || Math.floor(value) !== value) validationError(field + ' must be a whole number.');
  const n = value as number;
  if (n < min || n > max) validationError(field + ' must be between ' + min + ' and ' + max + '.');
  return n;
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
  if (email === '' || email.length > 254 || email.indexOf('@') < 1) validationError(field + ' must be an email address.');
  return email;
}

/** An AWSDateTime as UTC milliseconds ISO, so stored timestamps sort as strings. */
export function utcInstant(value: string, field: string): string {
  const ms = util.time.parseISO8601ToEpochMilliSeconds(value);
  if (typeof ms !== 'number' || ms !== ms) validationError(field + ' must be a date and time.');
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
