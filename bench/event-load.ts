import type { Benchmark } from './lib/context';
import { eventWithPatrons, GET_EVENT } from './lib/operations';
import { median, round, summarize, timed } from './lib/stats';

const PATRONS = 150;

/**
 * getEvent for an event with 150 patrons: its latency, and how many requests it sends to DynamoDB,
 * counted at a proxy in front of DynamoDB Local (the event and its roster are one Query: docs/architecture.md, the table).
 */
export const eventLoad: Benchmark = async ({ stack, quick, log }) => {
  const runs = quick ? 40 : 200;
  const table = await stack.newTable('bench-event');
  const api = await stack.api(table);
  const traced = await stack.api(table, { proxy: true });
  const proxy = traced.proxy!;
  const admin = stack.tokens.admin;
  log(`event-load: adding ${PATRONS} patrons`);
  const { eventId } = await eventWithPatrons(api, admin, PATRONS, 5_000, 'Crowded sail');

  const check = await api.must<{ getEvent: { roster: unknown[] } }>(admin, GET_EVENT, { id: eventId });
  if (check.getEvent.roster.length !== PATRONS)
    throw new Error(`getEvent returned ${check.getEvent.roster.length} roster entries, expected ${PATRONS}`);

  const requests: number[] = [];
  const operations = new Set<string>();
  for (let i = 0; i < Math.min(runs, 20); i++) {
    proxy.reset();
    await traced.must(admin, GET_EVENT, { id: eventId });
    requests.push(proxy.calls.length);
    for (const c of proxy.calls) operations.add(c.operation);
  }
  log(`event-load: ${runs} timed calls`);
  const samples: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const ms = await timed(() => api.must(admin, GET_EVENT, { id: eventId }));
    if (i >= 10) samples.push(ms);
  }
  const s = summarize(samples);
  const most = Math.max(...requests);
  return {
    id: 'event-load',
    title: `getEvent for an event with ${PATRONS} patrons`,
    method: `${runs} sequential getEvent calls (admin token, the dashboard's selection set) after 10 unmeasured; DynamoDB requests counted on ${requests.length} further calls through a counting proxy in front of DynamoDB Local.`,
    metrics: [
      { key: 'p50', label: 'getEvent p50', value: round(s.p50), unit: 'ms' },
      { key: 'p99', label: 'getEvent p99', value: round(s.p99), unit: 'ms' },
      {
        key: 'dynamodb_requests',
        label: 'DynamoDB requests per getEvent (most seen)',
        value: most,
        unit: 'count',
        budget: { max: 1, source: 'docs/architecture.md, budgets' },
      },
    ],
    notes: [
      `Operations seen: ${[...operations].join(', ')}; requests per call, median ${median(requests)}, over ${requests.length} calls. Roster entries returned: ${PATRONS}.`,
    ],
  };
};
