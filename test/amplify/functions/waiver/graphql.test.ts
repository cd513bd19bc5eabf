import { afterAll, beforeAll, expect, it } from 'vitest';

import { auditPk, eventPk } from '../../../../amplify/data/keys';
import { signWaiverToken } from '../../../../amplify/functions/outreach/link';
import { startAppSync, type LocalAppSync } from '../../../../local/appsync';
import type { Edge } from '../../../../local/edge';
import { signIn, stack } from '../../../support/stack';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  LINK_SECRET,
  queryPrefix,
  seedEvent,
  seedPatron,
  startDistEdge,
  waiverConfig,
  waiverEnvironment,
} from './support/fixtures';

/** Signatures as the dashboard sees them through getEvent, and walk-ups through addPatron/removePatron. */
const EVENT = '2026-05-23-alice-period';

let edge: Edge;
let api: LocalAppSync;

beforeAll(async () => {
  const table = await waiverEnvironment();
  await seedEvent(table, { id: EVENT, rosterCount: 1, headCount: 2, capacity: 6 });
  await seedPatron(table, EVENT, 'alice@example.com');
  edge = await startDistEdge();
  const s = stack();
  api = await startAppSync({
    tableName: table,
    dynamodbEndpoint: s.dynamodbEndpoint,
    region: s.region,
    cognito: { endpoint: s.cognitoEndpoint, userPoolId: s.userPoolId, userPoolClientId: s.userPoolClientId },
    graphiql: false,
    log: () => {},
  });
});
afterAll(async () => {
  await api?.close();
  await edge?.close();
});

async function gql(query: string, variables: Record<string, unknown>) {
  const { idToken } = await signIn(stack().users.admin);
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: idToken },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: { errorType?: string; message: string }[] };
}

async function getEvent() {
  const body = await gql(
    `query($id: ID!) { getEvent(id: $id) {
      event { rosterCount headCount waiversSigned }
      roster { email name partySize balanceCents waiverSignedAt waiverSignedBy waiverMinors waiverPeople }
      walkUps { eventId email name phone partySize waiverSignedAt waiverMinors }
      claims { eventId email claimsName waiverId waiverSignedBy waiverMinors waiverPeople waiverVersion } } }`,
    { id: EVENT },
  );
  expect(body.errors).toBeUndefined();
  return body.data.getEvent;
}

/** The form as anyone can POST it to the public event link. */
const sign = (fields: Record<string, string | string[]>, query = '') =>
  fetch(`${edge.url}/g/${EVENT}/waiver${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(fields, VERSION),
    redirect: 'manual',
  });
/** The form through Alice's personal link, which only she was sent. */
const signAsAlice = (fields: Record<string, string | string[]>) =>
  sign(fields, `?t=${signWaiverToken(LINK_SECRET, EVENT, 'alice@example.com')}`);

const MATCH =
  'mutation($e: ID!, $m: AWSEmail!, $w: ID!) { matchWaiverClaim(eventId: $e, email: $m, waiverId: $w) { email waiverId waiverSignedBy waiverMinors waiverPeople } }';
const ALICE_WITH_BOBBY = { minorName: ['Bobby Period'], minorDateOfBirth: ['2015-09-01'] };
const waivers = async () => queryPrefix(waiverConfig().dynamo.tableName, eventPk(EVENT), 'WAIVER#');

const WALK_UP = {
  name: 'Walk Up',
  signature: 'Walk Up',
  email: 'walk@example.com',
  minorName: ['Kid One', 'Kid Two'],
  minorDateOfBirth: ['2014-01-01', '2016-02-02'],
};

it("attaches a signature through the patron's personal link at once: who signed, for whom, the people covered", async () => {
  expect((await getEvent()).roster[0].waiverSignedAt).toBeNull();
  expect((await signAsAlice(ALICE_WITH_BOBBY)).status).toBe(303);
  const detail = await getEvent();
  expect(detail.event).toEqual({ rosterCount: 1, headCount: 2, waiversSigned: 2 });
  expect(detail.roster).toEqual([
    expect.objectContaining({
      email: 'alice@example.com',
      name: 'Alice Period',
      waiverSignedAt: expect.stringMatching(/^\d{4}-/),
      waiverSignedBy: 'Alice Period',
      waiverMinors: ['Bobby Period'],
      waiverPeople: 2,
    }),
  ]);
  expect(detail.claims).toEqual([]);
});

it("holds an impostor's plain POST under a booked email as a claim: the booking's signature and count unchanged", async () => {
  const [aliceWaiver] = await waivers();
  expect((await sign({ name: 'Mallory Impostor', signature: 'Mallory Impostor' })).status).toBe(303);
  const detail = await getEvent();
  expect(detail.event).toEqual({ rosterCount: 1, headCount: 2, waiversSigned: 2 });
  expect(detail.roster).toEqual([
    expect.objectContaining({ waiverSignedBy: 'Alice Period', waiverMinors: ['Bobby Period'], waiverPeople: 2 }),
  ]);
  const stored = await waivers();
  expect(stored).toHaveLength(2);
  const mallory = stored.find((w) => w.name === 'Mallory Impostor')!;
  expect(detail.claims).toEqual([
    {
      eventId: EVENT,
      email: 'alice@example.com',
      claimsName: 'Alice Period',
      waiverId: mallory.id,
      waiverSignedBy: 'Mallory Impostor',
      waiverMinors: [],
      waiverPeople: 1,
      waiverVersion: VERSION,
    },
  ]);
  // The record Alice signed is as she signed it.
  expect(stored.find((w) => w.id === aliceWaiver!.id)).toEqual(aliceWaiver);
});

it('attaches a claim when staff match it, audited, once; the history keeps every signature', async () => {
  // Alice signs again from the public link (a new phone, Bobby still with her): held like any other.
  expect((await sign({ phone: '+1 555 010 0300', ...ALICE_WITH_BOBBY })).status).toBe(303);
  const claims = (await getEvent()).claims as { waiverId: string; waiverSignedBy: string }[];
  const hers = claims.find((c) => c.waiverSignedBy === 'Alice Period')!;
  const matched = await gql(MATCH, { e: EVENT, m: 'alice@example.com', w: hers.waiverId });
  expect(matched.errors).toBeUndefined();
  expect(matched.data.matchWaiverClaim).toEqual({
    email: 'alice@example.com',
    waiverId: hers.waiverId,
    waiverSignedBy: 'Alice Period',
    waiverMinors: ['Bobby Period'],
    waiverPeople: 2,
  });
  const detail = await getEvent();
  expect(detail.event).toEqual({ rosterCount: 1, headCount: 2, waiversSigned: 2 });
  expect(detail.claims.map((c: { waiverSignedBy: string }) => c.waiverSignedBy)).toEqual(['Mallory Impostor']);
  const again = await gql(MATCH, { e: EVENT, m: 'alice@example.com', w: hers.waiverId });
  expect(again.errors?.[0]?.errorType).toBe('Conflict');
  expect((await waivers()).map((w) => w.name).sort()).toEqual(['Alice Period', 'Alice Period', 'Mallory Impostor']);
  const audits = await queryPrefix(waiverConfig().dynamo.tableName, auditPk(EVENT), '2');
  expect(audits.filter((a) => a.operation === 'matchWaiverClaim')).toEqual([
    expect.objectContaining({
      actor: stack().users.admin,
      before: expect.objectContaining({ waiverPeople: 2 }),
      after: expect.objectContaining({ waiverId: hers.waiverId }),
    }),
  ]);
});

it('refuses to match a claim on a booking it does not name, or one that does not exist', async () => {
  const [mallory] = (await getEvent()).claims as { waiverId: string }[];
  const elsewhere = await gql(MATCH, { e: EVENT, m: 'walk@example.com', w: mallory!.waiverId });
  expect(elsewhere.errors?.[0]?.errorType).toBe('NotFound');
  const none = await gql(MATCH, { e: EVENT, m: 'alice@example.com', w: '00000000-0000-4000-8000-000000000000' });
  expect(none.errors?.[0]?.errorType).toBe('NotFound');
  expect((await getEvent()).event).toEqual({ rosterCount: 1, headCount: 2, waiversSigned: 2 });
});

it('lists a signer who is not booked as a walk-up with their party, not on the roster and owing nothing', async () => {
  expect((await sign(WALK_UP)).status).toBe(303);
  const detail = await getEvent();
  expect(detail.event).toEqual({ rosterCount: 1, headCount: 2, waiversSigned: 2 });
  expect(detail.roster.map((r: { email: string }) => r.email)).toEqual(['alice@example.com']);
  expect(detail.walkUps).toEqual([
    {
      eventId: EVENT,
      email: 'walk@example.com',
      name: 'Walk Up',
      phone: '+1 555 010 0199',
      partySize: 3,
      waiverSignedAt: expect.any(String),
      waiverMinors: ['Kid One', 'Kid Two'],
    },
  ]);
});

it('refuses to add a walk-up whose party does not fit, leaving them a walk-up', async () => {
  const body = await gql('mutation($input: AddPatronInput!) { addPatron(input: $input) { email } }', {
    input: { eventId: EVENT, email: 'walk@example.com', name: 'Walk Up', partySize: 5 },
  });
  expect(body.errors?.[0]?.errorType).toBe('Conflict');
  const detail = await getEvent();
  expect(detail.walkUps).toHaveLength(1);
  expect(detail.event).toEqual({ rosterCount: 1, headCount: 2, waiversSigned: 2 });
});

it('brings the walk-up’s waiver onto the roster entry when crew add them, counted once, owing the price', async () => {
  const body = await gql(
    'mutation($input: AddPatronInput!) { addPatron(input: $input) { email partySize balanceCents waiverSignedBy waiverPeople waiverSignedAt } }',
    { input: { eventId: EVENT, email: 'WALK@example.com', name: 'Walk Up', partySize: 3 } },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.addPatron).toMatchObject({
    email: 'walk@example.com',
    partySize: 3,
    balanceCents: 15000,
    waiverSignedBy: 'Walk Up',
    waiverPeople: 3,
  });
  const detail = await getEvent();
  expect(detail.walkUps).toEqual([]);
  expect(detail.event).toEqual({ rosterCount: 2, headCount: 5, waiversSigned: 5 });
});

it('turns a removed patron’s signature back into a walk-up, and the count drops by the people it covered', async () => {
  const body = await gql('mutation($e: ID!, $m: AWSEmail!) { removePatron(eventId: $e, email: $m) { email } }', {
    e: EVENT,
    m: 'walk@example.com',
  });
  expect(body.errors).toBeUndefined();
  const detail = await getEvent();
  expect(detail.event).toEqual({ rosterCount: 1, headCount: 2, waiversSigned: 2 });
  expect(detail.walkUps).toEqual([
    expect.objectContaining({ email: 'walk@example.com', partySize: 3, waiverMinors: ['Kid One', 'Kid Two'] }),
  ]);
});

it('writes one audit-record shape from the waiver Lambda and the resolvers: the same attributes, images without keys', async () => {
  const audits = await queryPrefix(waiverConfig().dynamo.tableName, auditPk(EVENT), '2');
  const signed = audits.filter((a) => a.operation === 'signWaiver');
  const byResolver = audits.filter((a) => a.operation !== 'signWaiver');
  // Alice's signature (her roster entry before and after) and crew's addPatron (the walk-up before, the entry after).
  const bothImages = (a: Record<string, any>) => a.before != null && a.after != null;
  const waiverRecord = signed.find(bothImages)!;
  const resolverRecord = byResolver.find((a) => a.operation === 'addPatron' && bothImages(a))!;
  expect(Object.keys(waiverRecord).sort()).toEqual(Object.keys(resolverRecord).sort());
  // GSI1PK/GSI1SK: the patron's trail, on every record about a patron.
  expect(Object.keys(resolverRecord).sort()).toEqual([
    'GSI1PK',
    'GSI1SK',
    'PK',
    'SK',
    'actor',
    'after',
    'at',
    'before',
    'entity',
    'id',
    'operation',
    'type',
  ]);
  expect(waiverRecord).toMatchObject({
    type: 'Audit',
    entity: EVENT,
    operation: 'signWaiver',
    actor: 'waiver:alice@example.com',
  });
  expect(resolverRecord).toMatchObject({ type: 'Audit', entity: EVENT, actor: stack().users.admin });
  // A walk-up's first signature had nothing before it: left out, as a createEvent's is.
  const first = signed.find((a) => !bothImages(a));
  expect(first).toBeDefined();
  expect(first).not.toHaveProperty('before');
  for (const a of audits) {
    expect(a.SK).toBe(`${a.at}#${a.id}`);
    expect(a.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    for (const image of [a.before, a.after].filter(Boolean))
      expect(Object.keys(image).filter((k) => k === 'PK' || k === 'SK' || k.startsWith('GSI'))).toEqual([]);
  }
  // Alice's own, Mallory's claim, Alice's claim and the walk-up's.
  expect(signed).toHaveLength(4);
  expect(byResolver.map((a) => a.operation)).toEqual(expect.arrayContaining(['addPatron', 'removePatron']));
});

it('walk-ups with ten minors each on a capacity-5 event cannot be removed into a negative head count or make room for 16', async () => {
  const id = '2026-05-24-capacity-five';
  const table = waiverConfig().dynamo.tableName;
  await seedEvent(table, { id, capacity: 5 });
  const minors = {
    minorName: Array.from({ length: 10 }, (_, i) => `Kid ${i}`),
    minorDateOfBirth: Array.from({ length: 10 }, () => '2016-01-01'),
  };
  for (let i = 0; i < 6; i++) {
    const res = await fetch(`${edge.url}/g/${id}/waiver`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody({ name: `Anon ${i}`, signature: `Anon ${i}`, email: `anon${i}@example.com`, ...minors }, VERSION),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
  }
  const removed = await gql('mutation($e: ID!, $m: AWSEmail!) { removePatron(eventId: $e, email: $m) { email } }', {
    e: id,
    m: 'anon0@example.com',
  });
  expect(removed.errors?.[0]?.errorType).toBe('NotFound');
  const sixteen = await gql('mutation($input: AddPatronInput!) { addPatron(input: $input) { email } }', {
    input: { eventId: id, email: 'big@example.com', name: 'Big Party', partySize: 16 },
  });
  expect(sixteen.errors?.[0]?.errorType).toBe('Conflict');
  const detail = (
    await gql(
      'query($id: ID!) { getEvent(id: $id) { event { capacity rosterCount headCount waiversSigned } walkUps { partySize } } }',
      { id },
    )
  ).data.getEvent;
  expect(detail.event).toEqual({ capacity: 5, rosterCount: 0, headCount: 0, waiversSigned: 0 });
  expect(detail.walkUps.map((w: { partySize: number }) => w.partySize)).toEqual([11, 11, 11, 11, 11, 11]);
});

it('counts each waiver for at most the party booked, through signing, adding, resizing and removing', async () => {
  const id = '2026-05-25-covered-of-booked';
  await seedEvent(waiverConfig().dynamo.tableName, { id, capacity: 20 });
  // Each through their own personal link, so a booked patron's signature attaches at once.
  const post = (email: string, name: string, minors: number) =>
    fetch(`${edge.url}/g/${id}/waiver?t=${signWaiverToken(LINK_SECRET, id, email)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody(
        {
          name,
          signature: name,
          email,
          minorName: Array.from({ length: minors }, (_, i) => `Kid ${i}`),
          minorDateOfBirth: Array.from({ length: minors }, () => '2016-01-01'),
        },
        VERSION,
      ),
      redirect: 'manual',
    });
  const mutate = async (query: string, variables: Record<string, unknown>) =>
    expect((await gql(query, variables)).errors).toBeUndefined();
  const add = (email: string, partySize: number) =>
    mutate('mutation($input: AddPatronInput!) { addPatron(input: $input) { email } }', {
      input: { eventId: id, email, name: email, partySize },
    });
  const resize = (email: string, partySize: number) =>
    mutate('mutation($input: UpdatePatronInput!) { updatePatron(input: $input) { email } }', {
      input: { eventId: id, email, partySize },
    });
  const counts = async () =>
    (await gql('query($id: ID!) { getEvent(id: $id) { event { headCount waiversSigned } } }', { id })).data.getEvent
      .event;

  await add('pat@example.com', 1);
  expect((await post('pat@example.com', 'Pat', 3)).status).toBe(303);
  expect((await post('walk@example.com', 'Walk Up', 10)).status).toBe(303);
  await add('walk@example.com', 1);
  expect(await counts()).toEqual({ headCount: 2, waiversSigned: 2 });
  await add('five@example.com', 5);
  expect((await post('five@example.com', 'Five', 0)).status).toBe(303);
  expect(await counts()).toEqual({ headCount: 7, waiversSigned: 3 });
  // Crew fix Pat's party: the waiver already signed now counts for all four, then for two.
  await resize('pat@example.com', 4);
  expect(await counts()).toEqual({ headCount: 10, waiversSigned: 6 });
  await resize('pat@example.com', 2);
  expect(await counts()).toEqual({ headCount: 8, waiversSigned: 4 });
  expect((await post('pat@example.com', 'Pat', 0)).status).toBe(303);
  expect(await counts()).toEqual({ headCount: 8, waiversSigned: 3 });
  await mutate('mutation($e: ID!, $m: AWSEmail!) { removePatron(eventId: $e, email: $m) { email } }', {
    e: id,
    m: 'walk@example.com',
  });
  expect(await counts()).toEqual({ headCount: 7, waiversSigned: 2 });
});
