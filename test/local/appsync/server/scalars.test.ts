import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isAwsDate,
  isAwsDateTime,
  isAwsEmail,
  isAwsIpAddress,
  isAwsPhone,
  isAwsTime,
  isAwsUrl,
} from '../../../../local/appsync/server/scalars';
import { scanAll } from '../../../support/stack';
import { gql, startHarness, type Harness } from './support/harness';

describe('AWS scalars, as AppSync documents them', () => {
  const cases: [string, (v: string) => boolean, string[], string[]][] = [
    [
      'AWSDate',
      isAwsDate,
      ['1970-01-01', '2026-02-28Z', '1970-01-01-07:00', '2024-02-29+05:30:15'],
      ['1970-1-1', '2026-02-30', '2026-13-01', '2026-02-28T00:00Z', ''],
    ],
    [
      'AWSTime',
      isAwsTime,
      ['12:00', '12:00:00', '12:00:00.123', '12:00:00Z', '12:30:00.5-07:00'],
      ['24:00', '12:60', '12', '12:00:00.1234567890'],
    ],
    [
      'AWSDateTime',
      isAwsDateTime,
      ['1970-01-01T12:00:00.000Z', '2026-06-01T08:30Z', '2026-06-01T08:30:00-07:00', '2026-06-01T08:30:00+01:00:30'],
      ['2026-06-01T08:30:00', '2026-06-01', '2026-06-31T08:30:00Z', '2026-06-01 08:30:00Z'],
    ],
    [
      'AWSEmail',
      isAwsEmail,
      ['a@example.com', 'first.last+tag@sub.example.org'],
      ['a', 'a@', '@example.com', 'a@b', 'a b@example.com'],
    ],
    [
      'AWSURL',
      isAwsUrl,
      ['https://example.com/x?y=1', 'mailto:a@example.com', 'http://localhost:3000'],
      ['example.com', '/relative', ''],
    ],
    [
      'AWSPhone',
      isAwsPhone,
      ['+1 206-555-0100', '206-555-0100', '+44 20 7946 0958'],
      ['1110004444', '(206) 555-0100', 'phone', '+1 2'],
    ],
    [
      'AWSIPAddress',
      isAwsIpAddress,
      ['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32'],
      ['256.0.0.1', '10.0.0.0/33', 'localhost', '1.2.3.4/x'],
    ],
  ];
  for (const [name, test, valid, invalid] of cases) {
    it(`${name} accepts ${valid.join(', ')}`, () => {
      expect(valid.filter((v) => !test(v))).toEqual([]);
    });
    it(`${name} refuses ${invalid.map((v) => JSON.stringify(v)).join(', ')}`, () => {
      expect(invalid.filter((v) => test(v))).toEqual([]);
    });
  }
});

describe('scalar validation in requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.api.close());

  const PUT =
    'mutation Put($id: ID!, $email: AWSEmail!, $at: AWSDateTime) { putThing(id: $id, email: $email, seenAt: $at) { id } }';

  it('rejects a bad AWSEmail variable before any resolver runs', async () => {
    const before = await scanAll(h.table);
    const res = await gql(h.api.url, h.tokens.admin, PUT, { id: 'x', email: 'not-an-email' });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors).toEqual([
      {
        path: null,
        locations: [{ line: 1, column: 24, sourceName: null }],
        message: "Variable 'email' has an invalid value. Unable to parse `not-an-email` as a valid Email Address.",
      },
    ]);
    expect(await scanAll(h.table)).toEqual(before);
  });

  it('rejects a bad AWSEmail literal as a validation error', async () => {
    const res = await gql(h.api.url, h.tokens.admin, 'mutation { putThing(id: "x", email: "nope") { id } }');
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]).toMatchObject({
      path: null,
      message: expect.stringContaining('Unable to parse `nope` as a valid Email Address.'),
    });
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationError');
  });

  it('rejects an AWSDateTime without an offset', async () => {
    const res = await gql(h.api.url, h.tokens.admin, PUT, {
      id: 'x',
      email: 'x@example.com',
      at: '2026-06-01T08:30:00',
    });
    expect(res.body.errors?.[0].message).toContain('as a valid DateTime');
  });

  it('words a missing required variable as AppSync does', async () => {
    const res = await gql(h.api.url, h.tokens.admin, PUT, { id: 'x' });
    expect(res.body.errors?.[0].message).toBe("Variable 'email' has coerced Null value for NonNull type 'AWSEmail!'");
  });

  it('accepts valid scalars and returns them unchanged', async () => {
    const res = await gql(h.api.url, h.tokens.admin, PUT, {
      id: 'ok',
      email: 'ok@example.com',
      at: '2026-06-01T08:30:00-07:00',
    });
    expect(res.body).toEqual({ data: { putThing: { id: 'ok' } } });
  });
});
