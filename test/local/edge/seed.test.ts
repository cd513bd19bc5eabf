import { afterAll, beforeAll, expect, it } from 'vitest';

import { eventPk, EVENT_SK, patronSk } from '../../../amplify/data/keys';
import type { Edge } from '../../../local/edge';
import { waiverSigner } from '../../../local/edge/seed';
import {
  getItem,
  LINK_SECRET,
  queryPrefix,
  seedEvent,
  seedPatron,
  startDistEdge,
  waiverEnvironment,
} from '../../amplify/functions/waiver/support/fixtures';

const EVENT = '2037-12-04-sunset-sail';
let table: string;
let edge: Edge;

beforeAll(async () => {
  table = await waiverEnvironment();
  await seedEvent(table, { id: EVENT, rosterCount: 1 });
  await seedPatron(table, EVENT, 'maya.chen@example.com', { name: 'Maya Chen', partySize: 3 });
  edge = await startDistEdge();
});
afterAll(async () => {
  await edge?.close();
});

it("signs a demo patron's waiver through the edge, a child included for a party of three", async () => {
  await waiverSigner(edge.url, LINK_SECRET)(EVENT, { email: 'maya.chen@example.com', name: 'Maya Chen', partySize: 3 });
  expect(await getItem(table, eventPk(EVENT), patronSk('maya.chen@example.com'))).toHaveProperty('waiverSignedAt');
  // Waivers count people covered: the patron and the child they signed for.
  expect(await getItem(table, eventPk(EVENT), EVENT_SK)).toMatchObject({ waiversSigned: 2 });
  const [waiver] = await queryPrefix(table, eventPk(EVENT), 'WAIVER#');
  expect(waiver!.minors).toEqual([{ name: expect.stringMatching(/ Chen$/), dateOfBirth: '2015-08-20' }]);
});

it('fails loudly for an event that does not exist', async () => {
  await expect(
    waiverSigner(edge.url)('2030-01-01-nothing', { email: 'a@example.com', name: 'A B', partySize: 1 }),
  ).rejects.toThrow(/404/);
});
