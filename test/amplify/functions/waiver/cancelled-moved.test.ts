/**
 * At the waiver: a cancelled sailing's page says it is cancelled, and a booking moved to
 * another sailing (rebookPatron) is signed for there. Either way the answer is a clear page and
 * nothing is written: no waiver, no walk-up, no change to the old sailing's waiversSigned.
 */
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { eventPk, EVENT_SK, patronSk } from '../../../../amplify/data/keys';
import { signWaiverToken } from '../../../../amplify/functions/outreach/link';
import {
  dynamoWaiverStore,
  EventCancelledError,
  PatronMovedError,
  type WaiverRecord,
} from '../../../../amplify/functions/waiver/store';
import type { Edge } from '../../../../local/edge';
import { dynamoClient, scanAll } from '../../../support/stack';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  getItem,
  seedEvent,
  seedPatron,
  startDistEdge,
  waiverConfig,
  waiverEnvironment,
} from './support/fixtures';

const LINK_SECRET = 'cancelled-moved-link-secret';
const FORM = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WaiverTest/1.0' };
let table = '';
let edge: Edge;
let n = 0;

beforeAll(async () => {
  table = await waiverEnvironment();
  edge = await startDistEdge({ waiverConfig: { ...waiverConfig(), linkSecret: LINK_SECRET } });
});
afterAll(async () => {
  await edge?.close();
});

async function sailing(title: string, set: Record<string, unknown> = {}) {
  const id = `2099-06-0${(++n % 9) + 1}-cancel-move-${n}`;
  await seedEvent(table, { id, title, rosterCount: 1, headCount: 2 });
  if (Object.keys(set).length > 0) {
    const names = Object.keys(set);
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall({ PK: eventPk(id), SK: EVENT_SK }),
        UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((k, i) => [`#n${i}`, k])),
        ExpressionAttributeValues: marshall(Object.fromEntries(names.map((k, i) => [`:v${i}`, set[k]]))),
      }),
    );
  }
  return id;
}

const personal = (id: string, email: string) => `?t=${signWaiverToken(LINK_SECRET, id, email)}`;
const get = (id: string, query = '') => fetch(`${edge.url}/g/${id}/waiver${query}`, { redirect: 'manual' });
const post = (id: string, body: string, query = '') =>
  fetch(`${edge.url}/g/${id}/waiver${query}`, { method: 'POST', headers: FORM, body, redirect: 'manual' });

describe('a cancelled sailing', () => {
  it('answers its waiver link with a page that says it was cancelled, and no form', async () => {
    const id = await sailing('Storm sail', { status: 'CANCELLED', cancelledAt: '2099-06-01T10:00:00.000Z' });
    const res = await get(id);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain('This sailing was cancelled');
    expect(html).toContain('Storm sail');
    expect(html).not.toContain('<form');
  });

  it('refuses a signature (a form loaded before the cancellation) and writes nothing', async () => {
    const id = await sailing('Storm sail', { status: 'CANCELLED' });
    await seedPatron(table, id, 'alice@example.com');
    const before = await scanAll(table);
    const res = await post(id, formBody({ email: 'alice@example.com' }, VERSION));
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('This sailing was cancelled');
    expect(await scanAll(table)).toEqual(before);
  });
});

describe('a booking moved to another sailing', () => {
  async function movedBooking() {
    const to = await sailing('Calm sail');
    const from = await sailing('Storm sail', { waiversSigned: 0 });
    await seedPatron(table, from, 'bob@example.com', { status: 'MOVED', movedTo: to });
    await seedPatron(table, to, 'bob@example.com', { movedFrom: from });
    return { from, to };
  }

  it('its personal link on the old sailing says it moved and points to the new one', async () => {
    const { from, to } = await movedBooking();
    const res = await get(from, personal(from, 'bob@example.com'));
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain('Your booking was moved to another sailing');
    expect(html).toContain('Calm sail');
    expect(html).toContain(`href="/g/${to}/waiver"`);
    expect(html).not.toContain('<form');
  });

  it('signing the old sailing for the moved email is refused: its waiversSigned stays, nothing is written', async () => {
    const { from } = await movedBooking();
    const before = await scanAll(table);
    const res = await post(
      from,
      formBody({ email: 'bob@example.com', name: 'Bob Moved', signature: 'Bob Moved' }, VERSION),
    );
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Your booking was moved to another sailing');
    expect(await scanAll(table)).toEqual(before);
    expect(await getItem(table, eventPk(from), EVENT_SK)).toMatchObject({ waiversSigned: 0 });
    expect(await getItem(table, eventPk(from), patronSk('bob@example.com'))).not.toHaveProperty('waiverId');
  });

  it('the new sailing takes the signature as usual', async () => {
    const { to } = await movedBooking();
    const res = await post(to, formBody({ email: 'bob@example.com' }, VERSION), personal(to, 'bob@example.com'));
    expect(res.status).toBe(303);
    expect(await getItem(table, eventPk(to), EVENT_SK)).toMatchObject({ waiversSigned: 1 });
  });
});

describe("the signature's own write, when the page was read before the change (a race)", () => {
  const waiver = (eventId: string, email: string): WaiverRecord => ({
    id: `w-${eventId}`,
    eventId,
    waiverVersion: VERSION,
    text: 'the text',
    name: 'Late Signer',
    email,
    phone: '555-0100',
    dateOfBirth: '1980-01-01',
    signature: 'Late Signer',
    minors: [],
    signedAt: new Date().toISOString(),
    ip: '203.0.113.9',
    userAgent: 'race',
  });
  const store = () => dynamoWaiverStore(waiverConfig().dynamo);

  it('refuses once the sailing is cancelled after its event was read, and leaves waiversSigned alone', async () => {
    const id = await sailing('Race sail');
    await seedPatron(table, id, 'carol@example.com');
    const read = (await getItem(table, eventPk(id), EVENT_SK))!;
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall({ PK: eventPk(id), SK: EVENT_SK }),
        UpdateExpression: 'SET #s = :c',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: marshall({ ':c': 'CANCELLED' }),
      }),
    );
    await expect(
      store().recordSignature(read as never, waiver(id, 'carol@example.com'), crypto.randomUUID(), `a-${id}`),
    ).rejects.toBeInstanceOf(EventCancelledError);
    expect(await getItem(table, eventPk(id), EVENT_SK)).toMatchObject({ waiversSigned: 0 });
    expect(await getItem(table, eventPk(id), patronSk('carol@example.com'))).not.toHaveProperty('waiverId');
  });

  it('refuses an entry moved away, whatever the page showed', async () => {
    const id = await sailing('Race sail');
    await seedPatron(table, id, 'dan@example.com', { status: 'MOVED', movedTo: 'elsewhere' });
    const read = (await getItem(table, eventPk(id), EVENT_SK))!;
    await expect(
      store().recordSignature(read as never, waiver(id, 'dan@example.com'), crypto.randomUUID(), `a-${id}`),
    ).rejects.toBeInstanceOf(PatronMovedError);
    expect(await getItem(table, eventPk(id), EVENT_SK)).toMatchObject({ waiversSigned: 0 });
  });
});
