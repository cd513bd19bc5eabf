/**
 * Scratch profiler for the local AppSync's own overhead (not part of `npm run bench`):
 * times a NONE query (`{ __typename }`), getEvent, logPayment and the bare DynamoDB calls
 * logPayment issues (captured through the counting proxy, replayed), interleaved in one run.
 * The `wire…` variants send the same captured calls through the data source's own path to
 * DynamoDB Local (datasources/dynamodb/wire.ts): what logPayment would cost if the local
 * AppSync's own work (HTTP, auth, GraphQL, the vm) took no time at all.
 *
 *   npx tsx bench/profile-appsync.ts [rounds]
 *   SCC_CPU_PROFILE=/tmp/run.cpuprofile npx tsx bench/profile-appsync.ts 300   (measured rounds only)
 *   SCC_ONLY=logPayment npx tsx bench/profile-appsync.ts 300                     (one request kind)
 *   SCC_COMPARE_WITH=/tmp/before npx tsx bench/profile-appsync.ts 200
 *     also serves the API from another checkout's local/appsync (e.g. `git archive <commit> | tar -x`
 *     into /tmp/before, with node_modules linked) in this process, on the same DynamoDB Local and
 *     table, and interleaves its requests with this tree's: a before/after on the same load.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handler as mailer } from '../amplify/functions/mailer/handler';
import { dynamoClient } from '../local/appsync/datasources';
import { wireClient } from '../local/appsync/datasources/dynamodb/wire';
import { eventWithPatrons, GET_EVENT, LOG_PAYMENT, newKey, TYPENAME } from './lib/operations';
import { replayer } from './lib/replay';
import { gqlOver, startBenchStack } from './lib/stack';
import { interleaved, summarize } from './lib/stats';

const rounds = Number(process.argv[2] ?? 150);
const stack = await startBenchStack();
const closers: Array<() => Promise<void>> = [];
try {
  const table = await stack.newTable('profile');
  const api = await stack.api(table);
  const traced = await stack.api(table, { proxy: true });
  const { crew, admin } = stack.tokens;
  const { eventId, emails } = await eventWithPatrons(api, admin, 3, 100_000_000);
  const input = (idempotencyKey = newKey()) => ({
    idempotencyKey,
    eventId,
    patronEmail: emails[0],
    amountCents: 1,
    method: 'CASH',
  });

  const key = newKey();
  traced.proxy!.reset();
  await traced.must(crew, LOG_PAYMENT, { input: input(key) });
  const calls = traced.proxy!.calls;
  const write = calls.find((c) => c.operation === 'TransactWriteItems')!;
  const read = calls.find((c) => c !== write)!;
  console.log(`logPayment issues: ${calls.map((c) => c.operation).join(', ')}`);
  const bareWrite = replayer(stack.ddb, 'TransactWriteItems', write.body, [key]);
  const bareRead = replayer(stack.ddb, read.operation, read.body, [key]);
  const wireSdk = dynamoClient(stack.standIns.dynamodbEndpoint, stack.region);
  closers.push(async () => wireSdk.destroy());
  const wire = wireClient(wireSdk) as DynamoDBClient;
  const wireWrite = replayer(wire, 'TransactWriteItems', write.body, [key]);
  const wireRead = replayer(wire, read.operation, read.body, [key]);

  const must = async (p: Promise<{ errors?: unknown }>) => {
    const r = await p;
    if (r.errors) throw new Error(JSON.stringify(r.errors));
  };
  const requests = (url: string, suffix: string) => ({
    [`emptyQuery${suffix}`]: () => must(gqlOver(url, crew, TYPENAME)),
    [`getEvent${suffix}`]: () => must(gqlOver(url, crew, GET_EVENT, { id: eventId })),
    [`logPayment${suffix}`]: () => must(gqlOver(url, crew, LOG_PAYMENT, { input: input() })),
  });
  let variants: Record<string, () => Promise<unknown>> = {
    ...requests(api.url, ''),
    bareTransactWrite: () => bareWrite.send(),
    bareQuery: () => bareRead.send(),
    bareQueryThenWrite: async () => {
      await bareRead.send();
      await bareWrite.send();
    },
    wireTransactWrite: () => wireWrite.send(),
    wireQueryThenWrite: async () => {
      await wireRead.send();
      await wireWrite.send();
    },
  };
  const other = process.env.SCC_COMPARE_WITH;
  if (other) {
    const { startAppSync } = (await import(
      path.resolve(other, 'local/appsync/index.ts')
    )) as typeof import('../local/appsync');
    // This tree's schema object: Amplify allows one defineData per process.
    const { schema } = await import('../amplify/data/resource');
    const s = stack.standIns;
    const before = await startAppSync({
      schema: schema as never,
      tableName: table,
      dynamodbEndpoint: s.dynamodbEndpoint,
      region: stack.region,
      cognito: { endpoint: s.cognitoEndpoint, userPoolId: s.userPoolId, userPoolClientId: s.userPoolClientId },
      lambdas: { mailer: mailer as never },
      graphiql: false,
      log: () => undefined,
      // The team and retention Lambdas are not needed by the requests timed here.
      dataSources: { TeamDataSource: { type: 'NONE' }, RetentionDataSource: { type: 'NONE' } },
    });
    closers.push(before.close);
    variants = { ...variants, ...requests(before.url, ' (compared)') };
  }
  // SCC_ONLY=logPayment,bareQueryThenWrite: only those variants (a profile of one request kind).
  const only = process.env.SCC_ONLY?.split(',');
  if (only) variants = Object.fromEntries(Object.entries(variants).filter(([k]) => only.includes(k)));

  // SCC_CPU_PROFILE=<file>: a CPU profile of the measured rounds only (startup excluded).
  const profileTo = process.env.SCC_CPU_PROFILE;
  const session = new Session();
  if (profileTo) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const samples = await interleaved(variants, rounds);
  if (profileTo) {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(profileTo, JSON.stringify(profile));
    session.disconnect();
  }
  const rows = Object.entries(samples).map(([name, ms]) => {
    const sum = summarize(ms);
    return { name, p50: +sum.p50.toFixed(2), p99: +sum.p99.toFixed(2), mean: +sum.mean.toFixed(2) };
  });
  console.table(rows);
  const p50 = Object.fromEntries(rows.map((r) => [r.name, r.p50]));
  for (const suffix of ['', ' (compared)']) {
    const lp = p50[`logPayment${suffix}`];
    if (!lp || !p50.bareTransactWrite || !p50.bareQueryThenWrite) continue;
    console.log(
      `logPayment${suffix} / bareTransactWrite = ${(lp / p50.bareTransactWrite).toFixed(2)}x; ` +
        `/ bareQueryThenWrite = ${(lp / p50.bareQueryThenWrite).toFixed(2)}x`,
    );
  }
  if (p50.wireQueryThenWrite && p50.bareTransactWrite) {
    console.log(
      `floor: the same read + write over the data source's own path, no AppSync work = ` +
        `${(p50.wireQueryThenWrite / p50.bareTransactWrite).toFixed(2)}x bareTransactWrite`,
    );
  }
} finally {
  for (const close of closers) await close().catch(() => undefined);
  await stack.stop();
}
