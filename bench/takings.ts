import { BatchWriteItemCommand, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';

import { eventPk, patronHistoryPk, paymentSk, paymentsByYearPk } from '../amplify/data/keys';
import { contribution, merge } from '../amplify/data/takings';
import { dayOf } from '../amplify/functions/dates';
import { takingsAdd } from '../amplify/migrations/takings-backfill';
import { operatorTimeZone } from '../amplify/time-zone';
import { createDataClient, type DataClient } from '../src/graphql/client';
import { allPages } from '../src/lib/controllers/paged-list';
import { loadReconciliation } from '../src/lib/controllers/reconciliation-load';
import { addDays, dayRange, useTimeZone } from '../src/lib/domain/dates';
import { reconcile, type ReconciledPayment } from '../src/lib/domain/reconciliation';
import type { Benchmark } from './lib/context';
import type { Api, BenchStack } from './lib/stack';
import { interleaved, median, round, summarize } from './lib/stats';

const SEASON_FROM = '2026-06-01';
const SEASON_DAYS = 90;
const SEASON_PAYMENTS = 10_000;
const DAY_PAYMENTS = 100;
const METHODS = ['CASH', 'CARD', 'CHECK', 'ACH', 'OTHER'];

/**
 * A payment as logPayment, refundPayment or voidPayment leaves it (same attributes and keys,
 * counted in the totals), on day `d` of the season: one sailing a day, each at 10:00 in San Diego
 * plus a second per payment. One in 20 is a refund, one in 50 voided.
 */
function paymentItem(i: number, day: string, n: number) {
  const id = ulid(Date.parse(`${day}T17:00:00Z`) + n * 1000);
  const loggedAt = new Date(Date.parse(`${day}T17:00:00Z`) + n * 1000).toISOString();
  const eventId = `${day}-bench-sail`;
  const email = `patron${i % 3_000}@bench.test`;
  return {
    PK: eventPk(eventId),
    SK: paymentSk(id),
    type: 'Payment',
    id,
    eventId,
    patronEmail: email,
    patronName: `Patron ${i}`,
    amountCents: 1_000 + (i % 9_000),
    currency: 'USD',
    method: METHODS[i % METHODS.length]!,
    kind: i % 20 === 19 ? 'REFUND' : 'PAYMENT',
    receivedAt: loggedAt,
    loggedAt,
    loggedBy: 'crew@example.com',
    status: i % 50 === 49 ? 'VOIDED' : 'RECORDED',
    idempotencyKey: `bench-${id}`,
    inTotals: true,
    GSI1PK: patronHistoryPk(email),
    GSI1SK: `${loggedAt}#${id}`,
    GSI3PK: paymentsByYearPk(loggedAt),
    GSI3SK: `${loggedAt}#${id}`,
  };
}

/**
 * `count` payments over `days` days from `from`, written with BatchWriteItem (as history-flat
 * loads), and the daily takings they add up to, by the same `contribution` the payment resolvers
 * append to their transactions, ADDed per totals item as they do. Loading 10,000 payments through
 * logPayment would take minutes; the read is what is measured, and it is checked against the ledger.
 */
async function load(stack: BenchStack, tableName: string, from: string, days: number, count: number) {
  const zone = operatorTimeZone();
  const items = Array.from({ length: count }, (_, i) => paymentItem(i, addDays(from, i % days), Math.floor(i / days)));
  for (let at = 0; at < items.length; at += 25 * 8) {
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        let requests: WriteRequest[] = items
          .slice(at + w * 25, at + w * 25 + 25)
          .map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } }));
        while (requests.length) {
          const out = await stack.ddb.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
          requests = out.UnprocessedItems?.[tableName] ?? [];
        }
      }),
    );
  }
  const db = DynamoDBDocumentClient.from(stack.ddb);
  const deltas = merge(
    items.map((p) => contribution(p, dayOf(new Date(p.loggedAt), zone), dayOf(new Date(p.receivedAt), zone))),
  );
  for (const d of deltas) await db.send(new UpdateCommand(takingsAdd(tableName, d).Update));
  return deltas.length;
}

/** The dashboard's own client over `api` as `token`, adding up the response bytes it reads. */
function dashboardClient(api: Api, token: string) {
  const read = { bytes: 0 };
  const client: DataClient = createDataClient(async (query, variables) => {
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    read.bytes += Buffer.byteLength(text);
    const body = JSON.parse(text) as { data: unknown; errors?: unknown[] };
    if (body.errors?.length) throw { errors: body.errors };
    return body.data;
  });
  return { client, read };
}

/**
 * The reconciliation page's read (loadReconciliation: every page of `takings`, then
 * reconcileTakings) for a 90-day season of 10,000 payments against one day of 100: time and
 * DynamoDB requests should not grow with the payments, only with the pages of days. And the bytes
 * the page reads for the season, against what paging paymentsBetween (its read before) returns.
 */
export const takings: Benchmark = async ({ stack, quick, log }) => {
  const rounds = quick ? 40 : 200;
  useTimeZone(operatorTimeZone());
  const seasonTo = addDays(SEASON_FROM, SEASON_DAYS - 1);
  const oneDay = '2026-07-15';
  const [dayTable, seasonTable] = await Promise.all([
    stack.newTable('bench-takings-d'),
    stack.newTable('bench-takings-s'),
  ]);
  log(
    `takings: loading ${SEASON_PAYMENTS.toLocaleString('en-US')} payments over ${SEASON_DAYS} days and ${DAY_PAYMENTS} on one day`,
  );
  const t0 = performance.now();
  const dayItems = await load(stack, dayTable, oneDay, 1, DAY_PAYMENTS);
  const seasonItems = await load(stack, seasonTable, SEASON_FROM, SEASON_DAYS, SEASON_PAYMENTS);
  const loadSeconds = (performance.now() - t0) / 1000;
  const token = stack.tokens.accounting;
  // Timed without the proxy (as event-load times getEvent); counted through it.
  const [dayApi, seasonApi, dayCounted, seasonCounted] = await Promise.all([
    stack.api(dayTable),
    stack.api(seasonTable),
    stack.api(dayTable, { proxy: true }),
    stack.api(seasonTable, { proxy: true }),
  ]);
  const day = dashboardClient(dayApi, token);
  const season = dashboardClient(seasonApi, token);

  // The totals read are the ledger's: the same as summing every payment of the season.
  const seasonRange = dayRange(SEASON_FROM, seasonTo);
  season.read.bytes = 0;
  const paymentsStarted = performance.now();
  const payments = await allPages<ReconciledPayment>((t) =>
    season.client.reconciliationPayments(seasonRange.from, seasonRange.to, t),
  );
  const paymentsMs = performance.now() - paymentsStarted;
  const paymentsBytes = season.read.bytes;
  const paymentsPages = Math.ceil(payments.length / 100);
  season.read.bytes = 0;
  let takingsPages = 0;
  const kept = await loadReconciliation(season.client, SEASON_FROM, seasonTo, (n) => (takingsPages = n));
  const takingsBytes = season.read.bytes;
  const summed = reconcile(payments, SEASON_FROM, seasonTo);
  if (JSON.stringify(kept) !== JSON.stringify(summed))
    throw new Error("the season's takings differ from the sum of its payments");
  if (kept.counted + kept.voided !== SEASON_PAYMENTS)
    throw new Error(`the season's takings count ${kept.counted + kept.voided} payments, expected ${SEASON_PAYMENTS}`);

  const requests = { day: [] as number[], season: [] as number[] };
  /** DynamoDB Local's share of each load (upstream ms at the proxy): what the rest of the time is not. */
  const dynamoMs = { day: [] as number[], season: [] as number[] };
  for (let i = 0; i < 10; i++) {
    for (const [key, api, from, to] of [
      ['day', dayCounted, oneDay, oneDay],
      ['season', seasonCounted, SEASON_FROM, seasonTo],
    ] as const) {
      api.proxy!.reset();
      await loadReconciliation(dashboardClient(api, token).client, from, to);
      requests[key].push(api.proxy!.calls.length);
      dynamoMs[key].push(api.proxy!.calls.reduce((sum, c) => sum + c.ms, 0));
    }
  }
  log(`takings: ${rounds} interleaved rounds`);
  const s = await interleaved(
    {
      day: () => loadReconciliation(day.client, oneDay, oneDay),
      season: () => loadReconciliation(season.client, SEASON_FROM, seasonTo),
    },
    rounds,
  );
  const d = summarize(s.day);
  const y = summarize(s.season);
  const requestsRatio = median(requests.season) / median(requests.day);
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  return {
    id: 'takings',
    title: `Reconciliation totals: ${SEASON_DAYS} days of ${SEASON_PAYMENTS.toLocaleString('en-US')} payments against one day of ${DAY_PAYMENTS}`,
    method: `The reconciliation page's load (loadReconciliation: every page of \`takings\`, then reconcileTakings) as accounting, ${rounds} interleaved rounds after warm-up, through the local AppSync on two tables: one sailing a day, ${SEASON_PAYMENTS.toLocaleString('en-US')} payments over ${SEASON_FROM} – ${seasonTo} (5% refunds, 2% voided), and ${DAY_PAYMENTS} on ${oneDay}. Payments written with BatchWriteItem and their daily takings ADDed from the resolvers' own \`contribution\`, then checked equal to reconcile() of every payment read by paymentsBetween. Timed straight to DynamoDB Local; DynamoDB requests counted over 10 further loads each through a counting proxy in front of it. Bytes: the GraphQL response bodies the page reads for the season, against paging paymentsBetween with the page's former selection.`,
    metrics: [
      { key: 'day_p50', label: `one day of ${DAY_PAYMENTS}, p50`, value: round(d.p50), unit: 'ms' },
      {
        key: 'season_p50',
        label: `${SEASON_DAYS} days of ${SEASON_PAYMENTS.toLocaleString('en-US')}, p50`,
        value: round(y.p50),
        unit: 'ms',
      },
      { key: 'season_p99', label: `${SEASON_DAYS} days, p99`, value: round(y.p99), unit: 'ms' },
      {
        key: 'ratio_p50',
        label: 'season / day, p50 time',
        value: round(y.p50 / d.p50),
        unit: 'x',
        budget: { max: 1.5, source: 'issue 27 §2' },
      },
      { key: 'requests_day', label: 'DynamoDB requests, one day', value: median(requests.day), unit: 'count' },
      {
        key: 'requests_season',
        label: `DynamoDB requests, ${SEASON_DAYS} days`,
        value: median(requests.season),
        unit: 'count',
      },
      {
        key: 'requests_ratio',
        label: 'season / day, DynamoDB requests (median)',
        value: round(requestsRatio),
        unit: 'x',
        budget: { max: 1.5, source: 'issue 27 §2' },
      },
      {
        key: 'season_bytes',
        label: `the page's bytes for ${SEASON_DAYS} days (takings)`,
        value: takingsBytes,
        unit: 'B',
      },
      {
        key: 'season_bytes_payments',
        label: `the same season by paymentsBetween (the page's read before)`,
        value: paymentsBytes,
        unit: 'B',
      },
    ],
    notes: [
      `Takings items read: ${dayItems} for the day, ${seasonItems} for the season (one per sailing and day), in ${takingsPages} page(s) of up to 100; the requests grow with the pages of sailing-days, not with payments (two sailings a day would be 180 items, two pages).`,
      `The season's page: ${kb(takingsBytes)} in ${takingsPages} response(s); by paymentsBetween it was ${kb(paymentsBytes)} in ${paymentsPages} pages, read in ${(paymentsMs / 1000).toFixed(1)} s once (the takings load: ${round(y.p50)} ms p50).`,
      `DynamoDB Local's share of a load (median of 10, at the proxy): ${round(median(dynamoMs.day))} ms for the day, ${round(median(dynamoMs.season))} ms for the season; the rest is the local AppSync (resolver, GraphQL execution of 90 items) and the client.`,
      `Loading the two tables took ${loadSeconds.toFixed(0)} s (not measured).`,
    ],
  };
};
