import { RealtimeClient } from '../local/appsync/realtime-client';
import type { Benchmark } from './lib/context';
import { eventWithPatrons, LOG_PAYMENT, newKey } from './lib/operations';
import { round, summarize } from './lib/stats';

/** Another user's change shows within a second (docs/architecture.md, budgets). */
const BUDGET_MS = 1_000;
const SUBSCRIBERS = 50;
const ON_PAYMENT = 'subscription($eventId: ID!) { onPaymentChanged(eventId: $eventId) { id eventId amountCents } }';

/**
 * Mutation → subscriber update on the local real-time endpoint: 50 subscribers (each its own
 * WebSocket connection, as 50 phones would be) on one event's onPaymentChanged; each round logs a
 * payment over HTTP and times, for every subscriber, from sending the mutation to its data message.
 */
export const live: Benchmark = async ({ stack, quick, log }) => {
  const rounds = quick ? 20 : 100;
  const table = await stack.newTable('bench-live');
  const api = await stack.api(table);
  const { eventId, emails } = await eventWithPatrons(api, stack.tokens.admin, 1, 100_000_000);
  const header = { Authorization: stack.tokens.crew, host: new URL(api.url).host };
  const url = api.url.replace('http://', 'ws://');

  log(`live: ${SUBSCRIBERS} subscribers`);
  const clients = await Promise.all(Array.from({ length: SUBSCRIBERS }, () => RealtimeClient.open(url, header)));
  let arrived: number[] = [];
  let allArrived: () => void = () => undefined;
  for (const client of clients) {
    await client.init();
    const ack = await client.start('payments', ON_PAYMENT, { eventId }, header);
    if (ack.type !== 'start_ack') throw new Error(`subscription refused: ${JSON.stringify(ack)}`);
    // Timed where the message arrives, before the client parses it. Rounds run one at a time, so
    // every data message of a round is that round's payment.
    client.socket.on('message', (data) => {
      if (!String(data).startsWith('{"type":"data"')) return;
      arrived.push(performance.now());
      if (arrived.length === SUBSCRIBERS) allArrived();
    });
  }

  const latencies: number[] = [];
  const lastPerRound: number[] = [];
  const mutation: number[] = [];
  try {
    for (let i = 0; i < rounds + 3; i++) {
      const key = newKey('live');
      arrived = [];
      const everyone = new Promise<void>((resolve, reject) => {
        allArrived = resolve;
        setTimeout(
          () =>
            reject(
              new Error(`round ${i}: ${arrived.length} of ${SUBSCRIBERS} subscribers got the payment within 10 s`),
            ),
          10_000,
        );
      });
      const t0 = performance.now();
      const result = await api.gql<{ logPayment: { id: string } }>(stack.tokens.crew, LOG_PAYMENT, {
        input: { idempotencyKey: key, eventId, patronEmail: emails[0], amountCents: 1, method: 'CASH' },
      });
      const answered = performance.now();
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      await everyone;
      if (i < 3) continue; // warm-up
      mutation.push(answered - t0);
      latencies.push(...arrived.map((t) => t - t0));
      lastPerRound.push(Math.max(...arrived) - t0);
    }
  } finally {
    for (const client of clients) client.close();
  }

  const all = summarize(latencies);
  const last = summarize(lastPerRound);
  const http = summarize(mutation);
  return {
    id: 'live',
    title: `Mutation → subscriber update, ${SUBSCRIBERS} subscribers on one event`,
    method: `${rounds} rounds (after 3 warm-up), each a logPayment over HTTP (crew token) on an event that ${SUBSCRIBERS} WebSocket clients subscribe to (onPaymentChanged, AppSync's protocol, one connection each); every subscriber's time from sending the mutation to its data message, client and server in one Node process.`,
    metrics: [
      { key: 'update_p50', label: 'mutation → subscriber update p50', value: round(all.p50), unit: 'ms' },
      {
        key: 'update_p99',
        label: 'mutation → subscriber update p99',
        value: round(all.p99),
        unit: 'ms',
        budget: { max: BUDGET_MS, source: 'docs/architecture.md, budgets' },
      },
      {
        key: 'last_subscriber_p50',
        label: `last of the ${SUBSCRIBERS} subscribers p50`,
        value: round(last.p50),
        unit: 'ms',
      },
      {
        key: 'last_subscriber_p99',
        label: `last of the ${SUBSCRIBERS} subscribers p99`,
        value: round(last.p99),
        unit: 'ms',
      },
      { key: 'mutation_p50', label: 'logPayment response p50 (same rounds)', value: round(http.p50), unit: 'ms' },
    ],
    notes: [
      `${latencies.length} deliveries timed. The endpoint publishes when the mutation's result is ready, just before answering it, so each figure includes the mutation's own time (p50 ${round(http.p50)} ms); the rest is the enhanced filter check and one GraphQL execution of the subscriber's selection per subscriber, then the WebSocket send.`,
    ],
  };
};
