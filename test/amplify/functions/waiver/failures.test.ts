/**
 * The waiver Lambda's one try/catch maps each typed error to its status, on the
 * waiver's own page and headers, and anything unexpected (DynamoDB down, the table missing, the
 * waiver texts failing) to a 503 page that says try again and links back to the form: never the
 * Function URL's bare 502, never its internals. Each case runs for real: the bundled handler
 * behind the local edge, over DynamoDB Local, or over a port where nothing listens.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { rateLimitPk } from '../../../../amplify/data/keys';
import { mailSender } from '../../../../amplify/functions/mailer/ses';
import { createWaiverHandler } from '../../../../amplify/functions/waiver/app';
import { eventLimit, rateWindow } from '../../../../amplify/functions/waiver/limits';
import { dynamoWaiverStore } from '../../../../amplify/functions/waiver/store';
import type { Edge } from '../../../../local/edge';
import { logLines } from '../support/log-lines';
import { dynamoClient } from '../../../support/stack';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  seedEvent,
  startDistEdge,
  waiverConfig,
  waiverEnvironment,
} from './support/fixtures';

const OPEN = '2099-01-01-failures-open';
const ENDED = '2020-01-01-failures-ended';
const LIMITED = '2099-01-02-failures-limited';

const edges: Record<'ok' | 'dynamoDown' | 'noTable' | 'unconfigured' | 'textsFail' | 'bug', Edge> = {} as never;
const lines = logLines();

beforeAll(async () => {
  const table = await waiverEnvironment();
  await seedEvent(table, { id: OPEN, title: 'Failure sail' });
  await seedEvent(table, { id: ENDED, startsAt: '2020-01-01T18:00:00.000Z' });
  await seedEvent(table, { id: LIMITED, capacity: 10 });
  // The event's hourly counter at its limit, this hour and the next (the test may cross the hour).
  for (const at of [new Date(), new Date(Date.now() + 3_600_000)]) {
    const Item = marshall({
      PK: rateLimitPk('event', LIMITED),
      SK: rateWindow(at.toISOString()),
      signatures: eventLimit(10),
    });
    await dynamoClient().send(new PutItemCommand({ TableName: table, Item }));
  }
  const config = waiverConfig();
  const withTexts = (waiverText: (id: string) => Promise<string>) =>
    createWaiverHandler({
      config,
      store: dynamoWaiverStore(config.dynamo),
      waiverText,
      sendMail: mailSender(config.mail),
    });
  Object.assign(edges, {
    ok: await startDistEdge(),
    // Nothing listens on the discard port: every DynamoDB call is refused, as in an outage.
    dynamoDown: await startDistEdge({ waiverConfig: waiverConfig({ dynamo: { endpoint: 'http://127.0.0.1:9' } }) }),
    // DynamoDB Local answers, but the table is not there (deleted, or another stage's name).
    noTable: await startDistEdge({ waiverConfig: waiverConfig({ dynamo: { tableName: `${table}-missing` } }) }),
    unconfigured: await startDistEdge({ waiverConfig: waiverConfig({ dynamo: { tableName: '' } }) }),
    textsFail: await startDistEdge({
      waiver: withTexts(async () => {
        throw new Error('waiver texts missing from the bundle');
      }),
    }),
    // A fault of ours: a text that is no string breaks the hashing.
    bug: await startDistEdge({ waiver: withTexts(async () => undefined as unknown as string) }),
  });
});
afterAll(async () => {
  await Promise.all(Object.values(edges).map((e) => e?.close()));
});

const waiverLines = () => lines('waiver');

type Case = [
  name: string,
  status: number,
  edge: keyof typeof edges,
  method: 'GET' | 'POST',
  event: string,
  says: string,
];
const FORM = 'application/x-www-form-urlencoded';

const cases: Case[] = [
  [
    'NotFound: an event that does not exist',
    404,
    'ok',
    'GET',
    '2099-12-31-no-such-event',
    'No event matches this waiver link',
  ],
  [
    'ValidationError: a link whose id is not an event id',
    400,
    'ok',
    'GET',
    '%E0%A4%A',
    'This waiver link or form is not valid',
  ],
  ['Gone: an event that has ended', 410, 'ok', 'GET', ENDED, 'This event has ended'],
  ['Gone: a signature for an event that has ended', 410, 'ok', 'POST', ENDED, 'This event has ended'],
  [
    'TooManyRequests: a signature for an event at its hourly limit',
    429,
    'ok',
    'POST',
    LIMITED,
    'Too many waivers were signed',
  ],
  ['ServiceUnavailable: getEvent fails, DynamoDB unreachable', 503, 'dynamoDown', 'GET', OPEN, 'nothing was recorded'],
  [
    'ServiceUnavailable: getEvent fails, DynamoDB unreachable, on a signature',
    503,
    'dynamoDown',
    'POST',
    OPEN,
    'nothing was recorded',
  ],
  ['ServiceUnavailable: getEvent fails, the table is missing', 503, 'noTable', 'GET', OPEN, 'nothing was recorded'],
  ['ServiceUnavailable: no table configured', 503, 'unconfigured', 'GET', OPEN, 'nothing was recorded'],
  ['ServiceUnavailable: waiverText fails', 503, 'textsFail', 'GET', OPEN, 'nothing was recorded'],
  ['ServiceUnavailable: waiverText fails, on a signature', 503, 'textsFail', 'POST', OPEN, 'nothing was recorded'],
  ['anything unexpected is ServiceUnavailable too', 503, 'bug', 'GET', OPEN, 'nothing was recorded'],
];

describe('each failure, on the waiver page', () => {
  it.each(cases)('%s → %i', async (_name, status, edge, method, event, says) => {
    const res = await fetch(`${edges[edge].url}/g/${event}/waiver`, {
      method,
      ...(method === 'POST' ? { headers: { 'content-type': FORM }, body: formBody({}, VERSION) } : {}),
      redirect: 'manual',
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Ship Captain Crew');
    expect(html).toContain(says);
    expect(html).not.toMatch(
      /ECONNREFUSED|127\.0\.0\.1|DynamoDB|ResourceNotFound|TypeError|texts missing|Error:|"Message"/,
    );
    if (status === 503) {
      expect(res.headers.get('retry-after')).toBe('30');
      expect(html).toContain('<h1>Temporarily unavailable</h1>');
      expect(html).toContain(`<a href="/g/${event}/waiver">Retry</a>`);
    } else {
      expect(html).not.toContain('>Retry</a>');
    }
    if (status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers a HEAD with the same status and headers, and no body', async () => {
    const res = await fetch(`${edges.textsFail.url}/g/${OPEN}/waiver`, { method: 'HEAD' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.text()).toBe('');
  });

  it('a wrong form type is a ValidationError, before the table is read', async () => {
    const res = await fetch(`${edges.dynamoDown.url}/g/${OPEN}/waiver`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'name=x',
    });
    expect(res.status).toBe(400);
  });
});

describe('the log line of a failure', () => {
  it('is one Powertools line: ERROR with the detail for a 503, with the request id', async () => {
    await fetch(`${edges.textsFail.url}/g/${OPEN}/waiver`);
    const lines = waiverLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'ERROR',
      message: 'waiver request failed',
      status: 503,
      method: 'GET',
      path: `/g/${OPEN}/waiver`,
      error: 'Error: waiver texts missing from the bundle',
    });
    expect(lines[0]!.function_request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[0]!.timestamp).toBeDefined();
  });

  it('is INFO for a refusal (404), WARN for a rate limit (429) naming the limit', async () => {
    await fetch(`${edges.ok.url}/g/2099-12-31-no-such-event/waiver`);
    await fetch(`${edges.ok.url}/g/${LIMITED}/waiver`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: formBody({}, VERSION),
    });
    expect(waiverLines().map((l) => [l.level, l.message, l.status])).toEqual([
      ['INFO', 'waiver request refused', 404],
      ['WARN', 'waiver rate limit reached', 429],
    ]);
    expect(waiverLines()[1]).toMatchObject({ eventId: LIMITED, limit: 'eventRate', client: '127.0.0.1' });
  });
});
