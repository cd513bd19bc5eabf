import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillTakings } from '../../amplify/migrations/takings-backfill';
import type { DataClient } from '../../src/graphql/client';
import type { Page, Takings } from '../../src/graphql/types';
import { dayRange, today, useTimeZone } from '../../src/lib/domain/dates';
import { reconcile, reconcileTakings, type ReconciledPayment } from '../../src/lib/domain/reconciliation';
import { dynamoClient } from '../support/stack';
import { startApi, VOID_PAYMENT, type Api } from './support/harness';
import { clientAs, moveNow, refundNow, storedPayment } from './support/reconciliation';
import { book, newEvent, pay } from './support/refunds';

/**
 * Daily takings: every payment, refund, void and move keeps its event's totals of the operator's
 * day in its own transaction, so the `takings` query answers a range with exactly what summing
 * every payment of it gives (src/lib/domain/reconciliation.ts reconcile); the backfill counts what was
 * written before the totals, once.
 */
const ZONE = 'America/Los_Angeles';
let api: Api;
let accounting: DataClient;
let a: string;
let b: string;

async function everyPage<T>(page: (token: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let token: string | null = null;
  do {
    const p: Page<T> = await page(token);
    all.push(...p.items);
    token = p.nextToken ?? null;
  } while (token);
  return all;
}

/** The range summed both ways, over these tests' events only (other suites share the table). */
async function bothWays(from: string, to: string, events: string[]) {
  const range = dayRange(from, to);
  const payments = (await everyPage((t) => accounting.reconciliationPayments(range.from, range.to, t))).filter((p) =>
    events.includes(p.eventId),
  );
  const kept = (await everyPage((t) => accounting.takings(from, to, t))).filter((t) => events.includes(t.eventId));
  return {
    summed: reconcile(payments as ReconciledPayment[], from, to),
    kept: reconcileTakings(kept, from, to),
    items: kept,
  };
}

const TAKINGS = `query($from: AWSDate!, $to: AWSDate!, $limit: Int, $nextToken: String) {
  takings(from: $from, to: $to, limit: $limit, nextToken: $nextToken) { items { day eventId takingsCents } nextToken } }`;

beforeAll(async () => {
  useTimeZone(ZONE);
  api = await startApi();
  accounting = clientAs(api, () => api.tokens.accounting);
  a = await newEvent(api);
  b = await newEvent(api);
});
afterAll(async () => {
  await api?.close();
});

describe('takings kept as the money moves', () => {
  it('equal the sum of the day’s ledger after payments, refunds, voids of each and a move', async () => {
    await book(api, a, 'kim@example.com');
    await book(api, a, 'lou@example.com');
    await pay(api, a, 'kim@example.com', 2_500, 'CASH');
    const wrong = await pay(api, a, 'kim@example.com', 1_000, 'CARD');
    await pay(api, a, 'lou@example.com', 4_000, 'CHECK');
    const refundId = await refundNow(api, a, 'lou@example.com', 700, 'CASH', 'weather');
    await refundNow(api, a, 'lou@example.com', 300, 'CARD', 'weather');
    for (const paymentId of [wrong.id, refundId]) {
      const res = await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId: a, paymentId, reason: 'wrong entry' });
      expect(res.errors).toBeUndefined();
    }
    await moveNow(api, a, b, 'max@example.com', 8_000, 'ACH');
    const day = today();
    const { summed, kept, items } = await bothWays(day, day, [a, b]);
    expect(kept).toEqual(summed);
    expect(kept).toMatchObject({
      takingsCents: 2_500 + 4_000 + 8_000,
      refundsCents: 300,
      counted: 4,
      voided: 2,
      moved: 1,
    });
    expect(kept.events.map((e) => [e.eventId, e.netCents])).toEqual(
      expect.arrayContaining([
        [a, 6_200],
        [b, 8_000],
      ]),
    );
    // one item per event and day, not one per payment
    expect(items).toHaveLength(2);
  });

  it('counts what was written before the totals once the backfill has run, and a second run changes nothing', async () => {
    const db = DynamoDBDocumentClient.from(dynamoClient());
    const old = (id: string, loggedAt: string, cents: number, method: string, over?: Record<string, unknown>) =>
      storedPayment(api, id, b, loggedAt, cents, method, over);
    await old('01OLD00000000000000000000A', '2026-02-01T07:59:59.999Z', 1_000, 'CASH'); // Jan 31, 11:59:59 PM PST
    await old('01OLD00000000000000000000B', '2026-02-01T08:00:00.000Z', 2_000, 'CARD'); // Feb 1, midnight PST
    await old('01OLD00000000000000000000C', '2026-02-01T20:00:00.000Z', 400, 'CARD', { kind: 'REFUND' });
    await old('01OLD00000000000000000000D', '2026-02-01T21:00:00.000Z', 9_000, 'CASH', { status: 'VOIDED' });
    await old('01OLD00000000000000000000E', '2026-02-01T22:00:00.000Z', 3_000, 'CHECK', {
      status: 'MOVED',
      receivedAt: '2026-01-20T18:00:00.000Z',
    });
    await old('01OLD00000000000000000000F', '2026-02-01T23:00:00.000Z', 5_000, 'ACH', {
      receivedAt: '2026-01-20T18:00:00.000Z',
    });
    const before = await bothWays('2026-01-31', '2026-02-01', [b]);
    expect(before.items).toEqual([]);
    expect(before.summed.netCents).toBe(1_000 + 2_000 - 400 + 5_000);

    const first = await backfillTakings(db, api.tableName, ZONE);
    expect(first.counted).toBeGreaterThanOrEqual(6);
    const after = await bothWays('2026-01-31', '2026-02-01', [b]);
    expect(after.kept).toEqual(after.summed);
    expect(after.kept).toMatchObject({ counted: 4, voided: 1, moved: 1, lateEntries: 1 });
    expect(after.kept.days.map((d) => d.netCents)).toEqual([1_000, 2_000 - 400 + 5_000]);

    expect(await backfillTakings(db, api.tableName, ZONE)).toEqual({ scanned: 0, counted: 0 });
    expect((await bothWays('2026-01-31', '2026-02-01', [b])).kept).toEqual(after.summed);
  });

  it('pages a range by its items: limit 1 walks them all, one token at a time', async () => {
    const day = today();
    const seen: string[] = [];
    let nextToken: string | null = null;
    do {
      const res: { data?: Record<string, any> | null; errors?: unknown[] } = await api.gql(api.tokens.admin, TAKINGS, {
        from: day,
        to: day,
        limit: 1,
        nextToken,
      });
      expect(res.errors).toBeUndefined();
      const page = res.data!.takings as { items: Takings[]; nextToken: string | null };
      seen.push(...page.items.map((t) => t.eventId));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(expect.arrayContaining([a, b]));
  });

  it.each([
    ['a start after the end', { from: '2026-02-02', to: '2026-02-01' }, 'from must not be after to.'],
    [
      'more than 366 days',
      { from: '2026-01-01', to: '2027-01-02' },
      'A range of takings covers at most 366 days: pick a shorter range.',
    ],
    ['a day before 2000', { from: '1999-12-31', to: '2000-01-01' }, 'from must be in 2000 or later.'],
    [
      'a token of another range',
      { from: '2026-01-01', to: '2026-01-02', nextToken: 'e30.abc' },
      'nextToken is not valid for this query: start again without it.',
    ],
  ])('refuses %s with a ValidationError', async (_name, args, message) => {
    const res = await api.gql(api.tokens.accounting, TAKINGS, args);
    expect(res.errors?.[0]).toMatchObject({ errorType: 'ValidationError', message });
  });

  it('is for ADMINS and ACCOUNTING: crew is refused', async () => {
    const res = await api.gql(api.tokens.crew, TAKINGS, { from: '2026-02-01', to: '2026-02-01' });
    expect(res.errors?.[0]?.errorType).toBe('Unauthorized');
  });
});
