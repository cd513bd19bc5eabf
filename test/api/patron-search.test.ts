import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctx, run } from '../amplify/data/resolvers/support/context';
import { dynamoClient } from '../support/stack';
import {
  ADD_PATRON,
  CREATE_EVENT,
  REMOVE_PATRON,
  ROSTER_FIELDS,
  startApi,
  UPDATE_PATRON,
  type Api,
} from './support/harness';

/** Find a patron by name, email or phone, across events, in one request. */
let api: Api;
let morning: string;
let evening: string;
const FIND = `query($query: String!, $limit: Int, $nextToken: String) {
  findPatrons(query: $query, limit: $limit, nextToken: $nextToken) { items { ${ROSTER_FIELDS} } nextToken } }`;

async function event(title: string) {
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title, startsAt: '2037-06-20T18:00:00Z', capacity: 50, priceCents: 5_000 },
  });
  if (ev.errors) throw new Error(JSON.stringify(ev.errors));
  return ev.data!.createEvent.id as string;
}
async function add(eventId: string, email: string, name: string, phone?: string) {
  const p = await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email, name, phone } });
  if (p.errors) throw new Error(JSON.stringify(p.errors));
}
async function find(query: string, token = api.tokens.crew, extra: Record<string, unknown> = {}) {
  return api.gql(token, FIND, { query, ...extra });
}
const found = async (query: string) => {
  const res = await find(query);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res
    .data!.findPatrons.items.map(
      (e: { eventId: string; email: string }) => `${e.eventId === morning ? 'morning' : 'evening'} ${e.email}`,
    )
    .sort();
};

beforeAll(async () => {
  api = await startApi();
  morning = await event('Morning whales');
  evening = await event('Sunset cruise');
  await add(morning, 'Ann.Smith@Example.com', 'Ann Smith', '+1 (619) 555-0142');
  await add(evening, 'ann.smith@example.com', 'Ann Smith', '619.555.0142');
  await add(morning, 'annabel@example.com', 'Annabel Lee');
  await add(evening, 'bob@example.com', 'Bob Annan', '858-555-0199');
  await add(evening, 'emile@example.com', 'Émile  Zola');
  await add(evening, 'pat@example.com', '🐳 Pat');
});
afterAll(async () => {
  await api?.close();
});

describe('findPatrons', () => {
  it('finds roster entries across events by the start of the name, whatever the case', async () => {
    expect(await found('ann')).toEqual([
      'evening ann.smith@example.com',
      'morning ann.smith@example.com',
      'morning annabel@example.com',
    ]);
    expect(await found('ANN SM')).toEqual(['evening ann.smith@example.com', 'morning ann.smith@example.com']);
    expect(await found('smith')).toEqual([]);
  });

  it.each([
    ['Ann', 'GSI4', 'NAME#a', 'ann'],
    ['Ann@Example.com', 'GSI5', 'EMAIL#a', 'ann@example.com'],
    ['(619) 555-0142', 'GSI6', 'PHONE#2', '2410555916'],
  ])('reads "%s" with one Query on %s, never a Scan', async (query, index, pk, prefix) => {
    const out = await run('findPatrons.ts', 'request', ctx('findPatrons', { arguments: { query } }));
    expect(out.value).toMatchObject({
      operation: 'Query',
      index,
      query: {
        expression: `(#${index}PK = :${index}PK_eq) AND (begins_with(#${index}SK,:${index}SK_beginsWith))`,
        expressionValues: { [`:${index}PK_eq`]: { S: pk }, [`:${index}SK_beginsWith`]: { S: prefix } },
      },
    });
  });

  it('finds names that start with an accent or an emoji, and names written with extra spaces', async () => {
    expect(await found('ÉMILE ZO')).toEqual(['evening emile@example.com']);
    expect(await found('🐳')).toEqual(['evening pat@example.com']);
    expect(await found('🐳 p')).toEqual(['evening pat@example.com']);
  });

  it('answers each match as the roster entry it is', async () => {
    const res = await find('Bob');
    expect(res.data!.findPatrons.items).toEqual([
      expect.objectContaining({
        eventId: evening,
        email: 'bob@example.com',
        name: 'Bob Annan',
        phone: '858-555-0199',
        partySize: 1,
        amountDueCents: 5_000,
        balanceCents: 5_000,
      }),
    ]);
  });

  it('finds by email (any case) when the query has an @', async () => {
    expect(await found('ANN.SMITH@example.com')).toEqual([
      'evening ann.smith@example.com',
      'morning ann.smith@example.com',
    ]);
    expect(await found('annabel@')).toEqual(['morning annabel@example.com']);
    expect(await found('nobody@example.com')).toEqual([]);
  });

  it("finds by a phone's digits however it was written, matching how the number ends", async () => {
    expect(await found('619 555 0142')).toEqual(['evening ann.smith@example.com', 'morning ann.smith@example.com']);
    expect(await found('6195550142')).toEqual(['evening ann.smith@example.com', 'morning ann.smith@example.com']);
    // A country code in the query must be in the number as written: it matches the end, not the middle.
    expect(await found('+1 619 555 0142')).toEqual(['morning ann.smith@example.com']);
    expect(await found('0199')).toEqual(['evening bob@example.com']);
    expect(await found('555')).toEqual([]);
  });

  it('pages with signed tokens that only this search accepts', async () => {
    const first = await find('ann', api.tokens.crew, { limit: 2 });
    expect(first.data!.findPatrons.items).toHaveLength(2);
    const token = first.data!.findPatrons.nextToken as string;
    expect(token).toEqual(expect.any(String));
    const rest = await find('ann', api.tokens.crew, { limit: 2, nextToken: token });
    const all = [...first.data!.findPatrons.items, ...rest.data!.findPatrons.items].map(
      (e: { eventId: string; email: string }) => e.eventId + e.email,
    );
    expect(new Set(all).size).toBe(3);
    const other = await find('bob', api.tokens.crew, { nextToken: token });
    expect(other.errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      message: expect.stringMatching(/nextToken is not valid/),
    });
  });

  it('finds a renamed patron by the new name and no longer by the old, and a removed one not at all', async () => {
    await add(morning, 'carla@example.com', 'Carla Diaz', '760 555 0123');
    const renamed = await api.gql(api.tokens.crew, UPDATE_PATRON, {
      input: { eventId: morning, email: 'carla@example.com', name: 'Karla Diaz-Ruiz', phone: null },
    });
    expect(renamed.errors).toBeUndefined();
    expect(await found('karla')).toEqual(['morning carla@example.com']);
    expect(await found('carla d')).toEqual([]);
    expect(await found('5550123')).toEqual([]);
    const removed = await api.gql(api.tokens.admin, REMOVE_PATRON, { eventId: morning, email: 'carla@example.com' });
    expect(removed.errors).toBeUndefined();
    expect(await found('karla')).toEqual([]);
    expect(await found('carla@example.com')).toEqual([]);
  });

  it('after two renames at once, finds the patron under the name that stuck and under no other', async () => {
    await add(morning, 'eve@example.com', 'Eve Start');
    const rename = (name: string) =>
      api.gql(api.tokens.crew, UPDATE_PATRON, { input: { eventId: morning, email: 'eve@example.com', name } });
    const results = await Promise.all([rename('Evelyn Quinn'), rename('Yvette Quinn')]);
    expect(results.filter((r) => !r.errors)).not.toHaveLength(0);
    const stored = (await find('eve@example.com')).data!.findPatrons.items[0].name as string;
    const lost = stored === 'Evelyn Quinn' ? 'yvette' : 'evelyn';
    expect(await found(stored)).toEqual(['morning eve@example.com']);
    expect(await found(lost)).toEqual([]);
    expect(await found('eve start')).toEqual([]);
  });

  it('gives an entry written before patron search its keys on its next edit', async () => {
    await add(evening, 'dora@example.com', 'Dora Old', '442 555 0177');
    await DynamoDBDocumentClient.from(dynamoClient()).send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: { PK: `EVENT#${evening}`, SK: 'PATRON#dora@example.com' },
        UpdateExpression: 'REMOVE GSI4PK, GSI4SK, GSI5PK, GSI5SK, GSI6PK, GSI6SK',
      }),
    );
    expect(await found('dora')).toEqual([]);
    const edited = await api.gql(api.tokens.crew, UPDATE_PATRON, {
      input: { eventId: evening, email: 'dora@example.com', notes: 'window seat' },
    });
    expect(edited.errors).toBeUndefined();
    expect(await found('dora')).toEqual(['evening dora@example.com']);
    expect(await found('dora@example.com')).toEqual(['evening dora@example.com']);
    expect(await found('5550177')).toEqual(['evening dora@example.com']);
  });

  it('refuses a query that is too short, too long, blank or holds control characters, saying why', async () => {
    for (const [query, message] of [
      ['a', /2 to 100 characters/],
      ['   ', /required and cannot be blank/],
      ['x'.repeat(101), /too long/],
      ['ann\u0000', /control characters/],
      ['ann\u202e', /control characters|text-direction/],
      ['ann\nsmith', /one line/],
    ] as const) {
      const res = await find(query);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]).toMatchObject({ errorType: 'ValidationError', message: expect.stringMatching(message) });
    }
    const badLimit = await find('ann', api.tokens.crew, { limit: 0 });
    expect(badLimit.errors?.[0]).toMatchObject({ errorType: 'ValidationError' });
  });

  it('shows accounting a patron without their phone or notes, and admins and crew with them', async () => {
    await add(morning, 'nora@example.com', 'Nora Notes', '415 555 0100');
    const noted = await api.gql(api.tokens.crew, UPDATE_PATRON, {
      input: { eventId: morning, email: 'nora@example.com', notes: 'seasick last time' },
    });
    expect(noted.errors).toBeUndefined();
    for (const token of [api.tokens.admin, api.tokens.crew]) {
      expect((await find('nora', token)).data!.findPatrons.items).toEqual([
        expect.objectContaining({ phone: '415 555 0100', notes: 'seasick last time' }),
      ]);
    }
    const books = (await find('nora', api.tokens.accounting)).data!.findPatrons.items;
    expect(books).toEqual([
      expect.objectContaining({
        email: 'nora@example.com',
        name: 'Nora Notes',
        balanceCents: 5_000,
        phone: null,
        notes: null,
      }),
    ]);
    // Nor can they learn whose a phone number is by searching for it.
    const byPhone = await find('415 555 0100', api.tokens.accounting);
    expect(byPhone.data).toBeNull();
    expect(byPhone.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: expect.stringMatching(/name or email/),
    });
  });

  it('is open to admins, crew and accounting, and to no one signed out', async () => {
    for (const token of [api.tokens.admin, api.tokens.accounting]) {
      expect((await find('bob', token)).data!.findPatrons.items).toHaveLength(1);
    }
    const anonymous = await api.gql(undefined, FIND, { query: 'bob' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.data).toBeNull();
  });
});
