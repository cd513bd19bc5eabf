import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edge } from '../../local/edge';
import { ledgerViolations, scanItems } from '../reliability/support/appsync';
import { sesMessages, stack } from '../support/stack';
import { waiverSigning } from './support/boarding';
import {
  ADD_PATRON,
  CREATE_EVENT,
  eventWithPayment,
  GET_EVENT,
  LOG_PAYMENT,
  NOTIFY,
  startApi,
  until,
  type Api,
} from './support/harness';
import { CANCEL } from './support/refunds';

/**
 * Correcting a booking's email: the email is the booking's key, so correctPatronEmail moves the
 * booking (its party, money, payments and waiver pointer) to the corrected address in one
 * transaction. What SES said about the old address (a bounce, its suppression) stays with it, so the
 * corrected address is mailed again.
 */
let api: Api;
let edge: Edge;
let sign: (eventId: string, email: string, name: string) => Promise<void>;
beforeAll(async () => {
  api = await startApi();
  ({ edge, sign } = await waiverSigning(api));
  process.env.WAIVER_BASE_URL = 'http://localhost:3999/g';
});
afterAll(async () => {
  await edge?.close();
  await api?.close();
});

const ENTRY_FIELDS =
  'eventId email name partySize amountDueCents paidCents balanceCents waiverId waiverSignedAt waiverSignedBy mailProblem mailSuppressed';
const CORRECT = `mutation($eventId: ID!, $email: AWSEmail!, $newEmail: AWSEmail!) {
  correctPatronEmail(eventId: $eventId, email: $email, newEmail: $newEmail) { ${ENTRY_FIELDS} } }`;
const ROSTER = `query($id: ID!) { getEvent(id: $id) { event { rosterCount headCount paidCents dueCents waiversSigned } roster { ${ENTRY_FIELDS} } } }`;
const PAYMENTS = `query($eventId: ID!) { paymentsByEvent(eventId: $eventId, limit: 50) { items { id patronEmail amountCents status movedFromPaymentId movedToPaymentId } } }`;
const HISTORY = `query($email: AWSEmail!) { paymentsByPatron(email: $email, limit: 50) { items { id eventId status } } }`;
const SEARCH = `query($q: String!) { findPatrons(query: $q) { items { email eventId } } }`;

const roster = async (eventId: string) => (await api.gql(api.tokens.admin, ROSTER, { id: eventId })).data!.getEvent;
const entryOf = async (eventId: string, email: string) =>
  (await roster(eventId)).roster.find((r: any) => r.email === email);
let n = 0;
const fresh = (box: string) => `${box}+c${Date.now()}${(n += 1)}@simulator.amazonses.com`;

describe('correctPatronEmail', () => {
  it('moves a bounced booking, its payment and its waiver pointer to the corrected address, which is mailed again', async () => {
    const bad = fresh('bounce');
    const good = fresh('success');
    const { eventId, paymentId } = await eventWithPayment(api, 5_000, bad, 2_000);
    await sign(eventId, bad, 'Pat Patron');
    const signed = await entryOf(eventId, bad);
    expect(signed.waiverId).toBeTruthy();
    expect((await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId })).data!.notifyPatron.status).toBe('SENT');
    await until(
      () => entryOf(eventId, bad),
      (e) => e.mailSuppressed === true,
    );
    const before = (await roster(eventId)).event;

    const res = await api.gql(api.tokens.crew, CORRECT, { eventId, email: bad, newEmail: good.toUpperCase() });
    expect(res.errors).toBeUndefined();
    expect(res.data!.correctPatronEmail).toMatchObject({
      email: good,
      name: 'Pat Patron',
      paidCents: 2_000,
      amountDueCents: 5_000,
      balanceCents: 3_000,
      waiverId: signed.waiverId,
      waiverSignedAt: signed.waiverSignedAt,
      mailProblem: null,
      mailSuppressed: null,
    });

    const after = await roster(eventId);
    expect(after.event).toEqual(before);
    expect(after.roster.map((r: any) => r.email)).toEqual([good]);
    const payments = (await api.gql(api.tokens.admin, PAYMENTS, { eventId })).data!.paymentsByEvent.items;
    const original = payments.find((p: any) => p.id === paymentId);
    const copy = payments.find((p: any) => p.movedFromPaymentId === paymentId);
    expect(original).toMatchObject({ status: 'MOVED', patronEmail: bad, movedToPaymentId: copy.id });
    expect(copy).toMatchObject({ status: 'RECORDED', patronEmail: good, amountCents: 2_000 });
    const history = (await api.gql(api.tokens.admin, HISTORY, { email: good })).data!.paymentsByPatron.items;
    expect(history.map((p: any) => p.id)).toEqual([copy.id]);
    const found = (await api.gql(api.tokens.crew, SEARCH, { q: good })).data!.findPatrons.items;
    expect((await api.gql(api.tokens.crew, SEARCH, { q: bad })).data!.findPatrons.items).toEqual([]);
    expect(found).toContainEqual(expect.objectContaining({ email: good, eventId }));

    // The signed waiver record itself is untouched: only the booking's pointer moved.
    const items = await scanItems(stack().dynamodbEndpoint, api.tableName);
    const waiver = items.find((i) => i.type === 'Waiver' && i.id === signed.waiverId);
    expect(waiver).toMatchObject({ email: bad, signedAt: signed.waiverSignedAt });
    expect(items.filter((i) => i.type === 'Audit' && i.operation === 'correctPatronEmail')).toHaveLength(2);
    expect(
      ledgerViolations(
        items.filter(
          (i) => i.eventId === eventId || i.id === eventId || i.type === 'Audit' || i.type === 'Idempotency',
        ),
      ).filter((v) => v.includes(eventId) || v.includes(paymentId) || v.includes(copy.id)),
    ).toEqual([]);

    // The signed patron needs no waiver link: the receipt, resent, now goes to the corrected address.
    const sent = await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId: copy.id });
    expect(sent.data!.notifyPatron).toMatchObject({ status: 'SENT', to: good });
    expect(await sesMessages(good)).toHaveLength(1);
    expect(
      (
        await until(
          () => entryOf(eventId, good),
          (e) => e.mailProblem !== null,
          2_000,
        )
      ).mailProblem,
    ).toBeNull();
  });

  it('refuses, with a typed error and writing nothing, an invalid or unchanged address, one already booked, and a cancelled sailing', async () => {
    const email = fresh('bounce');
    const { eventId } = await eventWithPayment(api, 5_000, email);
    const other = fresh('success');
    await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email: other, name: 'Olive Other' } });
    const before = await scanItems(stack().dynamodbEndpoint, api.tableName);

    const invalid = await api.gql(api.tokens.crew, CORRECT, { eventId, email, newEmail: 'not-an-address' });
    expect(invalid.errors?.[0]?.message).toMatch(/AWSEmail|newEmail/);
    const same = await api.gql(api.tokens.crew, CORRECT, { eventId, email, newEmail: email.toUpperCase() });
    expect(same.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
    const taken = await api.gql(api.tokens.crew, CORRECT, { eventId, email, newEmail: other });
    expect(taken.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'ALREADY_ON_ROSTER' } });
    const missing = await api.gql(api.tokens.crew, CORRECT, { eventId, email: fresh('nobody'), newEmail: fresh('x') });
    expect(missing.errors?.[0]).toMatchObject({ errorType: 'NotFound' });
    const accounting = await api.gql(api.tokens.accounting, CORRECT, { eventId, email, newEmail: fresh('success') });
    expect(accounting.errors?.[0]?.errorType).toBe('Unauthorized');
    expect(await scanItems(stack().dynamodbEndpoint, api.tableName)).toHaveLength(before.length);

    expect((await api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'Weather' })).errors).toBeUndefined();
    const cancelled = await api.gql(api.tokens.crew, CORRECT, { eventId, email, newEmail: fresh('success') });
    expect(cancelled.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
  });

  it('loses and doubles nothing when a payment is logged during the correction', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round += 1) {
      const bad = fresh('bounce');
      const good = fresh('success');
      const { eventId } = await eventWithPayment(api, 50_000, bad, 1_000);
      // The correction takes three steps to the payment's two: the payment starts later each round, so both orders happen.
      const [corrected, paid] = await Promise.all([
        api.gql(api.tokens.crew, CORRECT, { eventId, email: bad, newEmail: good }),
        new Promise((r) => setTimeout(r, round * 12)).then(() =>
          api.gql(api.tokens.crew, LOG_PAYMENT, {
            input: { idempotencyKey: `${eventId}-race`, eventId, patronEmail: bad, amountCents: 700, method: 'CASH' },
          }),
        ),
      ]);
      // Each write either happened whole or was refused as a Conflict (never half, never a wrong total).
      for (const r of [paid, corrected]) if (r.errors) expect(r.errors[0]!.errorType).toMatch(/Conflict|NotFound/);
      outcomes.add(`${paid.errors ? 'refused' : 'paid'} ${corrected.errors ? 'refused' : 'corrected'}`);
      const items = (await scanItems(stack().dynamodbEndpoint, api.tableName)).filter(
        (i) => i.eventId === eventId || i.id === eventId,
      );
      const event = items.find((i) => i.type === 'Event');
      const recorded = items.filter((i) => i.type === 'Payment' && i.status === 'RECORDED');
      const expected = 1_000 + (paid.errors ? 0 : 700);
      expect(recorded.reduce((s, p) => s + p.amountCents, 0)).toBe(expected);
      expect(event?.paidCents).toBe(expected);
      const booked = items.filter((i) => i.type === 'RosterEntry');
      expect(booked).toHaveLength(1);
      expect(booked[0].email).toBe(corrected.errors ? bad : good);
      expect(recorded.every((p) => p.patronEmail === booked[0].email)).toBe(true);
      expect(booked[0].paidCents).toBe(expected);
      expect(ledgerViolations(items).filter((v) => !v.includes('idempotency') && !v.includes('audit'))).toEqual([]);
    }
    // The race went both ways at least once, or the test proves nothing about the correction.
    expect([...outcomes].some((o) => o.endsWith(' corrected'))).toBe(true);
    expect([...outcomes].some((o) => o.startsWith('paid '))).toBe(true);
  });
});

describe('the corrected address on the roster', () => {
  it('is what getEvent shows, with the event unchanged', async () => {
    const bad = fresh('bounce');
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title: `Correction ${Date.now()}`, startsAt: '2037-08-01T17:00:00Z', capacity: 10, priceCents: 1_000 },
    });
    const eventId = ev.data!.createEvent.id;
    await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email: bad, name: 'Ann Able', partySize: 2 } });
    const good = fresh('success');
    expect((await api.gql(api.tokens.crew, CORRECT, { eventId, email: bad, newEmail: good })).errors).toBeUndefined();
    const got = (await api.gql(api.tokens.admin, GET_EVENT, { id: eventId })).data!.getEvent;
    expect(got.roster).toEqual([
      expect.objectContaining({ email: good, name: 'Ann Able', partySize: 2, amountDueCents: 2_000 }),
    ]);
    expect(got.event).toMatchObject({ rosterCount: 1, dueCents: 2_000 });
  });
});
