import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dayOf } from '../../../../amplify/functions/dates';
import { parseForm, validateForm } from '../../../../amplify/functions/waiver/validate';
import type { Edge } from '../../../../local/edge';
import { scanAll } from '../../../support/stack';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  seedEvent,
  startDistEdge,
  waiverConfig,
  waiverEnvironment,
} from './support/fixtures';

/**
 * Boundary values of every field of the waiver form: on each side of each limit, and
 * the characters no field may hold (NUL, control characters, bidi overrides). Each case is checked
 * against the validator, and each refused one again through the edge: a clear error on the page
 * and nothing written.
 */
type Fields = Record<string, string | string[]>;
interface Case {
  field: string;
  what: string;
  fields: Fields;
  /** undefined: accepted; otherwise the message shown */
  error?: string;
}

/** `today` minus whole years, plus days (YYYY-MM-DD). */
function shift(today: string, years: number, days = 0): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const named = (name: string): Fields => ({ name, signature: name });
const minors = (rows: [string, string][]): Fields => ({
  minorName: rows.map((r) => r[0]),
  minorDateOfBirth: rows.map((r) => r[1]),
});
const kids = (count: number, dob: string) => minors(Array.from({ length: count }, (_, i) => [`Kid ${i + 1}`, dob]));
const LETTERS = 'Use only letters, spaces and punctuation in the name';
const EMAIL = 'Enter an email address like name@example.com';
const PHONE = 'Enter a phone number with at least 7 digits';

function cases(today: string): Case[] {
  const child = shift(today, 8);
  const c = (field: string, what: string, fields: Fields, error?: string): Case => ({ field, what, fields, error });
  return [
    c('name', 'empty', named(''), 'Enter your full name'),
    c('name', 'only spaces', named('   '), 'Enter your full name'),
    c('name', 'one letter', named('A')),
    c('name', '100 characters', named('A'.repeat(100))),
    c('name', '101 characters', named('A'.repeat(101)), 'Keep the name to 100 characters or fewer'),
    c('name', 'spaces squashed to 100', named(`  ${'A'.repeat(50)}     ${'B'.repeat(49)}  `)),
    c('name', 'accents and other scripts', named('Zoë Ñúñez محمد')),
    c('name', 'a zero-width non-joiner (Persian names)', named('Zahra Sadat\u200cZadeh')),
    c('name', 'an apostrophe and a hyphen', named("Siobhán O'Brien-Smith")),
    c('name', 'a NUL', named('Al\u0000ice'), LETTERS),
    c('name', 'a tab', named('Al\tice'), LETTERS),
    c('name', 'a line break', named('Alice\nPeriod'), LETTERS),
    c('name', 'DEL', named('Al\u007fice'), LETTERS),
    c('name', 'a C1 control (NEL)', named('Al\u0085ice'), LETTERS),
    c('name', 'a right-to-left override', named('Alice \u202eboirep'), LETTERS),
    c('name', 'a left-to-right isolate', named('Alice \u2066Period\u2069'), LETTERS),
    c('name', 'a right-to-left mark', named('Alice\u200f Period'), LETTERS),
    c('name', 'a replacement character (broken encoding)', named('Al\ufffdice'), LETTERS),
    c('name', 'markup', named('Alice <b>'), LETTERS),

    c('email', 'empty', { email: '' }, 'Enter your email address'),
    c('email', 'shortest', { email: 'a@b.co' }),
    c('email', '254 characters', { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}` }),
    c(
      'email',
      '255 characters',
      { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}` },
      EMAIL,
    ),
    c('email', 'upper case', { email: 'ALICE@EXAMPLE.COM' }),
    c('email', 'no domain', { email: 'alice@' }, EMAIL),
    c('email', 'no dot in the domain', { email: 'alice@example' }, EMAIL),
    c('email', 'a space', { email: 'al ice@example.com' }, EMAIL),
    c('email', 'a second address after a comma', { email: 'alice@example.com,bob@example.com' }, EMAIL),
    c('email', 'a second address after a semicolon', { email: 'alice@example.com;bob@example.com' }, EMAIL),
    c('email', 'a header after CR LF', { email: 'alice@example.com\r\nBcc: bob@example.com' }, EMAIL),
    c('email', 'a NUL', { email: 'alice@example.com\u0000' }, EMAIL),
    c('email', 'non-ASCII', { email: 'ålice@example.com' }, EMAIL),

    c('phone', 'empty', { phone: '' }, 'Enter a phone number'),
    c('phone', '6 digits', { phone: '123456' }, PHONE),
    c('phone', '7 digits', { phone: '1234567' }),
    c('phone', 'international with punctuation', { phone: '+1 (555) 010-0199' }),
    c('phone', '25 characters', { phone: '+1 555 010 0199 000 00000' }),
    c('phone', '26 characters', { phone: '+1 555 010 0199 000 000000' }, PHONE),
    c('phone', 'letters', { phone: '555-CALL-NOW' }, PHONE),
    c('phone', 'two plus signs', { phone: '++1 555 010 0199' }, PHONE),
    c('phone', 'a line break', { phone: '555\n0100199' }, PHONE),
    c('phone', 'a NUL', { phone: '555 010\u0000 0199' }, PHONE),

    c('dateOfBirth', 'empty', { dateOfBirth: '' }, 'Enter your date of birth'),
    c('dateOfBirth', '18 today', { dateOfBirth: shift(today, 18) }),
    c('dateOfBirth', '18 tomorrow', { dateOfBirth: shift(today, 18, 1) }, 'You must be 18 or older to sign'),
    c('dateOfBirth', '120 years', { dateOfBirth: shift(today, 120) }),
    c('dateOfBirth', 'more than 120 years', { dateOfBirth: shift(today, 121) }, 'more than 120 years ago'),
    c('dateOfBirth', 'tomorrow', { dateOfBirth: shift(today, 0, 1) }, "can't be in the future"),
    c('dateOfBirth', 'February 30', { dateOfBirth: '1990-02-30' }, 'as a real date'),
    c('dateOfBirth', '29 February of a leap year', { dateOfBirth: '1996-02-29' }),
    c('dateOfBirth', '29 February of 1900 (not a leap year)', { dateOfBirth: '1900-02-29' }, 'as a real date'),
    c('dateOfBirth', 'without leading zeros', { dateOfBirth: '1990-2-3' }, 'as a real date'),
    c('dateOfBirth', 'with a time', { dateOfBirth: '1990-02-03T00:00' }, 'as a real date'),
    c('dateOfBirth', 'year 0', { dateOfBirth: '0000-01-01' }, 'as a real date'),
    c('dateOfBirth', 'a five-digit year', { dateOfBirth: '19900-01-01' }, 'as a real date'),

    c('agree', 'missing', { agree: '' }, 'Tick the box to confirm'),
    c('agree', 'another value', { agree: 'YES' }, 'Tick the box to confirm'),

    c('signature', 'empty', { signature: '' }, 'Type your full name as your signature'),
    c('signature', 'in another case and spacing', { signature: '  alice   PERIOD ' }),
    c('signature', 'another name', { signature: 'Alice Periods' }, 'Your signature must match your full name'),
    c(
      'signature',
      'the name with a bidi override',
      { signature: 'Alice\u202e Period' },
      'Type your full name as your signature',
    ),

    c('minors', 'ten', kids(10, child)),
    c('minors', 'eleven', kids(11, child), 'You can sign for at most 10 minors on one form, and 11 were listed'),
    c('minors', 'a name without a date', minors([['Kid', '']]), "Enter minor 1's date of birth"),
    c('minors', 'a date without a name', minors([['', child]]), "Enter minor 1's full name"),
    c('minors', 'born today', minors([['Baby', today]])),
    c(
      'minors',
      'born tomorrow',
      minors([['Baby', shift(today, 0, 1)]]),
      "Minor 1's date of birth can't be in the future",
    ),
    c('minors', '18 tomorrow', minors([['Teen', shift(today, 18, 1)]])),
    c(
      'minors',
      '18 today',
      minors([['Teen', shift(today, 18)]]),
      'Minor 1 is 18 or older and must sign their own waiver',
    ),
    c('minors', 'a name with a NUL', minors([['Ki\u0000d', child]]), LETTERS),
    c('minors', 'a name with a bidi override', minors([['Kid \u202eenO', child]]), LETTERS),
    c('minors', 'a 101-character name', minors([['K'.repeat(101), child]]), 'Keep the name to 100 characters or fewer'),
    c('minors', 'an impossible date', minors([['Kid', '2015-13-01']]), "Enter minor 1's date of birth as a real date"),
  ];
}

const TODAY = '2026-05-23';

describe('the waiver form’s fields at their boundaries (validator)', () => {
  for (const k of cases(TODAY)) {
    it(`${k.field}: ${k.what} is ${k.error ? 'refused' : 'accepted'}`, () => {
      const result = validateForm(parseForm(formBody(k.fields, VERSION)), TODAY);
      if (!k.error) {
        expect(result.ok ? [] : Object.values(result.errors)).toEqual([]);
      } else {
        expect(result.ok).toBe(false);
        expect(result.ok ? [] : Object.values(result.errors).join(' | ')).toContain(k.error);
      }
    });
  }
});

describe('the waiver form’s refused boundaries, end to end', () => {
  const EVENT = '2027-03-03-boundary-sail';
  let table: string;
  let edge: Edge;
  beforeAll(async () => {
    table = await waiverEnvironment();
    await seedEvent(table, { id: EVENT });
    edge = await startDistEdge();
  });
  afterAll(async () => {
    await edge?.close();
  });

  it('answers each with a 400 page naming the problem, and writes nothing', async () => {
    // The Lambda counts ages on the operator's day (TIME_ZONE), which is not UTC's for hours each day.
    const today = dayOf(new Date(), waiverConfig().timeZone!);
    for (const k of cases(today).filter((x) => x.error)) {
      const before = await scanAll(table);
      const res = await fetch(`${edge.url}/g/${EVENT}/waiver`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(k.fields, VERSION),
        redirect: 'manual',
      });
      const html = await res.text();
      expect(res.status, `${k.field}: ${k.what}`).toBe(400);
      expect(html).toContain('role="alert"');
      expect(html.replace(/&#39;/g, "'")).toContain(k.error);
      expect(await scanAll(table), `${k.field}: ${k.what} wrote nothing`).toEqual(before);
    }
  }, 60_000);

  it('refuses a missing or malformed one-time token and an outdated waiver version the same way', async () => {
    for (const [fields, version, status, message] of [
      [{ token: '' }, VERSION, 400, 'This form was not loaded from the waiver page'],
      [
        { token: 'ABCDEF00-0000-4000-8000-000000000000' },
        VERSION,
        400,
        'This form was not loaded from the waiver page',
      ],
      [{}, 'f'.repeat(64), 409, 'The waiver text was updated'],
    ] as const) {
      const before = await scanAll(table);
      const res = await fetch(`${edge.url}/g/${EVENT}/waiver`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formBody(fields, version),
        redirect: 'manual',
      });
      expect(res.status).toBe(status);
      expect(await res.text()).toContain(message);
      expect(await scanAll(table)).toEqual(before);
    }
  });
});
