import { beforeAll, describe, expect, it } from 'vitest';
import type { LambdaFunctionURLEvent } from 'aws-lambda';

import { ORIGIN_VERIFY_HEADER } from '../../../../amplify/edge/routes';
import { dayOf } from '../../../../amplify/functions/dates';
import { mailSender } from '../../../../amplify/functions/mailer/ses';
import { createWaiverHandler } from '../../../../amplify/functions/waiver/app';
import { dynamoWaiverStore } from '../../../../amplify/functions/waiver/store';
import {
  DEFAULT_WAIVER_TEXT,
  DEFAULT_WAIVER_VERSION,
  SECRET,
  formBody,
  seedEvent,
  waiverConfig,
  waiverEnvironment,
} from './support/fixtures';

/**
 * The minors' age rules count by the operator's day (TIME_ZONE, America/Los_Angeles here), not
 * UTC's: at 2026-12-01T05:00Z it is still 9 PM on November 30 in Los Angeles.
 */
const EVENT = '2099-05-23-operator-day';
const LATE_EVENING = new Date('2026-12-01T05:00:00.000Z');

let handle: ReturnType<typeof createWaiverHandler>;
beforeAll(async () => {
  const table = await waiverEnvironment();
  await seedEvent(table, { id: EVENT });
  // The Lambda's own parts (handler.ts) against the local stand-ins, with the clock set.
  const config = waiverConfig();
  handle = createWaiverHandler({
    config,
    store: dynamoWaiverStore(config.dynamo),
    waiverText: async () => DEFAULT_WAIVER_TEXT,
    sendMail: mailSender(config.mail),
    now: () => LATE_EVENING,
  });
});

/** The form POSTed as the edge forwards it (Function URL event, origin secret set). */
const sign = (fields: Record<string, string | string[]>) =>
  handle({
    rawPath: `/g/${EVENT}/waiver`,
    body: formBody(fields, DEFAULT_WAIVER_VERSION),
    isBase64Encoded: false,
    headers: { 'content-type': 'application/x-www-form-urlencoded', [ORIGIN_VERIFY_HEADER]: SECRET },
    requestContext: { http: { method: 'POST', sourceIp: '203.0.113.9' } },
  } as unknown as LambdaFunctionURLEvent);

describe("the signing day is the operator's", () => {
  it("is the calendar day in the zone, not UTC's", () => {
    expect(dayOf(LATE_EVENING, 'America/Los_Angeles')).toBe('2026-11-30');
    expect(dayOf(LATE_EVENING, 'UTC')).toBe('2026-12-01');
    expect(dayOf(new Date('2026-11-30T23:30:00.000Z'), 'Pacific/Auckland')).toBe('2026-12-01');
  });

  it('refuses a signer whose 18th birthday is tomorrow in Los Angeles, though already today in UTC', async () => {
    const res = await sign({
      name: 'Tomorrow Adult',
      signature: 'Tomorrow Adult',
      email: 'tomorrow@example.com',
      dateOfBirth: '2008-12-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('You must be 18 or older to sign');
  });

  it('accepts as a minor someone who turns 18 tomorrow in Los Angeles, and a signer who turned 18 today there', async () => {
    const res = await sign({
      name: 'Today Adult',
      signature: 'Today Adult',
      email: 'today@example.com',
      dateOfBirth: '2008-11-30',
      minorName: 'Tomorrow Adult',
      minorDateOfBirth: '2008-12-01',
    });
    expect(res.body).not.toContain('must sign their own waiver');
    expect(res.body).not.toContain('You must be 18');
    expect(res.statusCode).toBeLessThan(400);
  });
});
