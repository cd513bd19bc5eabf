import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAll } from '../support/stack';
import {
  ADD_PATRON,
  CREATE_EVENT,
  eventWithPatron,
  LOG_PAYMENT,
  startApi,
  VOID_PAYMENT,
  type Api,
} from './support/harness';

/**
 * Bad input anywhere: the right error type, and the table byte-for-byte as it was (a full scan
 * before and after each request).
 */
let api: Api;
let eventId: string;
let email: string;
let paymentId: string;
beforeAll(async () => {
  api = await startApi();
  ({ eventId, email } = await eventWithPatron(api, 20_000));
  const p = await api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: { idempotencyKey: 'seed-payment', eventId, patronEmail: email, amountCents: 1_000, method: 'CARD' },
  });
  paymentId = p.data!.logPayment.id;
});
afterAll(async () => {
  await api?.close();
});

const UPDATE_EVENT = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id } }`;
const UPDATE_PATRON = `mutation($input: UpdatePatronInput!) { updatePatron(input: $input) { email } }`;
const REMOVE_PATRON = `mutation($eventId: ID!, $email: AWSEmail!) { removePatron(eventId: $eventId, email: $email) { email } }`;
const NOTIFY = `mutation($eventId: ID!, $paymentId: ID!) { notifyPatron(eventId: $eventId, paymentId: $paymentId) { status } }`;

const long = 'x'.repeat(10_000);
const script = '<script>alert(1)</script>';
const payment = (over: Record<string, unknown>) => ({
  input: {
    idempotencyKey: `bad-${Math.random().toString(36).slice(2)}`,
    eventId: () => eventId,
    patronEmail: () => email,
    amountCents: 100,
    method: 'CASH',
    ...over,
  },
});
const event = (over: Record<string, unknown>) => ({
  input: { title: 'Bad Input Sail', startsAt: '2027-05-01T10:00:00Z', capacity: 10, priceCents: 100, ...over },
});

type Case = [name: string, query: string, variables: () => Record<string, unknown>, errorType: string];
const resolve = (v: any): any =>
  typeof v === 'function'
    ? v()
    : Array.isArray(v)
      ? v.map(resolve)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]))
        : v;

const cases: Case[] = [
  ['logPayment: zero amount', LOG_PAYMENT, () => payment({ amountCents: 0 }), 'ValidationError'],
  ['logPayment: negative amount', LOG_PAYMENT, () => payment({ amountCents: -500 }), 'ValidationError'],
  ['logPayment: fractional amount', LOG_PAYMENT, () => payment({ amountCents: 10.5 }), 'ValidationError'],
  ['logPayment: 2^31 amount', LOG_PAYMENT, () => payment({ amountCents: 2 ** 31 }), 'ValidationError'],
  ['logPayment: over the balance', LOG_PAYMENT, () => payment({ amountCents: 19_001 }), 'Conflict'],
  ['logPayment: unknown method', LOG_PAYMENT, () => payment({ method: 'BITCOIN' }), 'ValidationError'],
  ['logPayment: 10,000-character notes', LOG_PAYMENT, () => payment({ notes: long }), 'ValidationError'],
  [
    'logPayment: receivedAt in the future',
    LOG_PAYMENT,
    () => payment({ receivedAt: '2099-01-01T00:00:00Z' }),
    'ValidationError',
  ],
  ['logPayment: malformed email', LOG_PAYMENT, () => payment({ patronEmail: 'not-an-email' }), 'ValidationError'],
  ['logPayment: malformed event id', LOG_PAYMENT, () => payment({ eventId: 'Bad Id!' }), 'ValidationError'],
  ['logPayment: HTML in the key', LOG_PAYMENT, () => payment({ idempotencyKey: script }), 'ValidationError'],
  ['logPayment: unknown event', LOG_PAYMENT, () => payment({ eventId: 'no-such-event' }), 'NotFound'],
  ['logPayment: unknown patron', LOG_PAYMENT, () => payment({ patronEmail: 'stranger@example.com' }), 'NotFound'],
  ['createEvent: empty title', CREATE_EVENT, () => event({ title: '   ' }), 'ValidationError'],
  ['createEvent: 10,000-character title', CREATE_EVENT, () => event({ title: long }), 'ValidationError'],
  ['createEvent: title with no letters for an id', CREATE_EVENT, () => event({ title: '<>!!' }), 'ValidationError'],
  ['createEvent: HTML id', CREATE_EVENT, () => event({ id: script }), 'ValidationError'],
  ['createEvent: zero capacity', CREATE_EVENT, () => event({ capacity: 0 }), 'ValidationError'],
  ['createEvent: negative price', CREATE_EVENT, () => event({ priceCents: -1 }), 'ValidationError'],
  ['createEvent: 2^31 price', CREATE_EVENT, () => event({ priceCents: 2 ** 31 }), 'ValidationError'],
  [
    'createEvent: ends before it starts',
    CREATE_EVENT,
    () => event({ endsAt: '2027-05-01T09:00:00Z' }),
    'ValidationError',
  ],
  ['createEvent: malformed date', CREATE_EVENT, () => event({ startsAt: 'tomorrow' }), 'ValidationError'],
  ['updateEvent: nothing to change', UPDATE_EVENT, () => ({ input: { id: eventId } }), 'ValidationError'],
  ['updateEvent: empty title', UPDATE_EVENT, () => ({ input: { id: eventId, title: '' } }), 'ValidationError'],
  ['updateEvent: zero capacity', UPDATE_EVENT, () => ({ input: { id: eventId, capacity: 0 } }), 'ValidationError'],
  ['updateEvent: unknown event', UPDATE_EVENT, () => ({ input: { id: 'no-such-event', title: 'x' } }), 'NotFound'],
  [
    'addPatron: empty name',
    ADD_PATRON,
    () => ({ input: { eventId, email: 'new@example.com', name: '' } }),
    'ValidationError',
  ],
  [
    'addPatron: 10,000-character notes',
    ADD_PATRON,
    () => ({ input: { eventId, email: 'new@example.com', name: 'N', notes: long } }),
    'ValidationError',
  ],
  [
    'addPatron: zero party',
    ADD_PATRON,
    () => ({ input: { eventId, email: 'new@example.com', name: 'N', partySize: 0 } }),
    'ValidationError',
  ],
  [
    'addPatron: negative amount due',
    ADD_PATRON,
    () => ({ input: { eventId, email: 'new@example.com', name: 'N', amountDueCents: -1 } }),
    'ValidationError',
  ],
  [
    'addPatron: malformed email',
    ADD_PATRON,
    () => ({ input: { eventId, email: 'a@@b', name: 'N' } }),
    'ValidationError',
  ],
  [
    'addPatron: duplicate patron',
    ADD_PATRON,
    () => ({ input: { eventId, email: email.toUpperCase(), name: 'N' } }),
    'Conflict',
  ],
  [
    'addPatron: unknown event',
    ADD_PATRON,
    () => ({ input: { eventId: 'no-such-event', email: 'new@example.com', name: 'N' } }),
    'NotFound',
  ],
  [
    'updatePatron: due below paid',
    UPDATE_PATRON,
    () => ({ input: { eventId, email, amountDueCents: 999 } }),
    'Conflict',
  ],
  [
    'updatePatron: unknown patron',
    UPDATE_PATRON,
    () => ({ input: { eventId, email: 'stranger@example.com', name: 'S' } }),
    'NotFound',
  ],
  ['removePatron: with recorded payments', REMOVE_PATRON, () => ({ eventId, email }), 'Conflict'],
  ['removePatron: unknown patron', REMOVE_PATRON, () => ({ eventId, email: 'stranger@example.com' }), 'NotFound'],
  ['voidPayment: empty reason', VOID_PAYMENT, () => ({ eventId, paymentId, reason: '  ' }), 'ValidationError'],
  [
    'voidPayment: 10,000-character reason',
    VOID_PAYMENT,
    () => ({ eventId, paymentId, reason: long }),
    'ValidationError',
  ],
  [
    'voidPayment: unknown payment',
    VOID_PAYMENT,
    () => ({ eventId, paymentId: '01NOSUCHPAYMENT', reason: 'x' }),
    'NotFound',
  ],
  ['notifyPatron: unknown payment', NOTIFY, () => ({ eventId, paymentId: '01NOSUCHPAYMENT' }), 'NotFound'],
];

describe('bad input', () => {
  it.each(cases)('%s: refused, nothing written', async (_name, query, variables, errorType) => {
    const before = await scanAll(api.tableName);
    const res = await api.gql(api.tokens.admin, query, resolve(variables()));
    // Refused by the schema's types (Int range, enum, AWSEmail, AWSDateTime) the error is the
    // request's, typed in the header as AppSync does; refused by a resolver, it is the field's.
    expect(res.errors?.[0]?.errorType ?? res.errorTypeHeader).toBe(errorType);
    expect(res.errors?.[0]?.message.length).toBeGreaterThan(10);
    expect(await scanAll(api.tableName)).toEqual(before);
  });

  it.each([
    ['a year before the bound', '0001-01-01', '0001-12-31', 'from must be in 2000 or later.'],
    ['a range of years it cannot walk', '2026-01-01', '2999-12-31', 'The range may span at most 20 years.'],
    ['the last day there is', '9999-12-31', '9999-12-31', 'from must be before 3000.'],
  ])(
    'listEvents over %s: a ValidationError naming the bound, no resolver source position',
    async (_name, from, to, message) => {
      const res = await api.gql(
        api.tokens.admin,
        'query($from: AWSDate!, $to: AWSDate!) { listEvents(from: $from, to: $to) { items { id } } }',
        { from, to },
      );
      expect(res.errors?.[0]).toMatchObject({ errorType: 'ValidationError', message });
      expect(JSON.stringify(res)).not.toMatch(/code\.js|\.ts:\d+|:\d+:\d+/);
    },
  );
});
