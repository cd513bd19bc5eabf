import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edge } from '../../local/edge';
import {
  ADD_PATRON,
  CREATE_EVENT,
  REMOVE_PATRON,
  startApi,
  UPDATE_PATRON,
  type Api,
  type GraphQLResponse,
} from '../api/support/harness';
import { CHECK_IN, UNDO_CHECK_IN, waiverSigning } from '../api/support/boarding';
import { CANCEL, REBOOK } from '../api/support/refunds';
import { scanAll, signIn, stack } from '../support/stack';
import { aboardTwice, boardingViolations } from './support/boarding';

/**
 * Boarding under every interleaving, as the money path is tested (interleavings.test.ts): random
 * batches of 2-4 requests sent at the same moment by several signed-in clients, over two small
 * sailings, of every mutation that changes who is aboard or who belongs to a sailing: checkIn,
 * undoCheckIn, addPatron (a walk-up booked among them), updatePatron (party sizes up and down),
 * removePatron, rebookPatron (both ways), cancelEvent and walk-up signing through the waiver page.
 * After every batch the invariants are recomputed from the raw table (./boarding.ts): each person
 * standing checked in belongs to a party of that sailing, checkedIn counts them, aboard <= capacity,
 * places booked plus walk-ups aboard <= capacity, nobody aboard two sailings, and a cancelled
 * sailing's notices reached exactly the patrons booked on it. A request may lose a race (Conflict)
 * or find its target gone (NotFound), never anything else. Reproduce a failure with
 * SCC_BOARDING_SEED=<seed>; time-bounded for CI on 2 cores.
 */
const SEED = Number(process.env.SCC_BOARDING_SEED ?? 23_2026);
const NUM_RUNS = Number(process.env.SCC_BOARDING_RUNS ?? 6);
const TIME_LIMIT_MS = Number(process.env.SCC_BOARDING_TIME_MS ?? 45_000);
const BOOKED = ['ann', 'bo', 'cy'];
const WALKING = ['wes', 'wren'];
const PEOPLE = ['patron', 'minor:Kid', 'guest:1', 'guest:2'];

interface Real {
  /** this run's two sailings, and its emails (new each run, so runs never share a person) */
  events: [string, string];
  email(name: string): string;
  /** the notices each accepted cancellation reported, by sailing */
  cancelled: Map<string, { notices: string[]; unnotified: number }>;
}

let api: Api;
let edge: Edge;
let sign: (eventId: string, email: string, name: string, minors?: string[]) => Promise<void>;
let admins: string[];
let crews: string[];
beforeAll(async () => {
  api = await startApi();
  ({ edge, sign } = await waiverSigning(api));
  const [admin2, crew2] = await Promise.all([signIn(stack().users.admin), signIn(stack().users.crew)]);
  admins = [api.tokens.admin, admin2.idToken];
  crews = [api.tokens.crew, crew2.idToken, ...admins];
});
afterAll(async () => {
  await edge?.close();
  await api?.close();
});

interface Op {
  label: string;
  send(r: Real): Promise<GraphQLResponse>;
  accepted?(r: Real, data: Record<string, any>): void;
}
const printable = (o: Op): Op => Object.assign(o, { [fc.toStringMethod]: () => o.label });
const pick = <T>(xs: T[], n: number) => xs[n % xs.length]!;
const client = fc.nat(3);
const sailing = fc.constantFrom(0, 1);
const anyone = fc.constantFrom(...BOOKED, ...WALKING);

/** A signature through the waiver page answers 303; anything else is reported as the API would refuse it. */
async function signing(eventId: string, email: string, minors: string[]): Promise<GraphQLResponse> {
  try {
    await sign(eventId, email, 'Walk Up', minors);
    return { status: 200, data: {} } as GraphQLResponse;
  } catch (err) {
    // Over a party with people aboard (409), or on a cancelled sailing (410): the API's Conflict.
    if (/: 40[9] |: 410 /.test(String(err)))
      return {
        status: 200,
        data: null,
        errors: [{ message: String(err), errorType: 'Conflict' }],
      } as unknown as GraphQLResponse;
    throw err;
  }
}

const op: fc.Arbitrary<Op> = fc
  .oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(sailing, anyone, fc.constantFrom(...PEOPLE), client).map(([s, who, person, c]): Op => ({
        label: `checkIn(${s}, ${who}, ${person})`,
        send: (r) => api.gql(pick(crews, c), CHECK_IN, { eventId: r.events[s], email: r.email(who), person }),
      })),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(sailing, anyone, fc.constantFrom(...PEOPLE), client).map(([s, who, person, c]): Op => ({
        label: `undoCheckIn(${s}, ${who}, ${person})`,
        send: (r) =>
          api.gql(pick(crews, c), UNDO_CHECK_IN, {
            eventId: r.events[s],
            email: r.email(who),
            person,
            reason: 'Interleaved undo',
          }),
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(sailing, anyone, fc.integer({ min: 1, max: 3 }), client).map(([s, who, party, c]): Op => ({
        label: `addPatron(${s}, ${who}, party ${party})`,
        send: (r) =>
          api.gql(pick(crews, c), ADD_PATRON, {
            input: { eventId: r.events[s], email: r.email(who), name: 'Interleaved', partySize: party },
          }),
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(sailing, anyone, fc.integer({ min: 1, max: 3 }), client).map(([s, who, party, c]): Op => ({
        label: `updatePatron(${s}, ${who}, party ${party})`,
        send: (r) =>
          api.gql(pick(crews, c), UPDATE_PATRON, {
            input: { eventId: r.events[s], email: r.email(who), partySize: party },
          }),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(sailing, anyone, client).map(([s, who, c]): Op => ({
        label: `removePatron(${s}, ${who})`,
        send: (r) => api.gql(pick(admins, c), REMOVE_PATRON, { eventId: r.events[s], email: r.email(who) }),
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(sailing, anyone, client).map(([s, who, c]): Op => ({
        label: `rebookPatron(${s} → ${1 - s}, ${who})`,
        send: (r) =>
          api.gql(pick(admins, c), REBOOK, { eventId: r.events[s], email: r.email(who), toEventId: r.events[1 - s] }),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(sailing, client).map(([s, c]): Op => ({
        label: `cancelEvent(${s})`,
        send: (r) => api.gql(pick(admins, c), CANCEL, { eventId: r.events[s], reason: 'Interleaved squall' }),
        accepted: (r, data) =>
          void r.cancelled.set(r.events[s], {
            notices: data.cancelEvent.notices
              .filter((n: { status: string }) => n.status === 'SENT')
              .map((n: { email: string }) => n.email),
            unnotified: data.cancelEvent.unnotified,
          }),
      })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(sailing, fc.constantFrom(...WALKING, ...BOOKED), fc.boolean()).map(([s, who, minor]): Op => ({
        label: `sign(${s}, ${who}${minor ? ', with Kid' : ''})`,
        send: (r) => signing(r.events[s], r.email(who), minor ? ['Kid'] : []),
      })),
    },
  )
  .map(printable);

/** Refusals a request in a race may get: it lost (Conflict) or its patron or person is gone (NotFound). */
const RACE_REFUSALS = ['Conflict', 'NotFound'];

class Batch implements fc.AsyncCommand<object, Real> {
  constructor(readonly ops: Op[]) {}
  check = () => true;
  async run(_m: object, r: Real) {
    const results = await Promise.all(this.ops.map((o) => o.send(r)));
    results.forEach((res, i) => {
      expect(res.status).toBeLessThan(500);
      if (res.errors)
        expect(RACE_REFUSALS, `${this.ops[i]!.label}: ${JSON.stringify(res.errors)}`).toContain(
          res.errors[0]!.errorType,
        );
      else this.ops[i]!.accepted?.(r, res.data!);
    });
    await holds(r);
  }
  toString = () => `[${this.ops.map((o) => o.label).join(' | ')}]`;
}

async function holds(r: Real) {
  const items = (await scanAll(api.tableName)).map((i) => unmarshall(i));
  expect(boardingViolations(items)).toEqual([]);
  expect(aboardTwice(items, r.events)).toEqual([]);
  // A cancellation's notices are exact: each patron booked on the cancelled sailing now was told
  // (or counted as waiting), however the roster changed while it was being cancelled.
  for (const [eventId, { notices, unnotified }] of r.cancelled) {
    const booked = items
      .filter((i) => i.PK === `EVENT#${eventId}` && i.type === 'RosterEntry' && i.status !== 'MOVED')
      .map((i) => i.email as string);
    const untold = booked.filter((e) => !notices.includes(e));
    expect(
      unnotified,
      `${eventId}: booked ${booked.join(', ')}; told ${notices.join(', ')}; reported ${unnotified} waiting`,
    ).toBe(untold.length);
  }
}

let runs = 0;
describe('boarding under concurrent roster changes, check-ins and walk-ups', () => {
  it('keeps every check-in counted, belonging to its sailing, and within capacity after every batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 8 }),
        async (batches) => {
          runs += 1;
          const tag = `${runs}-${randomUUID().slice(0, 6)}`;
          const created = await Promise.all(
            [0, 1].map((s) =>
              api.gql(api.tokens.admin, CREATE_EVENT, {
                input: {
                  title: `Boarding model ${tag} ${s}`,
                  startsAt: `2037-08-0${s + 1}T18:00:00Z`,
                  capacity: 6,
                  priceCents: 0,
                },
              }),
            ),
          );
          const real: Real = {
            events: [created[0]!.data!.createEvent.id, created[1]!.data!.createEvent.id],
            email: (name) => `${name}.${tag}@example.com`,
            cancelled: new Map(),
          };
          // Two booked parties and a walk-up on each sailing to start from, Ann with a minor.
          for (const s of [0, 1] as const) {
            for (const [who, party] of [
              ['ann', 2],
              ['bo', 1],
            ] as const) {
              const res = await api.gql(api.tokens.crew, ADD_PATRON, {
                input: { eventId: real.events[s], email: real.email(who), name: 'Opening', partySize: party },
              });
              expect(res.errors).toBeUndefined();
            }
            await sign(real.events[s], real.email('ann'), 'Ann', ['Kid']);
            await sign(real.events[s], real.email('wes'), 'Wes', ['Kid']);
          }
          for (const ops of batches) await new Batch(ops).run({}, real);
        },
      ),
      { seed: SEED, numRuns: NUM_RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
  }, 120_000);
});
