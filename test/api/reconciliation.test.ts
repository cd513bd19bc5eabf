import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataClient } from '../../src/graphql/client';
import { addDays, today, useTimeZone } from '../../src/lib/domain/dates';
import { loadCashCounts, loadReconciliation } from '../../src/lib/controllers/reconciliation-load';
import { cashExpected } from '../../src/lib/domain/reconciliation';
import { dynamoClient } from '../support/stack';
import { CREATE_EVENT, startApi, type Api } from './support/harness';
import {
  backDate,
  clientAs as clientAsUser,
  countStored,
  moveNow,
  refundNow,
  storedPayment,
} from './support/reconciliation';
import { book, pay } from './support/refunds';

/**
 * Reconciliation through the local AppSync and DynamoDB Local, with the operator zone the local
 * AppSync takes from amplify/time-zone.ts (America/Los_Angeles): the dashboard's totals (summed
 * from every page of the daily takings) on the Pacific days at their edges, and cash counts.
 */
let api: Api;
let eventId: string;
let otherEventId: string;

let accounting: DataClient;
const clientAs = (token: () => string) => clientAsUser(api, token);
/** A payment logged in the past (see storedPayment). */
const stored = (
  id: string,
  event: string,
  loggedAt: string,
  amountCents: number,
  method: string,
  over?: Record<string, unknown>,
) => storedPayment(api, id, event, loggedAt, amountCents, method, over);

beforeAll(async () => {
  useTimeZone('America/Los_Angeles');
  api = await startApi();
  accounting = clientAs(() => api.tokens.accounting);
  for (const [title, set] of [
    ['Recon Sail', (id: string) => (eventId = id)],
    ['Recon Rebooked', (id: string) => (otherEventId = id)],
  ] as const) {
    const res = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title, startsAt: '2026-06-01T18:00:00Z', capacity: 10, priceCents: 100_000 },
    });
    expect(res.errors).toBeUndefined();
    set(res.data!.createEvent.id);
  }
  // Spring forward: Sun Mar 8, 2026 is 23 hours long in Pacific time (08:00Z to 07:00Z next day).
  await stored('01DST00000000000000000000A', eventId, '2026-03-08T07:59:59.999Z', 1_000, 'CASH'); // Sat Mar 7, 11:59:59 PM PST
  await stored('01DST00000000000000000000B', eventId, '2026-03-08T08:00:00.000Z', 2_000, 'CASH'); // Sun Mar 8, midnight PST
  await stored('01DST00000000000000000000C', eventId, '2026-03-09T06:59:59.999Z', 4_000, 'CARD'); // Sun Mar 8, 11:59:59 PM PDT
  await stored('01DST00000000000000000000D', eventId, '2026-03-09T07:00:00.000Z', 8_000, 'CASH'); // Mon Mar 9, midnight PDT
  // On Mar 8 too: a refund (subtracts), a voided payment and a moved one (neither counts), and the
  // moved one's copy on the other sailing (counts, there).
  // The refund and the move are made by refundPayment and rebookPatron, then back-dated to Mar 8 (the
  // payment refunded stays on today, outside every range asked for here).
  await book(api, eventId, 'refunded@example.com');
  await pay(api, eventId, 'refunded@example.com', 500);
  await backDate(
    api,
    eventId,
    await refundNow(api, eventId, 'refunded@example.com', 500, 'CASH', 'weather'),
    '2026-03-08T20:00:00.000Z',
  );
  await stored('01DST00000000000000000000F', eventId, '2026-03-08T21:00:00.000Z', 16_000, 'CASH', { status: 'VOIDED' });
  const moved = await moveNow(api, eventId, otherEventId, 'moved@example.com', 32_000, 'CHECK');
  await backDate(api, eventId, moved.original, '2026-03-08T22:00:00.000Z');
  await backDate(api, otherEventId, moved.copy, '2026-03-08T22:00:00.000Z');
  // New Year's Eve in Pacific time is already the next year in UTC (the next GSI3 partition).
  await stored('01NYE00000000000000000000A', eventId, '2027-01-01T07:30:00.000Z', 64_000, 'ACH'); // Thu Dec 31, 11:30 PM PST
  await stored('01NYE00000000000000000000B', eventId, '2027-01-01T08:00:00.000Z', 128_000, 'ACH'); // Fri Jan 1, midnight PST
  // The payments written straight to the table join the daily takings as the migration adds them.
  await countStored(api);
});
afterAll(async () => {
  await api?.close();
});

describe('reconciliation totals, on the operator’s days', () => {
  it('counts a payment on the Pacific day it was logged, at both edges of a 23-hour day', async () => {
    const r = await loadReconciliation(accounting, '2026-03-07', '2026-03-09');
    const day = (d: string) => r.days.find((x) => x.day === d)!;
    expect(r.days.map((d) => d.day)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(day('2026-03-07')).toMatchObject({ takingsCents: 1_000, refundsCents: 0, netCents: 1_000 });
    expect(day('2026-03-08').takings).toEqual({ CASH: 2_000, CARD: 4_000, CHECK: 32_000, ACH: 0, OTHER: 0 });
    expect(day('2026-03-08').refunds).toEqual({ CASH: 500, CARD: 0, CHECK: 0, ACH: 0, OTHER: 0 });
    expect(day('2026-03-08').netCents).toBe(2_000 + 4_000 + 32_000 - 500);
    expect(day('2026-03-09').takingsCents).toBe(8_000);
  });

  it('subtracts refunds, skips voided and moved payments, and counts a moved payment on its new sailing', async () => {
    const r = await loadReconciliation(accounting, '2026-03-08', '2026-03-08');
    expect(r).toMatchObject({
      takingsCents: 38_000,
      refundsCents: 500,
      netCents: 37_500,
      counted: 4,
      voided: 1,
      moved: 1,
    });
    // by id: "…-recon-rebooked" before "…-recon-sail"
    expect(r.events).toEqual([
      expect.objectContaining({ eventId: otherEventId, takingsCents: 32_000, refundsCents: 0 }),
      expect.objectContaining({ eventId, takingsCents: 6_000, refundsCents: 500, netCents: 5_500 }),
    ]);
  });

  it('finds New Year’s Eve in the next UTC year’s partition, and New Year’s Day apart from it', async () => {
    expect((await loadReconciliation(accounting, '2026-12-31', '2026-12-31')).takings.ACH).toBe(64_000);
    expect((await loadReconciliation(accounting, '2027-01-01', '2027-01-01')).takings.ACH).toBe(128_000);
    const both = await loadReconciliation(accounting, '2026-12-31', '2027-01-01');
    expect(both.days.map((d) => d.netCents)).toEqual([64_000, 128_000]);
  });

  it('reads every page: a range of more than one page of takings is summed whole', async () => {
    // One takings item per event and day: 120 sailings' payments are more than one page of 100.
    for (let i = 0; i < 120; i += 1) {
      await stored(
        `01PAGE${String(i).padStart(20, '0')}`,
        `page-sail-${i}`,
        `2026-04-0${1 + (i % 3)}T19:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`,
        100,
        'CARD',
      );
    }
    await countStored(api);
    const pages: number[] = [];
    const r = await loadReconciliation(accounting, '2026-04-01', '2026-04-03', (n) => pages.push(n));
    expect(r.takings.CARD).toBe(12_000);
    expect(r.counted).toBe(120);
    expect(r.events).toHaveLength(120);
    expect(pages).toEqual([1, 2]);
  }, 60_000);

  it('is for ADMINS and ACCOUNTING: crew is refused', async () => {
    expect(
      (
        await loadReconciliation(
          clientAs(() => api.tokens.admin),
          '2026-03-08',
          '2026-03-08',
        )
      ).netCents,
    ).toBe(37_500);
    await expect(
      loadReconciliation(
        clientAs(() => api.tokens.crew),
        '2026-03-08',
        '2026-03-08',
      ),
    ).rejects.toMatchObject({ kind: 'Unauthorized' });
  });
});

describe('eventTitles', () => {
  const TITLES = `query($ids: [ID!]!) { eventTitles(ids: $ids) { id title startsAt } }`;

  it('names the events asked for, in order, null for none, for ACCOUNTING (who may not read an event)', async () => {
    expect(await accounting.eventTitles(['no-such-event', eventId])).toEqual([
      null,
      { id: eventId, title: 'Recon Sail', startsAt: '2026-06-01T18:00:00.000Z' },
    ]);
    expect(
      (
        await api.gql(api.tokens.accounting, `query($id: ID!) { getEvent(id: $id) { event { title } } }`, {
          id: eventId,
        })
      ).errors?.[0]?.errorType,
    ).toBe('Unauthorized');
  });

  it.each([
    ['no ids', [], 'ids must list 1 to 100 event ids.'],
    ['101 ids', Array.from({ length: 101 }, (_, i) => `e-${i}`), 'ids must list 1 to 100 event ids.'],
    ['one id twice', ['a-1', 'a-1'], 'ids lists a-1 twice.'],
    ['an id that is not one', ['EVENT#x'], 'ids must be 1-100 lower-case letters, digits or dashes.'],
  ])('refuses %s', async (_name, ids, message) => {
    expect((await api.gql(api.tokens.accounting, TITLES, { ids })).errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      message,
    });
  });

  it('says which of the events were cancelled (a screen naming one says nothing is owed there)', async () => {
    const made = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title: 'Recon Called Off', startsAt: '2026-06-02T18:00:00Z', capacity: 10, priceCents: 100 },
    });
    const cancelledId = made.data!.createEvent.id as string;
    const cancel = await api.gql(
      api.tokens.admin,
      `mutation($id: ID!) { cancelEvent(eventId: $id, reason: "gale") { unnotified } }`,
      { id: cancelledId },
    );
    expect(cancel.errors).toBeUndefined();
    const res = await api.gql(api.tokens.crew, `query($ids: [ID!]!) { eventTitles(ids: $ids) { id status } }`, {
      ids: [eventId, cancelledId],
    });
    expect(res.data?.eventTitles).toEqual([
      { id: eventId, status: null },
      { id: cancelledId, status: 'CANCELLED' },
    ]);
  });

  it('answers CREW too, who read every event anyway (the event page names where payments moved by title)', async () => {
    expect((await api.gql(api.tokens.crew, TITLES, { ids: [eventId] })).data?.eventTitles).toEqual([
      { id: eventId, title: 'Recon Sail', startsAt: '2026-06-01T18:00:00.000Z' },
    ]);
  });
});

const RECORD = `mutation($day: AWSDate!, $countedCents: Int!, $expectedCents: Int, $notes: String) {
  recordCashCount(day: $day, countedCents: $countedCents, expectedCents: $expectedCents, notes: $notes) {
    id day countedCents expectedCents differenceCents notes countedBy countedAt } }`;

async function audits(day: string) {
  const out = await DynamoDBDocumentClient.from(dynamoClient()).send(
    new QueryCommand({
      TableName: api.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#CASHCOUNT#${day}` },
    }),
  );
  return out.Items ?? [];
}

/** The day's cash as the dashboard sums it for the count (what the server must expect too). */
const expectedOn = async (day: string) => cashExpected((await loadReconciliation(accounting, day, day)).days[0]!);

describe('cash counts', () => {
  it('records who counted what and when, keeps a recount as another count, and audits each', async () => {
    const day = '2026-03-08';
    // The screen shows the day's cash as the reconciliation sums it; the server expects the same.
    const x = await expectedOn(day);
    const first = await accounting.recordCashCount(day, x + 1_450, x, 'drawer, two rolls of quarters');
    const admin = clientAs(() => api.tokens.admin);
    const second = await admin.recordCashCount(day, x, x, null);
    expect(first).toMatchObject({
      day,
      countedCents: x + 1_450,
      expectedCents: x,
      differenceCents: 1_450,
      notes: 'drawer, two rolls of quarters',
      countedBy: expect.stringContaining('accounting'),
    });
    expect(second).toMatchObject({
      day,
      countedCents: x,
      expectedCents: x,
      differenceCents: 0,
      notes: null,
      countedBy: expect.stringContaining('admin'),
    });
    expect(Date.parse(second.countedAt)).toBeGreaterThanOrEqual(Date.parse(first.countedAt));
    expect((await loadCashCounts(accounting, day, day)).get(day)!.map((c) => c.id)).toEqual([first.id, second.id]);
    const records = await audits(day);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      type: 'Audit',
      operation: 'recordCashCount',
      entity: `CASHCOUNT#${day}`,
      after: { id: first.id, countedCents: x + 1_450, expectedCents: x, differenceCents: 1_450 },
    });
    expect(records[0].before).toBeUndefined();
  });

  it('keeps every one of counts made at the same moment', async () => {
    const day = '2026-03-09';
    const x = await expectedOn(day);
    const made = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => accounting.recordCashCount(day, n * 100, x, `count ${n}`)),
    );
    const listed = (await loadCashCounts(accounting, day, day)).get(day)!;
    expect(listed.map((c) => c.id).sort()).toEqual(made.map((c) => c.id).sort());
    expect(await audits(day)).toHaveLength(6);
  });

  it('lists the days of a range across a new year, oldest first', async () => {
    await accounting.recordCashCount('2026-01-01', 200, 0, null);
    await accounting.recordCashCount('2025-12-31', 100, 0, null);
    const byDay = await loadCashCounts(accounting, '2025-12-30', '2026-01-02');
    expect([...byDay.keys()]).toEqual(['2025-12-31', '2026-01-01']);
  });

  it.each([
    ['a negative amount', '2026-03-07', -1, 'countedCents must be between 0 and 100000000.'],
    ['a day before 2000', '1999-12-31', 100, 'day must be in 2000 or later.'],
    [
      'tomorrow in San Diego',
      addDays(today(), 1),
      100,
      'day cannot be in the future: cash is counted on the day or after.',
    ],
  ])('refuses %s and writes nothing', async (_name, day, countedCents, message) => {
    const res = await api.gql(api.tokens.accounting, RECORD, { day, countedCents, expectedCents: 0 });
    expect(res.errors?.[0]).toMatchObject({ errorType: 'ValidationError', message });
    expect(res.data).toBeNull();
    if (day >= '2000-01-01') expect((await loadCashCounts(accounting, day, day)).size).toBe(0);
    expect(await audits(day)).toHaveLength(0);
  });

  it('expects the day’s recorded cash as the server sums it from the ledger, and refuses a caller’s other figure', async () => {
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title: 'Cash day', startsAt: '2026-08-01T18:00:00Z', capacity: 10, priceCents: 500_000 },
    });
    const eventId = ev.data!.createEvent.id as string;
    await book(api, eventId, 'cash@example.com');
    await pay(api, eventId, 'cash@example.com', 446_229);
    await pay(api, eventId, 'cash@example.com', 5_000, 'CARD');
    const day = today();
    const expected = await expectedOn(day);
    expect(expected).toBeGreaterThanOrEqual(446_229);
    const before = (await audits(day)).length;
    // "A $10 count, expected $10" on a day of $4,462.29 and more in cash: refused, nothing written.
    const ten = await api.gql(api.tokens.accounting, RECORD, { day, countedCents: 1_000, expectedCents: 1_000 });
    expect(ten.errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      message: expect.stringMatching(/^expectedCents \$10\.00 is not the day’s recorded cash/),
    });
    expect(await audits(day)).toHaveLength(before);
    const counted = await api.gql(api.tokens.accounting, RECORD, { day, countedCents: 1_000 });
    expect(counted.data!.recordCashCount).toMatchObject({ expectedCents: expected, differenceCents: 1_000 - expected });
  });

  it('expects what was recorded when it counted, with cash logged at the same moment', async () => {
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title: 'Busy cash day', startsAt: '2026-08-02T18:00:00Z', capacity: 10, priceCents: 500_000 },
    });
    const eventId = ev.data!.createEvent.id as string;
    await book(api, eventId, 'busy@example.com');
    const day = today();
    const cash = () => expectedOn(day);
    const start = await cash();
    const counts = await Promise.all([
      ...[1, 2, 3].map(() => pay(api, eventId, 'busy@example.com', 1_000).then(() => null)),
      ...[1, 2, 3].map(() =>
        api
          .gql(api.tokens.accounting, RECORD, { day, countedCents: 0 })
          .then((r) => r.data!.recordCashCount.expectedCents as number),
      ),
    ]);
    const end = await cash();
    expect(end).toBe(start + 3_000);
    for (const expected of counts.filter((c): c is number => c !== null)) {
      expect(expected).toBeGreaterThanOrEqual(start);
      expect(expected).toBeLessThanOrEqual(end);
      expect((expected - start) % 1_000).toBe(0);
    }
    expect(
      (await api.gql(api.tokens.accounting, RECORD, { day, countedCents: 0 })).data!.recordCashCount.expectedCents,
    ).toBe(end);
  });

  it('refuses a day not on the calendar (AppSync’s AWSDate already does)', async () => {
    const res = await api.gql(api.tokens.accounting, RECORD, {
      day: '2026-02-30',
      countedCents: 100,
      expectedCents: 100,
    });
    expect(res.errors?.[0]?.message).toMatch(/valid Date/);
    expect(await audits('2026-02-30')).toHaveLength(0);
  });

  it('refuses cents that are not whole, and notes too long', async () => {
    const half = await api.gql(api.tokens.accounting, RECORD, { day: '2026-03-07', countedCents: 10.5 });
    expect(half.errors?.[0]?.message).toMatch(/Int/);
    const long = await api.gql(api.tokens.accounting, RECORD, {
      day: '2026-03-07',
      countedCents: 1,
      notes: 'x'.repeat(1001),
    });
    expect(long.errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
      message: 'notes is too long: at most 1000 characters.',
    });
    expect((await loadCashCounts(accounting, '2026-03-07', '2026-03-07')).size).toBe(0);
  });

  it('accepts today in San Diego, whatever day it is in UTC', async () => {
    const res = await api.gql(api.tokens.accounting, RECORD, {
      day: today(),
      countedCents: 0,
      notes: 'counted at close',
    });
    expect(res.data!.recordCashCount.day).toBe(today());
  });

  it('is recorded by ADMINS and ACCOUNTING only', async () => {
    const res = await api.gql(api.tokens.crew, RECORD, { day: '2026-03-07', countedCents: 100 });
    expect(res.errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await loadCashCounts(accounting, '2026-03-07', '2026-03-07')).size).toBe(0);
  });
});
