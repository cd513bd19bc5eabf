/**
 * The local edge hands the waiver Lambda its config directly. It writes nothing to
 * process.env (it used to put a generated origin secret there for the handler to find).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';

import type { Edge } from '../../../local/edge';
import {
  seedEvent,
  startDistEdge,
  waiverConfig,
  waiverEnvironment,
} from '../../amplify/functions/waiver/support/fixtures';

const EVENT = '2099-02-02-edge-config';
let edge: Edge;
let before: NodeJS.ProcessEnv;
// Powertools itself tags the SDK's user agent through the environment (AWS_SDK_UA_APP_ID): not config.
const settings = ({ AWS_SDK_UA_APP_ID: _tag, ...env }: NodeJS.ProcessEnv) => env;

beforeAll(async () => {
  const table = await waiverEnvironment();
  await seedEvent(table, { id: EVENT, title: 'Config sail' });
  before = settings(process.env);
  // No secret anywhere: the edge makes one, sends it, and gives it to the handler, not the env.
  edge = await startDistEdge({ waiverConfig: { ...waiverConfig(), originVerifySecret: undefined } });
});
afterAll(() => edge?.close());

it('serves the waiver through a secret it made, without touching process.env', async () => {
  const res = await fetch(`${edge.url}/g/${EVENT}/waiver`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('<h1>Config sail</h1>');
  expect(settings(process.env)).toEqual(before);
  expect(process.env.ORIGIN_VERIFY_SECRET).toBeUndefined();
  expect(process.env.TABLE_NAME).toBeUndefined();
});
