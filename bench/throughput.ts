import type { Benchmark } from './lib/context';
import { checkMoneyInvariant } from './lib/invariant';
import { eventWithPatrons, LOG_PAYMENT, newKey } from './lib/operations';
import { round, summarize } from './lib/stats';

const CLIENTS = 16;
const EVENTS = 4;
const PATRONS_PER_EVENT = 4;
const MAX_ATTEMPTS = 5;

/**
 * Sustained logPayment from 16 concurrent clients, each logging for its own patron, four patrons to
 * an event (so clients contend on the event's totals as crew at one gangway would). A retryable
 * Conflict is retried with the same idempotency key, as the dashboard would. Afterwards every
 * event's totals are checked against its payments, straight from the table.
 */
export const throughput: Benchmark = async ({ stack, quick, log }) => {
  const seconds = quick ? 10 : 20;
  const table = await stack.newTable('bench-tp');
  const api = await stack.api(table);
  const crew = stack.tokens.crew;
  const events = [];
  for (let i = 0; i < EVENTS; i++)
    events.push(await eventWithPatrons(api, stack.tokens.admin, PATRONS_PER_EVENT, 100_000_000, 'Busy sail'));
  const slots = events.flatMap((e) => e.emails.map((email) => ({ eventId: e.eventId, email })));

  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let acknowledged = 0;
  let attempts = 0;
  let retries = 0;
  let acknowledgedCents = 0;
  const deadline = performance.now() + seconds * 1000;
  const client = async (n: number) => {
    const { eventId, email } = slots[n % slots.length]!;
    while (performance.now() < deadline) {
      const input = {
        idempotencyKey: newKey('tp'),
        eventId,
        patronEmail: email,
        amountCents: 1 + Math.floor(Math.random() * 100),
        method: 'CARD',
      };
      const t0 = performance.now();
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        attempts += 1;
        const r = await api.gql(crew, LOG_PAYMENT, { input });
        if (!r.errors) {
          acknowledged += 1;
          acknowledgedCents += input.amountCents;
          latencies.push(performance.now() - t0);
          break;
        }
        const e = r.errors[0]!;
        if (e.errorType === 'Conflict' && e.errorInfo?.retryable && attempt < MAX_ATTEMPTS) {
          retries += 1;
          continue;
        }
        errors.set(e.errorType ?? 'unknown', (errors.get(e.errorType ?? 'unknown') ?? 0) + 1);
        break;
      }
    }
  };
  log(`throughput: ${CLIENTS} clients for ${seconds} s`);
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
  const elapsed = (performance.now() - started) / 1000;

  const report = await checkMoneyInvariant(
    stack.ddb,
    table,
    events.map((e) => e.eventId),
  );
  const s = summarize(latencies);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  if (report.payments !== acknowledged)
    report.violations.push(`${acknowledged} payments acknowledged, ${report.payments} recorded in the table`);
  return {
    id: 'throughput',
    title: `logPayment with ${CLIENTS} concurrent clients for ${seconds} s`,
    method: `${CLIENTS} clients in one Node process, each looping logPayment (1–100 cents, crew token) for its own patron, ${PATRONS_PER_EVENT} patrons on each of ${EVENTS} events, for ${seconds} s; latency is from first attempt to acknowledgement. Afterwards every event partition is read with a consistent Query and its totals compared with its RECORDED payments.`,
    metrics: [
      {
        key: 'payments_per_second',
        label: 'acknowledged payments per second',
        value: round(acknowledged / elapsed, 1),
        unit: 'req/s',
      },
      {
        key: 'requests_per_second',
        label: 'requests per second (retries included)',
        value: round(attempts / elapsed, 1),
        unit: 'req/s',
      },
      { key: 'p50', label: 'logPayment p50 (to acknowledgement)', value: round(s.p50), unit: 'ms' },
      { key: 'p99', label: 'logPayment p99 (to acknowledgement)', value: round(s.p99), unit: 'ms' },
      { key: 'acknowledged', label: 'payments acknowledged', value: acknowledged, unit: 'count' },
      { key: 'retries', label: 'retryable Conflicts retried (transaction collisions)', value: retries, unit: 'count' },
      { key: 'errors', label: 'requests that failed for good', value: errorCount, unit: 'count' },
      {
        key: 'invariant_violations',
        label: `invariant violations over ${report.events} events, ${report.rosterEntries} roster entries, ${report.payments} payments`,
        value: report.violations.length,
        unit: 'count',
        budget: { max: 0, source: 'docs/architecture.md, invariants' },
      },
    ],
    notes: [
      `Acknowledged amounts total ${acknowledgedCents.toLocaleString('en-US')} cents.`,
      ...(errorCount ? [`Failed for good: ${[...errors].map(([t, n]) => `${t} ×${n}`).join(', ')}.`] : []),
      ...report.violations.slice(0, 10).map((v) => `Invariant violated: ${v}`),
    ],
  };
};
