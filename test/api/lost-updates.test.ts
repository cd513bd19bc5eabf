import { randomUUID } from 'node:crypto';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerViolations } from '../reliability/support/ledger';
import { auditChainViolations } from '../reliability/support/audit-chain';
import { scanAll } from '../support/stack';
import {
  ADD_PATRON,
  CREATE_EVENT,
  eventWithPatron,
  GET_EVENT,
  LOG_PAYMENT,
  NOTIFY,
  otherUserToken,
  REMOVE_PATRON,
  startApi,
  UPDATE_EVENT,
  UPDATE_PATRON,
  VOID_PAYMENT,
  type Api,
  type GraphQLResponse,
} from './support/harness';

/**
 * Concurrent changes to one patron, event or payment from several users: each
 * accepted change is applied to the state it read, so totals stay the sums of what they count and
 * every audit record's before-image is the state it really changed; a change that lost the race
 * is refused as a Conflict and wrote nothing.
 */

let api: Api;
let secondCrew: string;
beforeAll(async () => {
  api = await startApi();
  secondCrew = await otherUserToken('crew.two@example.com', 'CREW');
});
afterAll(async () => {
  await api?.close();
});

const items = async () => (await scanAll(api.tableName)).map((i) => unmarshall(i));
const accepted = (results: GraphQLResponse[]) => results.filter((r) => !r.errors);
function refusedAsConflicts(results: GraphQLResponse[]) {
  for (const r of results.filter((x) => x.errors)) {
    expect(r.errors![0]!.errorType, JSON.stringify(r.errors)).toBe('Conflict');
    expect(r.errors![0]!.message).toMatch(/a moment ago|same moment|try again/);
  }
}
async function expectConsistent() {
  const all = await items();
  expect(ledgerViolations(all)).toEqual([]);
  expect(auditChainViolations(all)).toEqual([]);
}

describe('three concurrent updatePatron(amountDueCents) from three users (the issue example)', () => {
  it('leave the due amounts and the event total the sum of the roster, in 5 rounds out of 5', async () => {
    for (let round = 0; round < 5; round++) {
      const { eventId, email } = await eventWithPatron(api, 20_000, `round${round}@example.com`);
      const results = await Promise.all(
        [
          [api.tokens.crew, 500],
          [secondCrew, 3_000],
          [api.tokens.admin, 1_500],
        ].map(([token, due]) =>
          api.gql(token as string, UPDATE_PATRON, { input: { eventId, email, amountDueCents: due } }),
        ),
      );
      expect(accepted(results).length).toBeGreaterThanOrEqual(1);
      refusedAsConflicts(results);
      const detail = (await api.gql(api.tokens.admin, GET_EVENT, { id: eventId })).data!.getEvent;
      expect(detail.event.dueCents).toBe(detail.roster[0].amountDueCents);
      expect(accepted(results).map((r) => r.data!.updatePatron.amountDueCents)).toContain(
        detail.roster[0].amountDueCents,
      );
      // The patron's real balance can be paid.
      const pay = await api.gql(api.tokens.crew, LOG_PAYMENT, {
        input: {
          idempotencyKey: randomUUID(),
          eventId,
          patronEmail: email,
          amountCents: detail.roster[0].balanceCents,
          method: 'CASH',
        },
      });
      expect(pay.errors).toBeUndefined();
    }
    await expectConsistent();
  });

  it('applied one after another by clients that retry a Conflict, chain their audit records exactly', async () => {
    const { eventId, email } = await eventWithPatron(api, 20_000, 'retrier@example.com');
    const retrying = async (token: string, due: number) => {
      for (let attempt = 0; attempt < 30; attempt++) {
        const res = await api.gql(token, UPDATE_PATRON, { input: { eventId, email, amountDueCents: due } });
        if (!res.errors) return res;
        expect(res.errors[0]!.errorType).toBe('Conflict');
      }
      throw new Error('never accepted');
    };
    await Promise.all([retrying(api.tokens.crew, 500), retrying(secondCrew, 3_000), retrying(api.tokens.admin, 1_500)]);
    const all = await items();
    const audits = all.filter((a) => a.type === 'Audit' && a.entity === eventId && a.operation === 'updatePatron');
    expect(audits).toHaveLength(3);
    expect(new Set(audits.map((a) => a.actor))).toEqual(
      new Set(['crew@example.com', 'crew.two@example.com', 'admin@example.com']),
    );
    expect(auditChainViolations(all)).toEqual([]);
    expect(ledgerViolations(all)).toEqual([]);
  });
});

describe('other concurrent changes', () => {
  it('party sizes and bookings racing for the last places never overfill the event', async () => {
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: {
        title: `Last places ${randomUUID().slice(0, 6)}`,
        startsAt: '2027-07-01T18:00:00Z',
        capacity: 6,
        priceCents: 1_000,
      },
    });
    const eventId = ev.data!.createEvent.id;
    await api.gql(api.tokens.admin, ADD_PATRON, {
      input: { eventId, email: 'first@example.com', name: 'First', partySize: 2 },
    });
    await Promise.all([
      api.gql(api.tokens.crew, UPDATE_PATRON, { input: { eventId, email: 'first@example.com', partySize: 5 } }),
      api.gql(secondCrew, ADD_PATRON, {
        input: { eventId, email: 'second@example.com', name: 'Second', partySize: 3 },
      }),
      api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: eventId, capacity: 5 } }),
      api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: eventId, priceCents: 2_000 } }),
    ]);
    const all = await items();
    const event = all.find((i) => i.type === 'Event' && i.id === eventId)!;
    const roster = all.filter((i) => i.type === 'RosterEntry' && i.eventId === eventId);
    expect(event.headCount).toBe(roster.reduce((s, e) => s + e.partySize, 0));
    expect(event.headCount).toBeLessThanOrEqual(event.capacity);
    expect(auditChainViolations(all)).toEqual([]);
    expect(ledgerViolations(all)).toEqual([]);
  });

  it('an event edit racing payments, and a void racing a receipt and a removal, keep every audit before-image true', async () => {
    const { eventId, email } = await eventWithPatron(api, 20_000, 'racer@example.com');
    const logged = await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: { idempotencyKey: randomUUID(), eventId, patronEmail: email, amountCents: 5_000, method: 'CARD' },
    });
    const paymentId = logged.data!.logPayment.id;
    const results = await Promise.all([
      api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: eventId, title: 'Renamed while paying' } }),
      api.gql(api.tokens.crew, LOG_PAYMENT, {
        input: { idempotencyKey: randomUUID(), eventId, patronEmail: email, amountCents: 1_000, method: 'CASH' },
      }),
      api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId, reason: 'Wrong card' }),
      api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId }),
      api.gql(secondCrew, UPDATE_PATRON, { input: { eventId, email, name: 'Renamed Patron' } }),
      api.gql(api.tokens.admin, REMOVE_PATRON, { eventId, email }),
    ]);
    for (const r of results) if (r.errors) expect(['Conflict', 'NotFound']).toContain(r.errors[0]!.errorType);
    const all = await items();
    expect(auditChainViolations(all)).toEqual([]);
    expect(ledgerViolations(all)).toEqual([]);
    // A payment carries the name its patron had when it was recorded.
    for (const p of all.filter((i) => i.type === 'Payment' && i.eventId === eventId)) {
      const audit = all.find((a) => a.type === 'Audit' && a.operation === 'logPayment' && a.after?.id === p.id)!;
      expect(p.patronName).toBe(audit.after.patronName);
    }
  });
});
