import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';

import { eventPk, rateLimitPk } from '../../../../amplify/data/keys';
import {
  clientKey,
  eventLimit,
  rateWindow,
  secondsLeft,
  SIGNATURES_PER_CLIENT_PER_EVENT_PER_HOUR,
  SIGNATURES_PER_CLIENT_PER_HOUR,
} from '../../../../amplify/functions/waiver/limits';
import { dynamoClient, scanAll, sesMessages } from '../../../support/stack';
import { DEFAULT_WAIVER_VERSION as VERSION, formBody, getItem, queryPrefix, waiverSuite } from './support/fixtures';

/**
 * The public waiver form is bounded per event and per client by counters in the table
 * that each signature's transaction raises (the same code on DynamoDB Local and on AWS), and the
 * signed copy goes once per signature, to the signer only.
 */
const suite = waiverSuite('2027-04-01-limits');
const { freshEvent, post } = suite;

/** A counter at its limit for this hour and the next (so the test holds across an hour boundary). */
async function counterAt(pk: string, signatures: number) {
  for (const at of [new Date(), new Date(Date.now() + 3_600_000)]) {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: suite.table,
        Item: marshall({ PK: pk, SK: rateWindow(at.toISOString()), signatures }),
      }),
    );
  }
}

async function expectRefused(id: string, email: string) {
  const before = await scanAll(suite.table);
  const res = await post(id, formBody({ email }, VERSION));
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(res.headers.get('content-type')).toContain('text/html');
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(await res.text()).toContain(
    'Too many waivers were signed from this connection, or for this event, in the last hour',
  );
  expect(await scanAll(suite.table)).toEqual(before);
  expect(await sesMessages(email)).toEqual([]);
}

describe('rate limits of the waiver form', () => {
  it(`takes ${SIGNATURES_PER_CLIENT_PER_EVENT_PER_HOUR} signatures from one client for one event in an hour, then refuses with 429 and stores nothing`, async () => {
    const id = await freshEvent();
    for (let i = 0; i < SIGNATURES_PER_CLIENT_PER_EVENT_PER_HOUR; i++) {
      expect((await post(id, formBody({ email: `many${i}@example.com` }, VERSION))).status).toBe(303);
    }
    await expectRefused(id, 'one-too-many@example.com');
    // Another event is another count for the same client.
    expect((await post(await freshEvent(), formBody({ email: 'elsewhere@example.com' }, VERSION))).status).toBe(303);
  });

  it('does not count a double submit: the counter is the number of signatures stored', async () => {
    const id = await freshEvent();
    for (let i = 0; i < 3; i++) {
      const body = formBody({ email: `twice${i}@example.com` }, VERSION);
      await Promise.all([post(id, body), post(id, body)]);
    }
    const [counter] = await queryPrefix(suite.table, rateLimitPk('event', id), '2');
    expect(counter).toMatchObject({ signatures: 3 });
    expect(await queryPrefix(suite.table, eventPk(id), 'WAIVER#')).toHaveLength(3);
  });

  it('refuses once an event has had its hourly signatures, whoever signs', async () => {
    const id = await freshEvent({ capacity: 10 });
    await counterAt(rateLimitPk('event', id), eventLimit(10));
    await expectRefused(id, 'late-for-event@example.com');
  });

  it(`refuses a client after ${SIGNATURES_PER_CLIENT_PER_HOUR} signatures in an hour across events`, async () => {
    await counterAt(rateLimitPk('client', '127.0.0.1'), SIGNATURES_PER_CLIENT_PER_HOUR);
    try {
      await expectRefused(await freshEvent(), 'busy-client@example.com');
    } finally {
      await counterAt(rateLimitPk('client', '127.0.0.1'), 0);
    }
  });

  it('lets its counters expire a day after their hour (they are not records)', async () => {
    const id = await freshEvent();
    await post(id, formBody({ email: 'ttl@example.com' }, VERSION));
    const [counter] = await queryPrefix(suite.table, rateLimitPk('event', id), '2');
    const hour = Date.parse(`${counter!.SK}:00:00.000Z`) / 1000;
    expect(counter!.expiresAt).toBe(hour + 25 * 3600);
    expect(await getItem(suite.table, eventPk(id), 'EVENT')).toBeDefined();
  });
});

describe('the signed copy', () => {
  it('goes to the signer alone (the operator by Bcc), once per signature', async () => {
    const id = await freshEvent();
    const body = formBody({ email: 'Copy.Once@Example.com' }, VERSION);
    await post(id, body);
    await post(id, body);
    const mails = await sesMessages('copy.once@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.destination).toMatchObject({ to: ['copy.once@example.com'], cc: [], bcc: ['audit@example.com'] });
  });
});

describe('the limits as pure rules', () => {
  it('counts an IPv6 client by its /64, and an IPv4-mapped address as IPv4', () => {
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('2001:db8:0:42:1::1')).toBe('2001:db8:0:42::/64');
    expect(clientKey('2001:0db8:0000:0042:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:42::/64');
    expect(clientKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
  });

  it('gives an event at least 100 signatures an hour, and twice its capacity when larger', () => {
    expect(eventLimit(5)).toBe(100);
    expect(eventLimit(150)).toBe(300);
    expect(eventLimit(undefined)).toBe(100);
  });

  it('says how long until the hour is over', () => {
    expect(secondsLeft('2026-11-30T06:59:30.000Z')).toBe(30);
    expect(secondsLeft('2026-11-30T06:00:00.000Z')).toBe(3600);
  });
});
