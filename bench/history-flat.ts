import { BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';

import { eventPk, patronHistoryPk, paymentSk, paymentsByYearPk } from '../amplify/data/keys';
import type { Benchmark } from './lib/context';
import { PAYMENTS_BY_PATRON } from './lib/operations';
import type { BenchStack } from './lib/stack';
import { interleaved, round, summarize } from './lib/stats';

const SMALL = 1_000;
const PAGE = 20;
/** The patron whose history is read: the same number of payments in both tables. */
const SUBJECT = 'subject@bench.test';
const SUBJECT_PAYMENTS = 60;

/** A payment as logPayment stores it (same attributes and keys), written directly. */
function paymentItem(i: number, email: string, start: number) {
  const id = ulid(start + i);
  const loggedAt = new Date(start + i * 1000).toISOString();
  const eventId = `2026-07-${String((i % 28) + 1).padStart(2, '0')}-bench-${i % 500}`;
  return {
    PK: eventPk(eventId),
    SK: paymentSk(id),
    type: 'Payment',
    id,
    eventId,
    patronEmail: email,
    patronName: `Patron ${email}`,
    amountCents: 1_000 + (i % 9_000),
    currency: 'USD',
    method: 'CARD',
    receivedAt: loggedAt,
    loggedAt,
    loggedBy: 'crew@example.com',
    status: 'RECORDED',
    idempotencyKey: `bench-${id}`,
    expiresAt: Math.floor(start / 1000) + 7 * 366 * 86400,
    GSI1PK: patronHistoryPk(email),
    GSI1SK: `${loggedAt}#${id}`,
    GSI3PK: paymentsByYearPk(loggedAt),
    GSI3SK: `${loggedAt}#${id}`,
  };
}

/**
 * `count` payments, SUBJECT_PAYMENTS of them the subject's and the rest spread over 5,000 other
 * patrons, with BatchWriteItem (25 a request) from `parallel` writers, retrying unprocessed items.
 */
async function load(stack: BenchStack, tableName: string, count: number, parallel: number) {
  const start = Date.parse('2026-01-01T00:00:00Z');
  let next = 0;
  const writer = async () => {
    while (next < count) {
      const from = next;
      next = Math.min(count, next + 25);
      let requests: WriteRequest[] = [];
      for (let i = from; i < next; i++) {
        const email = i < SUBJECT_PAYMENTS ? SUBJECT : `patron${i % 5_000}@bench.test`;
        requests.push({
          PutRequest: { Item: marshall(paymentItem(i, email, start), { removeUndefinedValues: true }) },
        });
      }
      while (requests.length) {
        const out = await stack.ddb.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
        requests = out.UnprocessedItems?.[tableName] ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, writer));
}

/**
 * paymentsByPatron's first page with 1,000 and with 100,000 payments in the table, for a patron
 * with the same history in both: a GSI1 Query should not care how big the table is.
 */
export const historyFlat: Benchmark = async ({ stack, quick, log }) => {
  const large = quick ? 20_000 : 100_000;
  const rounds = quick ? 60 : 300;
  const [smallTable, largeTable] = await Promise.all([stack.newTable('bench-hist-s'), stack.newTable('bench-hist-l')]);
  const t0 = performance.now();
  await load(stack, smallTable, SMALL, 8);
  log(`history-flat: loading ${large.toLocaleString('en-US')} payments`);
  await load(stack, largeTable, large, 8);
  const loadSeconds = (performance.now() - t0) / 1000;
  const [small, big] = await Promise.all([stack.api(smallTable), stack.api(largeTable)]);
  const token = stack.tokens.accounting;
  for (const api of [small, big]) {
    const page = await api.must<{ paymentsByPatron: { items: unknown[] } }>(token, PAYMENTS_BY_PATRON, {
      email: SUBJECT,
      limit: PAGE,
    });
    if (page.paymentsByPatron.items.length !== PAGE)
      throw new Error(`first page has ${page.paymentsByPatron.items.length} items, expected ${PAGE}`);
  }
  log(`history-flat: ${rounds} interleaved rounds`);
  const s = await interleaved(
    {
      small: () => small.must(token, PAYMENTS_BY_PATRON, { email: SUBJECT, limit: PAGE }),
      large: () => big.must(token, PAYMENTS_BY_PATRON, { email: SUBJECT, limit: PAGE }),
    },
    rounds,
  );
  const a = summarize(s.small);
  const b = summarize(s.large);
  const label = (n: number) => n.toLocaleString('en-US');
  return {
    id: 'history-flat',
    title: `paymentsByPatron first page, ${label(SMALL)} vs ${label(large)} payments in the table`,
    method: `Two tables, loaded with BatchWriteItem (8 writers in parallel) with payments shaped as logPayment writes them, spread over 5,000 patrons; the patron read has ${SUBJECT_PAYMENTS} payments in both. ${rounds} interleaved rounds of the first page (limit ${PAGE}, accounting token), one local AppSync per table.`,
    metrics: [
      { key: 'small_p50', label: `p50 with ${label(SMALL)} payments`, value: round(a.p50), unit: 'ms' },
      { key: 'large_p50', label: `p50 with ${label(large)} payments`, value: round(b.p50), unit: 'ms' },
      { key: 'small_p99', label: `p99 with ${label(SMALL)} payments`, value: round(a.p99), unit: 'ms' },
      { key: 'large_p99', label: `p99 with ${label(large)} payments`, value: round(b.p99), unit: 'ms' },
      // "Flat" within measurement noise: a Query reads one partition of GSI1 whatever the table's size.
      {
        key: 'ratio_p50',
        label: 'ratio p50 (large / small)',
        value: round(b.p50 / a.p50),
        unit: 'x',
        budget: { max: 1.25, source: 'docs/architecture.md, budgets: flat, taken as within 25%' },
      },
    ],
    notes: [
      `Loading ${label(SMALL + large)} payments took ${loadSeconds.toFixed(1)} s (${Math.round((SMALL + large) / loadSeconds).toLocaleString('en-US')} items/s).`,
      ...(quick ? [`Quick mode: the large table holds ${label(large)} payments, not 100,000.`] : []),
    ],
  };
};
