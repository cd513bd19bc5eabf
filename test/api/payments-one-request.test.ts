import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from '../../bench/lib/ddb-proxy';
import { scanAll, stack } from '../support/stack';
import { eventWithPatron, LOG_PAYMENT, startApi, UPDATE_PATRON, type Api } from './support/harness';
import { REFUND } from './support/refunds';

/**
 * logPayment from a client that says what it read (the patron's name, the event's start): one
 * TransactWriteItems conditioned on them in the common case; a refusal reads, then explains it or
 * writes from what it read, exactly as for a client that sent nothing extra.
 */
let api: Api;
let proxy: CountingProxy;
beforeAll(async () => {
  proxy = await startCountingProxy(stack().dynamodbEndpoint);
  api = await startApi({ dynamodbEndpoint: proxy.endpoint });
});
afterAll(async () => {
  await api?.close();
  await proxy?.close();
});

const START = '2037-12-20T18:00:00.000Z';
const newKey = () => `k-${Math.random().toString(36).slice(2)}`;
const pay = (eventId: string, amountCents: number, extra: Record<string, unknown> = {}, idempotencyKey = newKey()) =>
  api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: { idempotencyKey, eventId, patronEmail: 'pat@example.com', amountCents, method: 'CASH', ...extra },
  });
const asBooked = { patronName: 'Pat Patron', eventStartsAt: START };
/**
 * Every DynamoDB request the API makes for the call. logPayment runs no separate access step: its
 * first request carries the caller's access record (docs/security-access.md).
 */
const requests = () => proxy.calls.map((c) => c.operation);
const carriesAccessCheck = () => proxy.calls.length > 0 && proxy.calls[0]!.body.includes('"ACCESS#');

async function paymentItems(eventId: string) {
  return (await scanAll(api.tableName)).filter(
    (i) => i.PK?.S === `EVENT#${eventId}` && i.SK?.S?.startsWith('PAYMENT#'),
  );
}

describe('logPayment in one DynamoDB request', () => {
  it('records a payment with one TransactWriteItems when the client says what it read', async () => {
    const { eventId } = await eventWithPatron(api, 20_000);
    proxy.reset();
    const res = await pay(eventId, 2_500, asBooked);
    expect(res.errors).toBeUndefined();
    expect(requests()).toEqual(['TransactWriteItems']);
    expect(carriesAccessCheck()).toBe(true);
    expect(res.data!.logPayment).toMatchObject({ patronName: 'Pat Patron', amountCents: 2_500, status: 'RECORDED' });
  });

  it('takes a start given with an offset as the same instant', async () => {
    const { eventId } = await eventWithPatron(api, 20_000);
    proxy.reset();
    const res = await pay(eventId, 100, { ...asBooked, eventStartsAt: '2037-12-20T10:00:00-08:00' });
    expect(res.errors).toBeUndefined();
    expect(requests()).toEqual(['TransactWriteItems']);
  });

  it('refuses a stale patron name in the write, then records the payment under the name as booked now', async () => {
    const { eventId } = await eventWithPatron(api, 20_000);
    const renamed = await api.gql(api.tokens.admin, UPDATE_PATRON, {
      input: { eventId, email: 'pat@example.com', name: 'Patricia Patron' },
    });
    expect(renamed.errors).toBeUndefined();
    proxy.reset();
    const res = await pay(eventId, 1_000, asBooked);
    expect(res.errors).toBeUndefined();
    expect(requests()).toEqual(['TransactWriteItems', 'TransactGetItems', 'TransactWriteItems']);
    expect(res.data!.logPayment.patronName).toBe('Patricia Patron');
    const items = await paymentItems(eventId);
    expect(items.map((i) => [i.patronName!.S, i.amountCents!.N])).toEqual([['Patricia Patron', '1000']]);
  });

  it('keeps a payment 7 years after the start as stored, whatever start the client read', async () => {
    const { eventId } = await eventWithPatron(api, 20_000);
    const res = await pay(eventId, 1_000, { ...asBooked, eventStartsAt: '2037-12-21T18:00:00.000Z' });
    expect(res.errors).toBeUndefined();
    const [item] = await paymentItems(eventId);
    expect(Number(item!.expiresAt!.N)).toBe(Date.parse(START) / 1000 + 7 * 366 * 24 * 60 * 60);
  });

  it('refuses with the same messages whether or not the client says what it read', async () => {
    const { eventId } = await eventWithPatron(api, 5_000);
    const cases: Array<[string, string, number]> = [
      ['over the balance', eventId, 9_000],
      ['no such event', `${eventId}-gone`, 100],
    ];
    for (const [what, id, cents] of cases) {
      const plain = await pay(id, cents);
      const direct = await pay(id, cents, asBooked);
      expect(plain.errors?.[0]?.message, what).toBeTruthy();
      expect([direct.errors?.[0]?.errorType, direct.errors?.[0]?.message], what).toEqual([
        plain.errors?.[0]?.errorType,
        plain.errors?.[0]?.message,
      ]);
    }
    expect(await paymentItems(eventId)).toEqual([]);
  });

  it('answers a retry with the payment recorded the first time, writing nothing more', async () => {
    const { eventId } = await eventWithPatron(api, 20_000);
    const key = newKey();
    const first = await pay(eventId, 1_500, asBooked, key);
    proxy.reset();
    const again = await pay(eventId, 1_500, asBooked, key);
    expect(again.data!.logPayment.id).toBe(first.data!.logPayment.id);
    expect(requests()).toEqual(['TransactWriteItems', 'TransactGetItems']);
    expect(await paymentItems(eventId)).toHaveLength(1);
  });
});

describe('refundPayment in one DynamoDB request', () => {
  const refund = (
    x: { eventId: string; paymentId: string },
    amountCents: number,
    extra: Record<string, unknown> = {},
  ) =>
    api.gql(api.tokens.admin, REFUND, {
      input: {
        idempotencyKey: newKey(),
        eventId: x.eventId,
        patronEmail: 'pat@example.com',
        amountCents,
        method: 'CASH',
        reason: 'Weather',
        refundOf: x.paymentId,
        ...extra,
      },
    });
  const asSeen = (refundedCents: number) => ({ ...asBooked, refundOfRefundedCents: refundedCents });
  const paid = async (cents: number) => {
    const { eventId } = await eventWithPatron(api, 20_000);
    const p = await pay(eventId, cents);
    expect(p.errors).toBeUndefined();
    return { eventId, paymentId: p.data!.logPayment.id as string };
  };

  it('records a refund of a payment with one TransactWriteItems when the client says what it read', async () => {
    const x = await paid(5_000);
    proxy.reset();
    const res = await refund(x, 1_000, asSeen(0));
    expect(res.errors).toBeUndefined();
    expect(requests()).toEqual(['TransactWriteItems']);
    expect(carriesAccessCheck()).toBe(true);
    expect(res.data!.refundPayment).toMatchObject({
      kind: 'REFUND',
      amountCents: 1_000,
      refundOf: x.paymentId,
      patronName: 'Pat Patron',
    });
  });

  it('refuses a stale refundedCents in the write, then reads and records the refund against what is refunded now', async () => {
    const x = await paid(5_000);
    expect((await refund(x, 1_000, asSeen(0))).errors).toBeUndefined();
    proxy.reset();
    const res = await refund(x, 1_000, asSeen(0));
    expect(res.errors).toBeUndefined();
    expect(requests()).toEqual(['TransactWriteItems', 'TransactGetItems', 'TransactWriteItems']);
    const items = await paymentItems(x.eventId);
    expect(items.find((i) => i.id!.S === x.paymentId)!.refundedCents!.N).toBe('2000');
  });

  it('never gives back more than the payment when two refunds read the same refundedCents at once', async () => {
    const x = await paid(3_000);
    const both = await Promise.all([refund(x, 2_000, asSeen(0)), refund(x, 2_000, asSeen(0))]);
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    const items = await paymentItems(x.eventId);
    expect(items.find((i) => i.id!.S === x.paymentId)!.refundedCents!.N).toBe('2000');
    expect(items.filter((i) => i.kind?.S === 'REFUND')).toHaveLength(1);
  });

  it('refuses with the same messages whether or not the client says what it read', async () => {
    const x = await paid(3_000);
    expect((await refund(x, 1_000)).errors).toBeUndefined();
    const cases: Array<[string, Record<string, unknown>, number]> = [
      ['more than is left of the payment', { refundOfRefundedCents: 1_000 }, 2_500],
      ['a stale refundedCents and more than is left', { refundOfRefundedCents: 0 }, 2_500],
      [
        "another patron's name and more than was paid",
        { patronName: 'Someone Else', refundOfRefundedCents: 1_000 },
        9_000,
      ],
      ['no such payment', { refundOf: 'P-none' }, 100],
    ];
    for (const [what, extra, cents] of cases) {
      const plain = await refund(x, cents, {
        refundOf: x.paymentId,
        ...('refundOf' in extra ? { refundOf: extra.refundOf } : {}),
      });
      const direct = await refund(x, cents, { ...asSeen(0), ...extra });
      expect(plain.errors?.[0]?.message, what).toBeTruthy();
      expect([direct.errors?.[0]?.errorType, direct.errors?.[0]?.message, direct.errors?.[0]?.errorInfo], what).toEqual(
        [plain.errors?.[0]?.errorType, plain.errors?.[0]?.message, plain.errors?.[0]?.errorInfo],
      );
    }
    expect((await paymentItems(x.eventId)).filter((i) => i.kind?.S === 'REFUND')).toHaveLength(1);
  });
});
