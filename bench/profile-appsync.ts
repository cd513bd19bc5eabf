/**
 * Scratch profiler for the local AppSync's own overhead (not part of `npm run bench`):
 * times a NONE query (`{ __typename }`), getEvent, logPayment and the bare DynamoDB calls
 * logPayment issues (captured through the counting proxy, replayed), interleaved in one run.
 *
 *   npx tsx bench/profile-appsync.ts [rounds]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile-appsync.ts 300
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { eventWithPatrons, GET_EVENT, LOG_PAYMENT, newKey, TYPENAME } from './lib/operations';
import { replayer } from './lib/replay';
import { startBenchStack } from './lib/stack';
import { interleaved, summarize } from './lib/stats';

const rounds = Number(process.argv[2] ?? 150);
const stack = await startBenchStack();
try {
  const table = await stack.newTable('profile');
  const api = await stack.api(table);
  const traced = await stack.api(table, { proxy: true });
  const { crew, admin } = stack.tokens;
  const { eventId, emails } = await eventWithPatrons(api, admin, 3, 100_000_000);
  const input = (idempotencyKey = newKey()) => ({ idempotencyKey, eventId, patronEmail: emails[0], amountCents: 1, method: 'CASH' });

  const key = newKey();
  traced.proxy!.reset();
  await traced.must(crew, LOG_PAYMENT, { input: input(key) });
  const calls = traced.proxy!.calls;
  const write = calls.find((c) => c.operation === 'TransactWriteItems')!;
  const read = calls.find((c) => c !== write)!;
  console.log(`logPayment issues: ${calls.map((c) => c.operation).join(', ')}`);
  const bareWrite = replayer(stack.ddb, 'TransactWriteItems', write.body, [key]);
  const bareRead = replayer(stack.ddb, read.operation, read.body, [key]);

  // SCC_CPU_PROFILE=<file>: a CPU profile of the measured rounds only (startup excluded).
  const profileTo = process.env.SCC_CPU_PROFILE;
  const session = new Session();
  if (profileTo) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const variants = {
    emptyQuery: () => api.gql(crew, TYPENAME),
    getEvent: async () => {
      const r = await api.gql(crew, GET_EVENT, { id: eventId });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    },
    logPayment: async () => {
      const r = await api.gql(crew, LOG_PAYMENT, { input: input() });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    },
    bareTransactWrite: () => bareWrite.send(),
    bareQuery: () => bareRead.send(),
    bareQueryThenWrite: async () => {
      await bareRead.send();
      await bareWrite.send();
    },
  };
  // SCC_ONLY=logPayment,bareQueryThenWrite: only those variants (a profile of one request kind).
  const only = process.env.SCC_ONLY?.split(',');
  const chosen = Object.fromEntries(Object.entries(variants).filter(([k]) => !only || only.includes(k)));
  const s = await interleaved(chosen, rounds);
  if (profileTo) {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(profileTo, JSON.stringify(profile));
    session.disconnect();
  }
  const rows = Object.entries(s).map(([name, samples]) => {
    const sum = summarize(samples as number[]);
    return { name, p50: +sum.p50.toFixed(2), p99: +sum.p99.toFixed(2), mean: +sum.mean.toFixed(2) };
  });
  console.table(rows);
  const p50 = Object.fromEntries(rows.map((r) => [r.name, r.p50]));
  if (!p50.logPayment || !p50.bareTransactWrite || !p50.bareQueryThenWrite) process.exit(0);
  console.log(`logPayment / bareTransactWrite = ${(p50.logPayment / p50.bareTransactWrite).toFixed(2)}x; ` +
    `logPayment / bareQueryThenWrite = ${(p50.logPayment / p50.bareQueryThenWrite).toFixed(2)}x`);
} finally {
  await stack.stop();
}
