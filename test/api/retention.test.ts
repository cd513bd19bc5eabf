/**
 * Payments are kept until 7 years after their event (a TTL attribute, expiresAt: docs/architecture.md, the table).
 * An event moved later must not let its payments expire before its new date + 7 years.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_RETENTION_SECONDS } from '../../amplify/data/resolvers/lib/model';
import { scanAll } from '../support/stack';
import {
  ADD_PATRON,
  CREATE_EVENT,
  EVENT_FIELDS,
  LOG_PAYMENT,
  VOID_PAYMENT,
  startApi,
  type Api,
} from './support/harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const UPDATE_EVENT = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { ${EVENT_FIELDS} } }`;
const keepUntil = (startsAt: string) => Math.floor(Date.parse(startsAt) / 1000) + PAYMENT_RETENTION_SECONDS;

let n = 0;
/** An event with two patrons and three payments, one of them voided. */
async function eventWithPayments(startsAt: string) {
  n += 1;
  const created = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: `Retention ${n}`, startsAt, capacity: 10, priceCents: 10_000 },
  });
  const eventId = created.data!.createEvent.id as string;
  for (const email of ['ann@example.com', 'bo@example.com']) {
    await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email, name: email.split('@')[0] } });
  }
  const ids: string[] = [];
  for (const [email, amountCents] of [
    ['ann@example.com', 4_000],
    ['ann@example.com', 1_000],
    ['bo@example.com', 10_000],
  ] as const) {
    const res = await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: { idempotencyKey: crypto.randomUUID(), eventId, patronEmail: email, amountCents, method: 'CASH' },
    });
    ids.push(res.data!.logPayment.id);
  }
  await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: ids[1], reason: 'entered twice' });
  return eventId;
}

async function paymentExpiries(eventId: string) {
  const items = await scanAll(api.tableName);
  return items
    .filter((i) => i.PK?.S === `EVENT#${eventId}` && i.type?.S === 'Payment')
    .map((p) => Number(p.expiresAt!.N));
}

describe('payment retention when an event moves', () => {
  it('keeps every payment of an event moved later, voided ones too, until 7 years after the new date', async () => {
    const eventId = await eventWithPayments('2027-05-01T16:00:00Z');
    expect(await paymentExpiries(eventId)).toEqual(Array(3).fill(keepUntil('2027-05-01T16:00:00Z')));

    const res = await api.gql(api.tokens.admin, UPDATE_EVENT, {
      input: { id: eventId, startsAt: '2027-06-12T16:00:00Z' },
    });
    expect(res.errors).toBeUndefined();
    expect(Date.parse(res.data!.updateEvent.startsAt)).toBe(Date.parse('2027-06-12T16:00:00Z'));
    expect(await paymentExpiries(eventId)).toEqual(Array(3).fill(keepUntil('2027-06-12T16:00:00Z')));
  });

  it('shortens nothing when the event moves earlier, and logs new payments against the new date', async () => {
    const eventId = await eventWithPayments('2027-09-20T16:00:00Z');
    const res = await api.gql(api.tokens.admin, UPDATE_EVENT, {
      input: { id: eventId, startsAt: '2027-08-01T16:00:00Z' },
    });
    expect(res.errors).toBeUndefined();
    expect(await paymentExpiries(eventId)).toEqual(Array(3).fill(keepUntil('2027-09-20T16:00:00Z')));

    await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: {
        idempotencyKey: crypto.randomUUID(),
        eventId,
        patronEmail: 'ann@example.com',
        amountCents: 500,
        method: 'CARD',
      },
    });
    expect((await paymentExpiries(eventId)).sort()).toEqual([
      keepUntil('2027-08-01T16:00:00Z'),
      ...Array(3).fill(keepUntil('2027-09-20T16:00:00Z')),
    ]);
  });

  it('leaves payments alone when the date is not part of the change', async () => {
    const eventId = await eventWithPayments('2027-10-02T16:00:00Z');
    const res = await api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: eventId, title: 'Renamed' } });
    expect(res.errors).toBeUndefined();
    expect(await paymentExpiries(eventId)).toEqual(Array(3).fill(keepUntil('2027-10-02T16:00:00Z')));
  });
});
