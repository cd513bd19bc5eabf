import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillSearchKeys } from '../../amplify/storage/search-backfill';
import { dynamoClient } from '../support/stack';
import { ADD_PATRON, CREATE_EVENT, startApi, UPDATE_PATRON, type Api } from './support/harness';

/**
 * The patron-search backfill: roster entries written before the search indexes
 * existed get their keys, once, without undoing an edit that lands while it runs.
 */
let api: Api;
let db: DynamoDBDocumentClient;
let eventId: string;
const FIND = `query($query: String!) { findPatrons(query: $query) { items { email name } } }`;
const found = async (query: string) => {
  const res = await api.gql(api.tokens.crew, FIND, { query });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.findPatrons.items.map((e: { email: string }) => e.email).sort();
};
const key = (email: string) => ({ PK: `EVENT#${eventId}`, SK: `PATRON#${email}` });
/** The entry as it was before patron search: no GSI4-6 keys. */
const strip = (email: string) =>
  db.send(
    new UpdateCommand({
      TableName: api.tableName,
      Key: key(email),
      UpdateExpression: 'REMOVE GSI4PK, GSI4SK, GSI5PK, GSI5SK, GSI6PK, GSI6SK',
    }),
  );

beforeAll(async () => {
  api = await startApi();
  db = DynamoDBDocumentClient.from(dynamoClient());
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: 'Old Season Sail', startsAt: '2037-05-01T18:00:00Z', capacity: 50, priceCents: 1_000 },
  });
  eventId = ev.data!.createEvent.id;
  for (const [email, name, phone] of [
    ['olga@example.com', 'Olga Old', '503 555 0111'],
    ['otto@example.com', 'Otto Older', null],
    ['nina@example.com', 'Nina New', null],
  ]) {
    const p = await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email, name, phone } });
    if (p.errors) throw new Error(JSON.stringify(p.errors));
  }
});
afterAll(async () => {
  await api?.close();
});

describe('backfillSearchKeys', () => {
  it('makes entries from before patron search findable by name, email and phone, and a second run writes nothing', async () => {
    await strip('olga@example.com');
    await strip('otto@example.com');
    expect(await found('olga')).toEqual([]);
    expect(await found('otto@example.com')).toEqual([]);

    const first = await backfillSearchKeys(db, api.tableName);
    expect(first).toEqual({ entries: 3, updated: 2, changed: 0 });
    expect(await found('olga')).toEqual(['olga@example.com']);
    expect(await found('olga@example.com')).toEqual(['olga@example.com']);
    expect(await found('5550111')).toEqual(['olga@example.com']);
    expect(await found('otto o')).toEqual(['otto@example.com']);
    const olga = (await db.send(new GetCommand({ TableName: api.tableName, Key: key('olga@example.com') }))).Item!;
    // Only the keys changed: the entry's booking is as it was.
    expect(olga).toMatchObject({
      name: 'Olga Old',
      phone: '503 555 0111',
      balanceCents: 1_000,
      GSI4PK: 'NAME#o',
      GSI4SK: 'olga old',
    });

    expect(await backfillSearchKeys(db, api.tableName)).toEqual({ entries: 3, updated: 0, changed: 0 });
  });

  it('leaves an entry renamed while it runs to the rename, which keys it by the new name', async () => {
    await strip('nina@example.com');
    // The rename lands between the backfill's read (the Scan) and its write.
    const racing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return async (command: unknown) => {
          if (command instanceof UpdateCommand) {
            const renamed = await api.gql(api.tokens.crew, UPDATE_PATRON, {
              input: { eventId, email: 'nina@example.com', name: 'Nina Renamed' },
            });
            if (renamed.errors) throw new Error(JSON.stringify(renamed.errors));
          }
          return target.send(command as never);
        };
      },
    });
    expect(await backfillSearchKeys(racing, api.tableName)).toEqual({ entries: 3, updated: 0, changed: 1 });
    expect(await found('nina r')).toEqual(['nina@example.com']);
    expect(await found('nina new')).toEqual([]);
  });
});
