import fc from 'fast-check';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventPk } from '../../amplify/data/keys';
import { ADD_PATRON, CREATE_EVENT, startApi, type Api, type GraphQLResponse } from '../api/support/harness';
import type { Edge } from '../../local/edge';
import { dynamoClient, stack } from '../support/stack';
import { signWaiverToken } from '../../amplify/functions/outreach/link';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  LINK_SECRET,
  SECRET,
  startDistEdge,
} from '../amplify/functions/waiver/support/fixtures';

/**
 * Waiver POSTs through the edge mixed with addPatron / updatePatron / removePatron through the API,
 * run as concurrent batches on one small event (fast-check picks the batches). After every batch,
 * what the table holds must satisfy the roster's invariants whatever the interleaving was:
 * - head count == sum of party sizes on the roster (minors included) <= capacity;
 * - rosterCount == number of roster entries; no count is negative;
 * - waiversSigned == people covered (signer + minors) by the waivers linked to roster entries, each
 *   counted for at most its entry's party, and each link is to a stored waiver of that
 *   email covering exactly that many people;
 * - a walk-up never sits beside a roster entry of the same email, and every signer's signature is
 *   linked somewhere (roster entry or walk-up) or held as a claim on a booking: none is lost;
 * - a signature held as a claim (the public link under a booked email) is on no booking.
 * Reproduce a failure with SCC_PROPERTY_SEED=<seed>.
 */
const SEED = Number(process.env.SCC_PROPERTY_SEED ?? 11_2026);
const NUM_RUNS = Number(process.env.SCC_PROPERTY_RUNS ?? 12);
const CAPACITY = 6;
const EMAILS = ['ann@example.com', 'bo@example.com', 'cy@example.com'];
const UPDATE_PATRON = `mutation($input: UpdatePatronInput!) { updatePatron(input: $input) { email } }`;
const REMOVE_PATRON = `mutation($eventId: ID!, $email: AWSEmail!) { removePatron(eventId: $eventId, email: $email) { email } }`;

type Command =
  | { kind: 'sign'; who: number; minors: number; resubmit: boolean; personal: boolean }
  | { kind: 'add'; who: number; partySize: number }
  | { kind: 'update'; who: number; partySize: number }
  | { kind: 'remove'; who: number };

const who = fc.integer({ min: 0, max: EMAILS.length - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('sign' as const),
    who,
    minors: fc.integer({ min: 0, max: 4 }),
    resubmit: fc.boolean(),
    personal: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('add' as const), who, partySize: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('update' as const), who, partySize: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('remove' as const), who }),
);

let api: Api;
let edge: Edge;
let events = 0;

beforeAll(async () => {
  api = await startApi();
  Object.assign(process.env, {
    TABLE_NAME: api.tableName,
    AWS_REGION: stack().region,
    // The waiver Lambda (configured from this environment) as its IAM role.
    DYNAMODB_ENDPOINT: api.iam.endpoint('waiver', 'dynamodb'),
    ORIGIN_VERIFY_SECRET: SECRET,
    WAIVER_LINK_SECRET: LINK_SECRET,
  });
  edge = await startDistEdge();
});
afterAll(async () => {
  await edge?.close();
  await api?.close();
});

/** A refusal the contract allows for a mutation racing others: typed, and never a server error. */
function expectCleanAnswer(res: GraphQLResponse, allowed: string[]) {
  expect(res.status).toBeLessThan(500);
  for (const e of res.errors ?? []) expect(allowed, JSON.stringify(e)).toContain(e.errorType);
}

async function run(eventId: string, c: Command, signed: Map<string, Set<string>>) {
  const email = EMAILS[c.who]!;
  if (c.kind === 'sign') {
    const minors = {
      minorName: Array.from({ length: c.minors }, (_, i) => `Kid ${i + 1}`),
      minorDateOfBirth: Array.from({ length: c.minors }, () => '2017-07-07'),
    };
    const body = formBody({ email, name: `Signer ${c.who}`, signature: `Signer ${c.who}`, ...minors }, VERSION);
    const link = c.personal ? `?t=${signWaiverToken(LINK_SECRET, eventId, email)}` : '';
    const post = () =>
      fetch(`${edge.url}/g/${eventId}/waiver${link}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    const answers = await Promise.all(c.resubmit ? [post(), post()] : [post()]);
    for (const res of answers) expect(res.status, await res.text()).toBe(303);
    const ids = new Set(answers.map((r) => new URL(r.headers.get('location')!, edge.url).searchParams.get('signed')!));
    expect(ids.size).toBe(1);
    if (!signed.has(email)) signed.set(email, new Set());
    signed.get(email)!.add([...ids][0]!);
  } else if (c.kind === 'add') {
    expectCleanAnswer(
      await api.gql(api.tokens.crew, ADD_PATRON, {
        input: { eventId, email, name: `Patron ${c.who}`, partySize: c.partySize },
      }),
      ['Conflict'],
    );
  } else if (c.kind === 'update') {
    expectCleanAnswer(
      await api.gql(api.tokens.crew, UPDATE_PATRON, { input: { eventId, email, partySize: c.partySize } }),
      ['Conflict', 'NotFound'],
    );
  } else {
    expectCleanAnswer(await api.gql(api.tokens.admin, REMOVE_PATRON, { eventId, email }), ['Conflict', 'NotFound']);
  }
}

async function partition(eventId: string): Promise<Record<string, any>[]> {
  const out = await dynamoClient().send(
    new QueryCommand({
      TableName: api.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: eventPk(eventId) } },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((i) => unmarshall(i));
}

async function expectInvariants(eventId: string, signed: Map<string, Set<string>>) {
  const items = await partition(eventId);
  const event = items.find((i) => i.SK === 'EVENT')!;
  const roster = items.filter((i) => i.SK.startsWith('PATRON#'));
  const walkUps = items.filter((i) => i.SK.startsWith('GUEST#'));
  const claims = items.filter((i) => i.SK.startsWith('HELD#'));
  const waivers = new Map(items.filter((i) => i.SK.startsWith('WAIVER#')).map((w) => [w.id as string, w]));

  const heads = roster.reduce((s, r) => s + r.partySize, 0);
  expect(event.headCount).toBe(heads);
  expect(event.headCount).toBeLessThanOrEqual(CAPACITY);
  expect(event.rosterCount).toBe(roster.length);
  for (const n of [event.headCount, event.rosterCount, event.waiversSigned]) expect(n).toBeGreaterThanOrEqual(0);

  let covered = 0;
  for (const party of [...roster, ...walkUps, ...claims]) {
    if (!party.waiverId) continue;
    const waiver = waivers.get(party.waiverId);
    expect(waiver, `${party.SK} links to a stored waiver`).toBeDefined();
    expect(waiver!.email).toBe(party.email);
    expect(party.waiverPeople).toBe(1 + waiver!.minors.length);
    if (party.SK.startsWith('PATRON#')) covered += Math.min(party.waiverPeople, party.partySize);
  }
  expect(event.waiversSigned).toBe(covered);
  // Nobody matches claims here: a held signature is on no booking, and every claim is still HELD.
  for (const c of claims) {
    expect(c.status).toBe('HELD');
    expect(
      roster.some((r) => r.waiverId === c.waiverId),
      `${c.email}'s held signature attached itself`,
    ).toBe(false);
  }

  const booked = new Set(roster.map((r) => r.email));
  for (const w of walkUps) expect(booked.has(w.email), `${w.email} is both booked and a walk-up`).toBe(false);
  for (const email of signed.keys()) {
    const linked = [...roster, ...walkUps, ...claims].find((p) => p.email === email && p.waiverId);
    expect(linked, `${email}'s signature is linked somewhere or held`).toBeDefined();
  }
}

describe('waiver POSTs interleaved with roster mutations', () => {
  it('keep head count, capacity, waiver counts and links true after every concurrent batch', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(command, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        async (batches) => {
          const starts = new Date(Date.now() + 30 * 86_400_000).toISOString();
          const created = await api.gql(api.tokens.admin, CREATE_EVENT, {
            input: {
              id: `2030-01-01-interleave-${++events}`,
              title: 'Interleave',
              startsAt: starts,
              capacity: CAPACITY,
              priceCents: 1000,
            },
          });
          expect(created.errors).toBeUndefined();
          const eventId = created.data!.createEvent.id as string;
          const signed = new Map<string, Set<string>>();
          for (const batch of batches) {
            await Promise.all(batch.map((c) => run(eventId, c, signed)));
            await expectInvariants(eventId, signed);
          }
        },
      ),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  }, 300_000);
});
