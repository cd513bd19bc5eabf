import { afterAll, beforeAll, expect, it } from 'vitest';

import { startAppSync, type LocalAppSync } from '../../local/appsync';
import type { Edge } from '../../local/edge';
import { signIn, stack } from '../support/stack';
import { DEFAULT_WAIVER_VERSION as VERSION, formBody, seedEvent, seedPatron, startDistEdge, waiverEnvironment } from './fixtures';

const EVENT = '2026-05-23-alice-period';

let edge: Edge;
let api: LocalAppSync;

beforeAll(async () => {
  const table = await waiverEnvironment();
  await seedEvent(table, { id: EVENT, rosterCount: 1 });
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

async function getEvent() {
  const { idToken } = await signIn(stack().users.admin);
  const res = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: idToken },
    body: JSON.stringify({
      query: 'query($id: ID!) { getEvent(id: $id) { event { rosterCount waiversSigned } roster { email name partySize waiverSignedAt } } }',
      variables: { id: EVENT },
    }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data.getEvent;
}

const sign = (fields: Record<string, string | string[]>) =>
  fetch(`${edge.url}/g/${EVENT}/waiver`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formBody(fields, VERSION),
    redirect: 'manual',
  });

it("shows a patron's signature on the roster that getEvent returns", async () => {
  expect((await getEvent()).roster[0].waiverSignedAt).toBeNull();
  expect((await sign({})).status).toBe(303);
  const detail = await getEvent();
  expect(detail.event).toEqual({ rosterCount: 1, waiversSigned: 1 });
  expect(detail.roster).toEqual([expect.objectContaining({ email: 'alice@example.com', waiverSignedAt: expect.stringMatching(/^\d{4}-/) })]);
});

it('shows a walk-up signer as a new, signed roster entry', async () => {
  expect((await sign({ name: 'Walk Up', signature: 'Walk Up', email: 'walk@example.com' })).status).toBe(303);
  const detail = await getEvent();
  expect(detail.event).toEqual({ rosterCount: 2, waiversSigned: 2 });
  expect(detail.roster).toContainEqual(expect.objectContaining({ email: 'walk@example.com', name: 'Walk Up', partySize: 1 }));
});
