import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADD_PATRON,
  CREATE_EVENT,
  LOG_PAYMENT,
  NOTIFY,
  PAYMENTS_BY_EVENT,
  REMOVE_PATRON,
  startApi,
  UPDATE_EVENT,
  UPDATE_PATRON,
  VOID_PAYMENT,
  type Api,
  type GraphQLResponse,
} from '../api/support/harness';
import { scanAll, signIn, stack } from '../support/stack';
import { CHECK_IN, UNDO_CHECK_IN } from '../api/support/boarding';
import { auditChainViolations } from './support/audit-chain';
import { boardingViolations } from './support/boarding';
import { ledgerViolations } from './support/ledger';
import { rosterViolations } from './support/roster';
import { CANCEL, REBOOK, REFUND } from '../api/support/refunds';

/**
 * Every API mutation, sent in random batches of 2-4 at the same moment by several signed-in
 * clients (two admin and two crew sessions) against one small event, checked after every batch
 * (fast-check model-based testing, as concurrent interleavings): totals equal the sums over the
 * roster, each patron's paid amount the sum of their RECORDED payments, the head count the sum of
 * the parties and within capacity, no count negative, the payments exactly those the model
 * accepted (refunds among them, and a rebooked patron's MOVED here and RECORDED on the other
 * sailing; totals are sums on both events, no refund gives back more than was paid), the boarding count the number of people standing checked in, and every
 * accepted change one audit record whose before-image is the true one. A
 * request may lose a race (Conflict) or find its target gone (NotFound), never anything else.
 * Reproduce a failure with SCC_INTERLEAVING_SEED=<seed>.
 */
const SEED = Number(process.env.SCC_INTERLEAVING_SEED ?? 11_2026);
const NUM_RUNS = Number(process.env.SCC_INTERLEAVING_RUNS ?? 8);
const EMAILS = ['ann@example.com', 'bo@example.com', 'cy@example.com'];

interface Model {
  payments: Map<string, { email: string; amountCents: number; status: 'RECORDED' | 'VOIDED' | 'MOVED' }>;
  /** accepted changes, each of which must have written exactly one audit record */
  changes: number;
}
/** When the interleaved sailing starts, as stored. */
const INTERLEAVED_START = '2027-09-01T18:00:00.000Z';

interface Real {
  eventId: string;
  /** the sailing patrons are rebooked onto */
  otherId: string;
}

let api: Api;
let admins: string[];
let crews: string[];
beforeAll(async () => {
  api = await startApi();
  const [admin2, crew2] = await Promise.all([signIn(stack().users.admin), signIn(stack().users.crew)]);
  admins = [api.tokens.admin, admin2.idToken];
  crews = [api.tokens.crew, crew2.idToken, ...admins];
});
afterAll(async () => {
  await api?.close();
});

/** One request of a batch: what it sends, and what an accepted answer changes in the model. */
interface Op {
  label: string;
  send(r: Real, m: Model): Promise<GraphQLResponse>;
  accepted(m: Model, data: Record<string, any>): void;
}
/** Prints as its label in fast-check's counterexamples. */
const printable = (o: Op): Op => Object.assign(o, { [fc.toStringMethod]: () => o.label });

const pick = <T>(xs: T[], n: number) => xs[n % xs.length]!;
const recordedIds = (m: Model, n: number) =>
  [...m.payments.keys()].filter((id) => m.payments.get(id)!.status === 'RECORDED')[n] ?? [...m.payments.keys()][n];
const email = fc.constantFrom(...EMAILS);
const client = fc.nat(3);

const op: fc.Arbitrary<Op> = fc
  .oneof(
    fc
      .tuple(email, fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 0, max: 30_000 })), client)
      .map(([e, party, due, c]): Op => ({
        label: `addPatron(${e}, party ${party}, due ${due ?? 'priced'})`,
        send: (r) =>
          api.gql(pick(crews, c), ADD_PATRON, {
            input: { eventId: r.eventId, email: e, name: 'Interleaved', partySize: party, amountDueCents: due },
          }),
        accepted: (m) => void (m.changes += 1),
      })),
    fc
      .tuple(
        email,
        fc.record({
          amountDueCents: fc.option(fc.integer({ min: 0, max: 30_000 })),
          partySize: fc.option(fc.integer({ min: 1, max: 5 })),
          name: fc.option(fc.constantFrom('Ann B', 'Bo C')),
        }),
        client,
      )
      .map(([e, change, c]): Op => ({
        label: `updatePatron(${e}, ${JSON.stringify(change)})`,
        send: (r) =>
          api.gql(pick(crews, c), UPDATE_PATRON, {
            input: { eventId: r.eventId, email: e, ...change, ...(change.name === null ? { name: undefined } : {}) },
          }),
        accepted: (m) => void (m.changes += 1),
      })),
    fc.tuple(email, client).map(([e, c]): Op => ({
      label: `removePatron(${e})`,
      send: (r) => api.gql(pick(admins, c), REMOVE_PATRON, { eventId: r.eventId, email: e }),
      accepted: (m) => void (m.changes += 1),
    })),
    // What the paying screen read: nothing (a script), or a name and start that may be stale by the
    // time the payment lands (a rename or a move racing it): the direct write must refuse those.
    fc
      .tuple(
        email,
        fc.integer({ min: 1, max: 15_000 }),
        client,
        fc.option(
          fc.tuple(
            fc.constantFrom('Interleaved', 'Ann B', 'Bo C'),
            fc.constantFrom(INTERLEAVED_START, '2027-09-02T18:00:00.000Z'),
          ),
        ),
      )
      .map(([e, amountCents, c, read]): Op => ({
        label: `logPayment(${e}, ${amountCents}${read ? `, read ${read.join(' ')}` : ''})`,
        send: (r) =>
          api.gql(pick(crews, c), LOG_PAYMENT, {
            input: {
              idempotencyKey: randomUUID(),
              eventId: r.eventId,
              patronEmail: e,
              amountCents,
              method: 'CASH',
              ...(read ? { patronName: read[0], eventStartsAt: read[1] } : {}),
            },
          }),
        accepted: (m, data) => {
          m.payments.set(data.logPayment.id, { email: e, amountCents, status: 'RECORDED' });
          m.changes += 1;
        },
      })),
    fc.tuple(fc.nat(20), client).map(([n, c]): Op => {
      let id = '';
      return {
        label: `voidPayment(#${n})`,
        send: (r, m) => {
          id = recordedIds(m, n % Math.max(1, m.payments.size)) ?? 'nopayment';
          return api.gql(pick(admins, c), VOID_PAYMENT, {
            eventId: r.eventId,
            paymentId: id,
            reason: 'Interleaved void',
          });
        },
        accepted: (m, data) => {
          expect(data.voidPayment.id).toBe(id);
          m.payments.get(id)!.status = 'VOIDED';
          m.changes += 1;
        },
      };
    }),
    fc.tuple(fc.nat(20), client).map(([n, c]): Op => ({
      label: `notifyPatron(#${n})`,
      send: (r, m) =>
        api.gql(pick(crews, c), NOTIFY, {
          eventId: r.eventId,
          paymentId: recordedIds(m, n % Math.max(1, m.payments.size)) ?? 'nopayment',
        }),
      accepted: (m) => void (m.changes += 1),
    })),
    fc
      .tuple(
        fc.record({
          capacity: fc.option(fc.integer({ min: 1, max: 12 })),
          priceCents: fc.option(fc.integer({ min: 0, max: 9_000 })),
          title: fc.option(fc.constantFrom('Harbor sail', 'Bay sail')),
        }),
        client,
      )
      .map(([change, c]): Op => ({
        label: `updateEvent(${JSON.stringify(change)})`,
        send: (r) =>
          api.gql(pick(admins, c), UPDATE_EVENT, {
            input: {
              id: r.eventId,
              capacity: change.capacity ?? undefined,
              priceCents: change.priceCents ?? undefined,
              title: change.title ?? 'Interleaved sail',
            },
          }),
        accepted: (m) => void (m.changes += 1),
      })),
    // Refunds (of a patron, or of one payment), the sailing cancelled, patrons moved
    // with their payments to another sailing. Totals must stay sums on both events.
    fc
      .tuple(email, fc.integer({ min: 1, max: 12_000 }), fc.option(fc.nat(20)), client)
      .map(([e, amountCents, n, c]): Op => ({
        label: `refundPayment(${e}, ${amountCents}${n === null ? '' : `, of #${n}`})`,
        send: (r, m) =>
          api.gql(pick(admins, c), REFUND, {
            input: {
              idempotencyKey: randomUUID(),
              eventId: r.eventId,
              patronEmail: e,
              amountCents,
              method: 'CARD',
              reason: 'Interleaved refund',
              ...(n === null ? {} : { refundOf: recordedIds(m, n % Math.max(1, m.payments.size)) ?? 'nopayment' }),
            },
          }),
        accepted: (m, data) => {
          m.payments.set(data.refundPayment.id, { email: e, amountCents, status: 'RECORDED' });
          m.changes += 1;
        },
      })),
    fc.tuple(email, client).map(([e, c]): Op => ({
      label: `rebookPatron(${e})`,
      send: (r) => api.gql(pick(admins, c), REBOOK, { eventId: r.eventId, email: e, toEventId: r.otherId }),
      accepted: (m) => {
        for (const p of m.payments.values()) if (p.email === e && p.status === 'RECORDED') p.status = 'MOVED';
        m.changes += 1;
      },
    })),
    client.map((c): Op => ({
      label: 'cancelEvent',
      send: (r) => api.gql(pick(admins, c), CANCEL, { eventId: r.eventId, reason: 'Interleaved squall' }),
      // the cancellation's record, and one per patron notified
      accepted: (m, data) => void (m.changes += 1 + data.cancelEvent.notices.length),
    })),
    // Boarding: a check-in of someone already aboard (or an undo of someone ashore) writes nothing,
    // so these are not counted in `changes`; their audit chains and the count are checked instead.
    fc.tuple(email, fc.constantFrom('patron', 'guest:1', 'guest:2'), client).map(([e, person, c]): Op => ({
      label: `checkIn(${e}, ${person})`,
      send: (r) => api.gql(pick(crews, c), CHECK_IN, { eventId: r.eventId, email: e, person }),
      accepted: () => {},
    })),
    fc.tuple(email, fc.constantFrom('patron', 'guest:1'), client).map(([e, person, c]): Op => ({
      label: `undoCheckIn(${e}, ${person})`,
      send: (r) =>
        api.gql(pick(crews, c), UNDO_CHECK_IN, { eventId: r.eventId, email: e, person, reason: 'Interleaved undo' }),
      accepted: () => {},
    })),
  )
  .map(printable);

const BOARDING_OPERATIONS = ['checkIn', 'undoCheckIn'];

/** Refusals a request in a race may get: it lost (Conflict) or its patron or payment is gone (NotFound). */
const RACE_REFUSALS = ['Conflict', 'NotFound'];

class Batch implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ops: Op[]) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const results = await Promise.all(this.ops.map((o) => o.send(r, m)));
    results.forEach((res, i) => {
      expect(res.status).toBeLessThan(500);
      if (res.errors)
        expect(RACE_REFUSALS, `${this.ops[i]!.label}: ${JSON.stringify(res.errors)}`).toContain(
          res.errors[0]!.errorType,
        );
      else this.ops[i]!.accepted(m, res.data!);
    });
    await holds(m, r);
  }
  toString = () => `[${this.ops.map((o) => o.label).join(' | ')}]`;
}

async function holds(m: Model, r: Real) {
  const items = (await scanAll(api.tableName)).map((i) => unmarshall(i));
  expect(ledgerViolations(items)).toEqual([]);
  expect(rosterViolations(items)).toEqual([]);
  expect(boardingViolations(items)).toEqual([]);
  expect(auditChainViolations(items)).toEqual([]);
  // A payment's retention comes from the start as stored, never from a stale start a client read.
  const keptUntil = Date.parse(INTERLEAVED_START) / 1000 + 7 * 366 * 24 * 60 * 60;
  expect(
    items
      .filter((i) => i.PK === `EVENT#${r.eventId}` && i.type === 'Payment' && i.expiresAt !== keptUntil)
      .map((i) => i.id),
  ).toEqual([]);
  // createEvent wrote the event's first audit record; each accepted change exactly one more.
  expect(
    items.filter((i) => i.type === 'Audit' && i.entity === r.eventId && !BOARDING_OPERATIONS.includes(i.operation)),
  ).toHaveLength(1 + m.changes);
  const page = await api.gql(api.tokens.admin, PAYMENTS_BY_EVENT, { eventId: r.eventId, limit: 100 });
  const stored = Object.fromEntries(
    page.data!.paymentsByEvent.items.map((p: any) => [
      p.id,
      { email: p.patronEmail, amountCents: p.amountCents, status: p.status },
    ]),
  );
  // What was moved onto the other sailing is on it, RECORDED, as often as it left (money is neither lost nor doubled).
  const other = await api.gql(api.tokens.admin, PAYMENTS_BY_EVENT, { eventId: r.otherId, limit: 100 });
  const movedOut = [...m.payments.values()].filter((p) => p.status === 'MOVED').length;
  expect(other.data!.paymentsByEvent.items.filter((p: any) => p.status === 'RECORDED')).toHaveLength(movedOut);
  expect(stored).toEqual(Object.fromEntries(m.payments));
}

let events = 0;
describe('every mutation from several clients at once', () => {
  it('keeps totals, head count, paid amounts and the audit trail exact after every batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        async (batches) => {
          events += 1;
          const created = await api.gql(api.tokens.admin, CREATE_EVENT, {
            input: {
              title: `Interleaved ${events} ${randomUUID().slice(0, 6)}`,
              startsAt: INTERLEAVED_START,
              capacity: 8,
              priceCents: 4_000,
            },
          });
          const other = await api.gql(api.tokens.admin, CREATE_EVENT, {
            input: {
              title: `Rebooked ${events} ${randomUUID().slice(0, 6)}`,
              startsAt: '2027-09-08T18:00:00Z',
              capacity: 4,
              priceCents: 4_000,
            },
          });
          const real = {
            eventId: created.data!.createEvent.id as string,
            otherId: other.data!.createEvent.id as string,
          };
          const model: Model = { payments: new Map(), changes: 0 };
          // A roster to start from, so most payments and edits have a target.
          await new Batch(
            EMAILS.map((e) => ({
              label: `addPatron(${e})`,
              send: (r: Real) =>
                api.gql(api.tokens.crew, ADD_PATRON, {
                  input: { eventId: r.eventId, email: e, name: 'Opening', amountDueCents: 20_000 },
                }),
              accepted: (mm: Model) => void (mm.changes += 1),
            })),
          ).run(model, real);
          // Money on it, so refunds have something to give back and moves something to carry.
          await new Batch(
            EMAILS.map((e) => ({
              label: `logPayment(${e})`,
              send: (r: Real) =>
                api.gql(api.tokens.crew, LOG_PAYMENT, {
                  input: {
                    idempotencyKey: randomUUID(),
                    eventId: r.eventId,
                    patronEmail: e,
                    amountCents: 6_000,
                    method: 'CARD',
                  },
                }),
              accepted: (mm: Model, data: Record<string, any>) => {
                mm.payments.set(data.logPayment.id, { email: e, amountCents: 6_000, status: 'RECORDED' });
                mm.changes += 1;
              },
            })),
          ).run(model, real);
          for (const ops of batches) await new Batch(ops).run(model, real);
        },
      ),
      { seed: SEED, numRuns: NUM_RUNS, interruptAfterTimeLimit: 100_000, markInterruptAsFailure: true },
    );
  }, 150_000);
});
