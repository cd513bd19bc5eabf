import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_EVENT, startApi, type Api, type GraphQLResponse } from './support/harness';

/**
 * Through the local AppSync and DynamoDB Local, with the operator zone the local AppSync takes from
 * amplify/time-zone.ts (America/Los_Angeles): an event id carries the Pacific day, and listEvents'
 * days are Pacific days, though GSI2 sorts events by their UTC start.
 */
const LIST = `query($from: AWSDate!, $to: AWSDate!, $nextToken: String) { listEvents(from: $from, to: $to, nextToken: $nextToken) { items { id } nextToken } }`;
let api: Api;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi();
  for (const [key, startsAt] of Object.entries({
    late: '2031-12-05T07:30:00Z', // Thu Dec 4, 11:30 PM PST
    early: '2031-12-05T08:00:00Z', // Fri Dec 5, midnight PST
    newYearsEve: '2032-01-01T06:00:00Z', // Wed Dec 31, 10 PM PST: already 2032 in UTC
  })) {
    const res = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title: `Zone ${key}`, startsAt, capacity: 10, priceCents: 100 },
    });
    expect(res.errors).toBeUndefined();
    ids[key] = res.data!.createEvent.id;
  }
});
afterAll(async () => {
  await api?.close();
});

/** Every page: a range that crosses a new year in UTC continues in the next year's partition. */
async function listed(from: string, to: string) {
  const ids: string[] = [];
  let nextToken: string | null = null;
  do {
    const res: GraphQLResponse = await api.gql(api.tokens.crew, LIST, { from, to, nextToken });
    expect(res.errors).toBeUndefined();
    ids.push(...res.data!.listEvents.items.map((e: { id: string }) => e.id));
    nextToken = res.data!.listEvents.nextToken;
  } while (nextToken);
  return ids;
}

describe('days in the operator zone, through the API', () => {
  it('dates an event id by its Pacific day', () => {
    expect(ids).toEqual({
      late: '2031-12-04-zone-late',
      early: '2031-12-05-zone-early',
      newYearsEve: '2031-12-31-zone-newyearseve',
    });
  });

  it('lists an event on its Pacific day only', async () => {
    expect(await listed('2031-12-04', '2031-12-04')).toEqual([ids.late]);
    expect(await listed('2031-12-05', '2031-12-05')).toEqual([ids.early]);
  });

  it('finds New Year’s Eve in the next UTC year’s partition', async () => {
    expect(await listed('2031-12-31', '2031-12-31')).toEqual([ids.newYearsEve]);
    expect(await listed('2032-01-01', '2032-01-31')).toEqual([]);
  });
});
