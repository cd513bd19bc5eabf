import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAll } from '../support/stack';
import { eventWithPayment, startApi, type Api } from './support/harness';

/**
 * The back office's mutations (refunds, cancellations, records, team, cash) at their boundary, as an outsider would try them: hostile
 * text, amounts outside their domain, a move onto the same sailing, too many ids. Each is refused
 * with a ValidationError and leaves the table as it was.
 */
let api: Api;
let target: { eventId: string; email: string; paymentId: string };
beforeAll(async () => {
  api = await startApi();
  target = await eventWithPayment(api, 20_000, 'hostile@example.com');
});
afterAll(async () => {
  await api?.close();
});

const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { id } }`;
const CANCEL = `mutation($eventId: ID!, $reason: String!) { cancelEvent(eventId: $eventId, reason: $reason) { unnotified } }`;
const REBOOK = `mutation($eventId: ID!, $email: AWSEmail!, $toEventId: ID!) { rebookPatron(eventId: $eventId, email: $email, toEventId: $toEventId) { payments { id } } }`;
const TITLES = `query($ids: [ID!]!) { eventTitles(ids: $ids) { id } }`;
const refund = (over: Record<string, unknown>) => ({
  input: {
    idempotencyKey: randomUUID(),
    eventId: target.eventId,
    patronEmail: target.email,
    amountCents: 100,
    method: 'CASH',
    reason: 'Weather',
    ...over,
  },
});

describe('the back office refuses hostile input and writes nothing', () => {
  it.each([
    ['a refund of 0 cents', REFUND, () => refund({ amountCents: 0 })],
    ['a negative refund', REFUND, () => refund({ amountCents: -100 })],
    ['a refund past an amount’s bound', REFUND, () => refund({ amountCents: 100_000_001 })],
    ['a refund reason with a right-to-left override', REFUND, () => refund({ reason: 'refund \u202egnp.exe' })],
    ['a refund reason of spaces', REFUND, () => refund({ reason: '   ' })],
    ['a cancellation reason with a NUL', CANCEL, () => ({ eventId: target.eventId, reason: 'a\u0000b' })],
    [
      'a cancellation reason of 1,001 characters',
      CANCEL,
      () => ({ eventId: target.eventId, reason: 'x'.repeat(1001) }),
    ],
    [
      'a move onto the same sailing',
      REBOOK,
      () => ({ eventId: target.eventId, email: target.email, toEventId: target.eventId }),
    ],
    ['101 event ids at once', TITLES, () => ({ ids: Array.from({ length: 101 }, (_, i) => `e-${i}`) })],
  ])('refuses %s', async (_name, doc, variables) => {
    const before = await scanAll(api.tableName);
    const { errors } = await api.gql(api.tokens.admin, doc, variables());
    expect(errors?.[0]?.errorType).toBe('ValidationError');
    expect(await scanAll(api.tableName)).toEqual(before);
  });
});
