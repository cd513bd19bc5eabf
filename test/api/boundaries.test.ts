import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAll } from '../support/stack';
import {
  ADD_PATRON,
  CREATE_EVENT,
  eventWithPayment,
  GET_EVENT,
  LOG_PAYMENT,
  NOTIFY,
  PAYMENTS_BY_EVENT,
  REMOVE_PATRON,
  startApi,
  UPDATE_EVENT,
  UPDATE_PATRON,
  VOID_PAYMENT,
  type Api,
} from './support/harness';

/**
 * Every input field of every mutation at the edges of its domain: the last value
 * inside is accepted and reads back (the API can answer what it stored), the first value outside
 * is a ValidationError (or the contract's Conflict) and writes nothing.
 */

let api: Api;
/** an event for 10,000 people with one patron owing $200.00, who paid $10.00 */
let target: { eventId: string; email: string; paymentId: string };
beforeAll(async () => {
  api = await startApi();
  target = await eventWithPayment(api, 20_000, 'edge@example.com');
  await api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: target.eventId, capacity: 10_000 } });
});
afterAll(async () => {
  await api?.close();
});

const MAX_AMOUNT = 100_000_000;
const iso = (ms: number) => new Date(ms).toISOString();
const YEAR = 365.25 * 24 * 3600 * 1000;
const unique = () => randomUUID().slice(0, 8);
const newEvent = (over: Record<string, unknown>) => ({
  input: { title: `Edge sail ${unique()}`, startsAt: '2027-05-01T10:00:00Z', capacity: 10, priceCents: 100, ...over },
});
const newPatron = (over: Record<string, unknown>) => ({
  input: { eventId: target.eventId, email: `p-${unique()}@example.com`, name: 'Edge Patron', ...over },
});
const patron = (over: Record<string, unknown>) => ({
  input: { eventId: target.eventId, email: target.email, ...over },
});
const payment = (over: Record<string, unknown>) => ({
  input: {
    idempotencyKey: randomUUID(),
    eventId: target.eventId,
    patronEmail: target.email,
    amountCents: 1,
    method: 'CASH',
    ...over,
  },
});
const eventChange = (over: Record<string, unknown>) => ({ input: { id: target.eventId, ...over } });

/** Text that looks fine and is not: each must be refused in every text field. */
const HOSTILE_TEXT: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['a bell (C0 control)', 'a\u0007b'],
  ['DEL', 'a\u007fb'],
  ['a C1 control', 'a\u0085b'],
  ['a right-to-left override', 'invoice \u202egnp.exe'],
  ['a left-to-right embedding', 'a\u202ab'],
  ['a first-strong isolate', 'a\u2068b'],
  ['a pop directional isolate', 'a\u2069b'],
];

type Expect = 'ok' | 'ValidationError' | 'Conflict';
type Case = [name: string, query: string, variables: () => Record<string, unknown>, expected: Expect];

const textCases = (
  label: string,
  query: string,
  build: (text: string) => Record<string, unknown>,
  max: number,
  multiline: boolean,
): Case[] => [
  [`${label}: ${max} characters`, query, () => build('x'.repeat(max)), 'ok'],
  [`${label}: ${max + 1} characters`, query, () => build('x'.repeat(max + 1)), 'ValidationError'],
  [`${label}: a line break`, query, () => build('one\ntwo'), multiline ? 'ok' : 'ValidationError'],
  [`${label}: a tab`, query, () => build('one\ttwo'), multiline ? 'ok' : 'ValidationError'],
  ...HOSTILE_TEXT.map(([what, text]): Case => [`${label}: ${what}`, query, () => build(text), 'ValidationError']),
];
const dateCases = (label: string, query: string, build: (at: string) => Record<string, unknown>): Case[] => [
  [`${label}: 2000-01-01T00:00:00Z`, query, () => build('2000-01-01T00:00:00Z'), 'ok'],
  [`${label}: 1999-12-31T23:59:59Z`, query, () => build('1999-12-31T23:59:59Z'), 'ValidationError'],
  [`${label}: 2099-12-31T23:59:59.999Z`, query, () => build('2099-12-31T23:59:59.999Z'), 'ok'],
  [`${label}: 2100-01-01T00:00:00Z`, query, () => build('2100-01-01T00:00:00Z'), 'ValidationError'],
  [`${label}: year 0000 (the issue's example)`, query, () => build('0000-01-01T00:30:00+01:00'), 'ValidationError'],
  [
    `${label}: 9999-12-31T23:59:00-23:59 (the issue's example)`,
    query,
    () => build('9999-12-31T23:59:00-23:59'),
    'ValidationError',
  ],
  [`${label}: offset +99:99`, query, () => build('2027-05-01T10:00:00+99:99'), 'ValidationError'],
  [`${label}: offset +14:00`, query, () => build('2027-05-01T10:00:00+14:00'), 'ok'],
  [`${label}: offset -15:00`, query, () => build('2027-05-01T10:00:00-15:00'), 'ValidationError'],
  [`${label}: offset with seconds`, query, () => build('2027-05-01T10:00:00+05:30:15'), 'ok'],
  [`${label}: nanoseconds`, query, () => build('2027-05-01T10:00:00.123456789Z'), 'ok'],
  [`${label}: February 30`, query, () => build('2027-02-30T10:00:00Z'), 'ValidationError'],
];
const intCases = (
  label: string,
  query: string,
  build: (n: number) => Record<string, unknown>,
  min: number,
  max: number,
  beyond: Expect = 'ValidationError',
): Case[] => [
  [`${label}: ${min}`, query, () => build(min), 'ok'],
  [`${label}: ${min - 1}`, query, () => build(min - 1), 'ValidationError'],
  [`${label}: ${max}`, query, () => build(max), 'ok'],
  [`${label}: ${max + 1}`, query, () => build(max + 1), beyond],
  [`${label}: 2^31 - 1`, query, () => build(2 ** 31 - 1), beyond],
];
const phoneCases = (label: string, query: string, build: (phone: string) => Record<string, unknown>): Case[] => [
  ...['555 0100', '+1 (555) 010-0100', '555.010.0100', '+44 20 7946 0958', '123456789012345'].map((p): Case => [
    `${label}: "${p}"`,
    query,
    () => build(p),
    'ok',
  ]),
  ...['555 010', '1234567890123456', 'call me', '555-0100 ext 2', '++1 555 0100', '555\u00a00100', '5550100+'].map(
    (p): Case => [`${label}: "${p}"`, query, () => build(p), 'ValidationError'],
  ),
];

const cases: Case[] = [
  // createEvent
  ['createEvent: id of 100 characters', CREATE_EVENT, () => newEvent({ id: `e${unique()}`.padEnd(100, 'x') }), 'ok'],
  ['createEvent: id of 101 characters', CREATE_EVENT, () => newEvent({ id: 'e'.repeat(101) }), 'ValidationError'],
  ...textCases('createEvent title', CREATE_EVENT, (t) => newEvent({ title: `${unique()} ${t}` }), 200 - 9, false),
  ...dateCases('createEvent startsAt', CREATE_EVENT, (at) => newEvent({ startsAt: at })),
  ...dateCases('createEvent endsAt', CREATE_EVENT, (at) =>
    newEvent({ startsAt: '2000-01-01T00:00:00Z', endsAt: at }),
  ).filter(([n]) => !n.endsWith('2000-01-01T00:00:00Z')),
  ...textCases('createEvent boat', CREATE_EVENT, (t) => newEvent({ boat: t }), 100, false),
  ...textCases('createEvent captain', CREATE_EVENT, (t) => newEvent({ captain: t }), 100, false),
  ...textCases('createEvent crew member', CREATE_EVENT, (t) => newEvent({ crew: [t] }), 100, false),
  [
    'createEvent: 50 crew',
    CREATE_EVENT,
    () => newEvent({ crew: Array.from({ length: 50 }, (_, i) => `Crew ${i}`) }),
    'ok',
  ],
  [
    'createEvent: 51 crew',
    CREATE_EVENT,
    () => newEvent({ crew: Array.from({ length: 51 }, (_, i) => `Crew ${i}`) }),
    'ValidationError',
  ],
  ...intCases('createEvent capacity', CREATE_EVENT, (n) => newEvent({ capacity: n }), 1, 10_000),
  ...intCases('createEvent priceCents', CREATE_EVENT, (n) => newEvent({ priceCents: n }), 0, MAX_AMOUNT),
  // updateEvent
  ...textCases('updateEvent title', UPDATE_EVENT, (t) => eventChange({ title: t }), 200, false),
  ...dateCases('updateEvent startsAt', UPDATE_EVENT, (at) => eventChange({ startsAt: at, endsAt: null })),
  ...dateCases('updateEvent endsAt', UPDATE_EVENT, (at) =>
    eventChange({ startsAt: '2000-01-01T00:00:00Z', endsAt: at }),
  ).filter(([n]) => !n.endsWith('2000-01-01T00:00:00Z')),
  ...textCases('updateEvent boat', UPDATE_EVENT, (t) => eventChange({ boat: t }), 100, false),
  ...textCases('updateEvent captain', UPDATE_EVENT, (t) => eventChange({ captain: t }), 100, false),
  ...textCases('updateEvent crew member', UPDATE_EVENT, (t) => eventChange({ crew: [t] }), 100, false),
  [
    'updateEvent: 51 crew',
    UPDATE_EVENT,
    () => eventChange({ crew: Array.from({ length: 51 }, (_, i) => `Crew ${i}`) }),
    'ValidationError',
  ],
  ...intCases('updateEvent priceCents', UPDATE_EVENT, (n) => eventChange({ priceCents: n }), 0, MAX_AMOUNT),
  ['updateEvent capacity: 10,001', UPDATE_EVENT, () => eventChange({ capacity: 10_001 }), 'ValidationError'],
  ['updateEvent capacity: 0', UPDATE_EVENT, () => eventChange({ capacity: 0 }), 'ValidationError'],
  // addPatron
  ...textCases('addPatron name', ADD_PATRON, (t) => newPatron({ name: t }), 200, false),
  ...phoneCases('addPatron phone', ADD_PATRON, (p) => newPatron({ phone: p })),
  ...textCases('addPatron notes', ADD_PATRON, (t) => newPatron({ notes: t }), 1000, true),
  ...intCases('addPatron amountDueCents', ADD_PATRON, (n) => newPatron({ amountDueCents: n }), 0, MAX_AMOUNT),
  ['addPatron partySize: 0', ADD_PATRON, () => newPatron({ partySize: 0 }), 'ValidationError'],
  ['addPatron partySize: 10,001', ADD_PATRON, () => newPatron({ partySize: 10_001 }), 'ValidationError'],
  [
    'addPatron partySize: more than the places left',
    ADD_PATRON,
    () => newPatron({ partySize: 10_000, amountDueCents: 0 }),
    'Conflict',
  ],
  // updatePatron
  ...textCases('updatePatron name', UPDATE_PATRON, (t) => patron({ name: t }), 200, false),
  ...phoneCases('updatePatron phone', UPDATE_PATRON, (p) => patron({ phone: p })),
  ...textCases('updatePatron notes', UPDATE_PATRON, (t) => patron({ notes: t }), 1000, true),
  ['updatePatron amountDueCents: the amount paid', UPDATE_PATRON, () => patron({ amountDueCents: 1_000 }), 'ok'],
  [
    'updatePatron amountDueCents: below the amount paid',
    UPDATE_PATRON,
    () => patron({ amountDueCents: 999 }),
    'Conflict',
  ],
  ['updatePatron amountDueCents: 100,000,000', UPDATE_PATRON, () => patron({ amountDueCents: MAX_AMOUNT }), 'ok'],
  [
    'updatePatron amountDueCents: 100,000,001',
    UPDATE_PATRON,
    () => patron({ amountDueCents: MAX_AMOUNT + 1 }),
    'ValidationError',
  ],
  ['updatePatron partySize: 0', UPDATE_PATRON, () => patron({ partySize: 0 }), 'ValidationError'],
  ['updatePatron partySize: 10,001', UPDATE_PATRON, () => patron({ partySize: 10_001 }), 'ValidationError'],
  // removePatron
  [
    'removePatron: an email that is not one',
    REMOVE_PATRON,
    () => ({ eventId: target.eventId, email: 'not-an-email' }),
    'ValidationError',
  ],
  [
    'removePatron: an event id that is not one',
    REMOVE_PATRON,
    () => ({ eventId: 'Not An Id', email: target.email }),
    'ValidationError',
  ],
  // logPayment
  [
    'logPayment idempotencyKey: 128 characters',
    LOG_PAYMENT,
    () => payment({ idempotencyKey: randomUUID().padEnd(128, 'k') }),
    'ok',
  ],
  [
    'logPayment idempotencyKey: 129 characters',
    LOG_PAYMENT,
    () => payment({ idempotencyKey: 'k'.repeat(129) }),
    'ValidationError',
  ],
  ['logPayment amountCents: 1', LOG_PAYMENT, () => payment({ amountCents: 1 }), 'ok'],
  ['logPayment amountCents: 0', LOG_PAYMENT, () => payment({ amountCents: 0 }), 'ValidationError'],
  [
    'logPayment amountCents: 100,000,001',
    LOG_PAYMENT,
    () => payment({ amountCents: MAX_AMOUNT + 1 }),
    'ValidationError',
  ],
  ['logPayment amountCents: 2^31 - 1', LOG_PAYMENT, () => payment({ amountCents: 2 ** 31 - 1 }), 'ValidationError'],
  ['logPayment method: not one of the five', LOG_PAYMENT, () => payment({ method: 'GOLD' }), 'ValidationError'],
  ...textCases('logPayment notes', LOG_PAYMENT, (t) => payment({ notes: t }), 1000, true),
  ['logPayment receivedAt: now', LOG_PAYMENT, () => payment({ receivedAt: iso(Date.now()) }), 'ok'],
  [
    'logPayment receivedAt: 4 minutes ahead (a fast clock)',
    LOG_PAYMENT,
    () => payment({ receivedAt: iso(Date.now() + 4 * 60_000) }),
    'ok',
  ],
  [
    'logPayment receivedAt: 6 minutes ahead',
    LOG_PAYMENT,
    () => payment({ receivedAt: iso(Date.now() + 6 * 60_000) }),
    'ValidationError',
  ],
  ['logPayment receivedAt: 9 years ago', LOG_PAYMENT, () => payment({ receivedAt: iso(Date.now() - 9 * YEAR) }), 'ok'],
  [
    'logPayment receivedAt: 11 years ago',
    LOG_PAYMENT,
    () => payment({ receivedAt: iso(Date.now() - 11 * YEAR) }),
    'ValidationError',
  ],
  [
    'logPayment receivedAt: year 0000 (the issue example)',
    LOG_PAYMENT,
    () => payment({ receivedAt: '0000-01-01T00:30:00+01:00' }),
    'ValidationError',
  ],
  [
    'logPayment receivedAt: offset +99:99',
    LOG_PAYMENT,
    () => payment({ receivedAt: '2026-01-01T00:30:00+99:99' }),
    'ValidationError',
  ],
  [
    'logPayment receivedAt: 9999-12-31T23:59:00-23:59',
    LOG_PAYMENT,
    () => payment({ receivedAt: '9999-12-31T23:59:00-23:59' }),
    'ValidationError',
  ],
  // voidPayment
  ...textCases(
    'voidPayment reason',
    VOID_PAYMENT,
    (t) => ({ eventId: target.eventId, paymentId: 'no-such-payment', reason: t }),
    1000,
    true,
  ),
  [
    'voidPayment paymentId: with a key separator',
    VOID_PAYMENT,
    () => ({ eventId: target.eventId, paymentId: 'a#b', reason: 'x' }),
    'ValidationError',
  ],
  // notifyPatron
  [
    'notifyPatron paymentId: 129 characters',
    NOTIFY,
    () => ({ eventId: target.eventId, paymentId: 'p'.repeat(129) }),
    'ValidationError',
  ],
  [
    'notifyPatron eventId: upper case',
    NOTIFY,
    () => ({ eventId: target.eventId.toUpperCase(), paymentId: target.paymentId }),
    'ValidationError',
  ],
];

describe('every input field at the edges of its domain', () => {
  it.each(
    cases.map(([name, query, variables, expected]): Case => [`${name} → ${expected}`, query, variables, expected]),
  )('%s', async (_name, query, variables, expected) => {
    const before = await scanAll(api.tableName);
    const res = await api.gql(api.tokens.admin, query, variables());
    expect(res.status).toBeLessThan(500);
    if (expected === 'ok' && query === VOID_PAYMENT) {
      // A valid reason gets as far as looking the (made-up) payment up.
      expect(res.errors?.[0]?.errorType).toBe('NotFound');
      return;
    }
    if (expected === 'ok') {
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(Object.values(res.data!)[0]).not.toBeNull();
      expect((await api.gql(api.tokens.admin, GET_EVENT, { id: target.eventId })).data?.getEvent).not.toBeNull();
      return;
    }
    expect(res.errors?.[0]?.errorType ?? res.errorTypeHeader, JSON.stringify(res.errors)).toBe(expected);
    expect(res.errors?.[0]?.message.length).toBeGreaterThan(10);
    expect(await scanAll(api.tableName)).toEqual(before);
  });
});

describe("the issue's examples", () => {
  it('a receivedAt in year 0000 writes nothing, and the history pages on', async () => {
    const res = await api.gql(api.tokens.crew, LOG_PAYMENT, payment({ receivedAt: '0000-01-01T00:30:00+01:00' }));
    expect(res.errors?.[0]?.errorType).toBe('ValidationError');
    const page = await api.gql(api.tokens.admin, PAYMENTS_BY_EVENT, { eventId: target.eventId, limit: 100 });
    expect(page.errors).toBeUndefined();
    expect(page.data!.paymentsByEvent.items.length).toBeGreaterThan(0);
  });

  it('amounts due that would push the event total past Int are refused; the event still reads', async () => {
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, newEvent({ capacity: 30 }));
    const big = ev.data!.createEvent.id;
    const add = (amountDueCents: number) =>
      api.gql(api.tokens.crew, ADD_PATRON, {
        input: { eventId: big, email: `big-${unique()}@example.com`, name: 'Big Spender', amountDueCents },
      });
    expect((await add(2_147_483_647)).errors?.[0]?.errorType).toBe('ValidationError');
    // 21 patrons at the most one may owe: $21,000,000.00 of the $21,474,836.47 an Int holds.
    for (let i = 0; i < 21; i++) expect((await add(MAX_AMOUNT)).errors).toBeUndefined();
    const over = await add(MAX_AMOUNT);
    expect(over.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
    expect(over.errors?.[0]?.message).toMatch(/total due/);
    expect((await add(2_147_483_647 - 21 * MAX_AMOUNT)).errors).toBeUndefined();
    const detail = await api.gql(api.tokens.admin, GET_EVENT, { id: big });
    expect(detail.errors).toBeUndefined();
    expect(detail.data!.getEvent.event.dueCents).toBe(2_147_483_647);
  });

  it('a default due of price × party beyond the bound asks for amountDueCents', async () => {
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, newEvent({ capacity: 10_000, priceCents: MAX_AMOUNT }));
    const res = await api.gql(api.tokens.crew, ADD_PATRON, {
      input: { eventId: ev.data!.createEvent.id, email: 'party@example.com', name: 'Party', partySize: 2 },
    });
    expect(res.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
    expect(res.errors?.[0]?.message).toMatch(/amountDueCents/);
  });
});
