import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createCognitoVerifier } from '../local/appsync/auth/cognito';
import { dynamoClient } from '../local/appsync/datasources';
import { wireClient } from '../local/appsync/datasources/dynamodb/wire';
import { loadResolver } from '../local/appsync/runtime';
import type { Benchmark } from './lib/context';
import { eventWithPatrons, LOG_PAYMENT, newKey, TYPENAME } from './lib/operations';
import { cpuPerCall } from './lib/profile';
import { replayer } from './lib/replay';
import { interleaved, median, round, summarize } from './lib/stats';

const DESIGN_RATIO = 1.3;
const PIPELINE_STEPS = 4; // logPayment.direct, .load, .write, .replay (the last three return at once after a direct write)

/** One APPSYNC_JS handler call as the local AppSync makes it: logPayment.direct's request, validated input to write request. */
async function vmCallCost(input: Record<string, unknown>, runs: number): Promise<number> {
  const resolver = await loadResolver('amplify/data/resolvers/logPayment.direct.ts');
  const samples: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const t0 = performance.now();
    resolver.run('request', { arguments: { input }, stash: {}, env: { TABLE_NAME: 'bench' } });
    if (i >= 10) samples.push(performance.now() - t0);
  }
  return median(samples);
}

/**
 * logPayment end to end (HTTP → Cognito JWT check → pipeline resolvers in the APPSYNC_JS runtime →
 * DynamoDB → response) against the bare TransactWriteItems it issues, captured on the wire and
 * replayed with fresh ids, on the same DynamoDB Local, interleaved.
 */
export const apiOverhead: Benchmark = async ({ stack, quick, log }) => {
  const rounds = quick ? 60 : 300;
  const table = await stack.newTable('bench-api');
  const api = await stack.api(table);
  const traced = await stack.api(table, { proxy: true });
  const proxy = traced.proxy!;
  const crew = stack.tokens.crew;
  // One patron owing enough for every 1-cent payment of the run: $1,000,000, the most a price may be.
  const { eventId, emails } = await eventWithPatrons(api, stack.tokens.admin, 1, 100_000_000);
  // As the dashboard sends it: with the patron's name and the event's start it read, so the common
  // path is the one direct write.
  const input = (idempotencyKey = newKey()) => ({
    idempotencyKey,
    eventId,
    patronEmail: emails[0],
    amountCents: 1,
    method: 'CASH',
    patronName: 'Patron 0',
    eventStartsAt: '2027-06-20T18:00:00Z',
  });

  // What logPayment sends to DynamoDB, seen from the proxy.
  const key = newKey();
  proxy.reset();
  await traced.must(crew, LOG_PAYMENT, { input: input(key) });
  const sequence = proxy.calls.map((c) => c.operation);
  const write = proxy.calls.find((c) => c.operation === 'TransactWriteItems');
  if (!write) throw new Error(`logPayment issued no TransactWriteItems (saw ${sequence.join(', ')})`);
  const read = proxy.calls.find((c) => c !== write);
  const bareWrite = replayer(stack.ddb, 'TransactWriteItems', write.body, [key]);
  const bareRead = read ? replayer(stack.ddb, read.operation, read.body, [key]) : undefined;
  const items = (JSON.parse(write.body) as { TransactItems: unknown[] }).TransactItems.length;

  let failures = 0;
  const logPayment = async () => {
    const r = await api.gql(crew, LOG_PAYMENT, { input: input() });
    if (r.errors) failures += 1;
  };
  log(`api-overhead: ${rounds} interleaved rounds`);
  const s = await interleaved(
    {
      logPayment,
      transactWrite: () => bareWrite.send(),
      readThenWrite: async () => {
        await bareRead?.send();
        await bareWrite.send();
      },
      emptyQuery: () => api.gql(crew, TYPENAME),
    },
    rounds,
  );

  // Where the time goes: the same mutation through the counting proxy, each DynamoDB call timed.
  const profileRuns = quick ? 30 : 100;
  const dynamoPerCall: number[] = [];
  const outsideDynamo: number[] = [];
  for (let i = 0; i < profileRuns; i++) {
    proxy.reset();
    const t0 = performance.now();
    await traced.gql(crew, LOG_PAYMENT, { input: input() });
    const total = performance.now() - t0;
    const inDynamo = proxy.calls.reduce((sum, c) => sum + c.ms, 0);
    dynamoPerCall.push(inDynamo);
    outsideDynamo.push(total - inDynamo);
  }
  const vmCall = await vmCallCost(input(), profileRuns);
  const cpuLogPayment = await cpuPerCall(logPayment, profileRuns);
  const cpuBare = await cpuPerCall(() => bareWrite.send(), profileRuns);
  const verify = createCognitoVerifier({
    endpoint: stack.standIns.cognitoEndpoint,
    userPoolId: stack.standIns.userPoolId,
    userPoolClientId: stack.standIns.userPoolClientId,
  });
  const authSamples: number[] = [];
  for (let i = 0; i < profileRuns + 5; i++) {
    const t0 = performance.now();
    await verify(crew, '127.0.0.1');
    if (i >= 5) authSamples.push(performance.now() - t0);
  }

  // The floor, measured apart (the figures above are not affected): the same read + write sent
  // the way the local AppSync's data source sends them, with no HTTP hop, auth, GraphQL or vm.
  const wireSdk = dynamoClient(stack.standIns.dynamodbEndpoint, stack.region);
  const wire = wireClient(wireSdk) as DynamoDBClient;
  const wireWrite = replayer(wire, 'TransactWriteItems', write.body, [key]);
  const wireRead = read ? replayer(wire, read.operation, read.body, [key]) : undefined;
  const f = await interleaved(
    {
      transactWrite: () => bareWrite.send(),
      wireReadThenWrite: async () => {
        await wireRead?.send();
        await wireWrite.send();
      },
    },
    profileRuns,
  ).finally(() => wireSdk.destroy());
  const floorRatio = median(f.wireReadThenWrite) / median(f.transactWrite);

  const e2e = summarize(s.logPayment);
  const bare = summarize(s.transactWrite);
  const both = summarize(s.readThenWrite);
  const floor = summarize(s.emptyQuery);
  const ddbP50 = median(dynamoPerCall);
  const outsideP50 = median(outsideDynamo);
  const authP50 = median(authSamples);
  const ratio = e2e.p50 / bare.p50;
  const notes = [
    `logPayment issues ${sequence.length} DynamoDB requests, in order: ${sequence.join(' → ')}; the write is a ${items}-item TransactWriteItems.`,
    `Against the read and the write it issues, sent bare one after the other, logPayment costs ${round(e2e.p50 / both.p50)}× (p50 ${round(both.p50)} ms bare): the budget's 1.3× compares with the write alone, so the consistent read of event, roster entry and idempotency record counts as overhead.`,
    `Where the p50 time goes (approximate; the parts are measured separately): HTTP + JWT check + GraphQL parse/validate with no resolver (\`{ __typename }\`) ${round(floor.p50)} ms, of which the JWT check of a token already seen (the verifier caches verified tokens) is ${round(authP50, 3)} ms; DynamoDB calls (timed at a proxy) ${round(ddbP50)} ms; outside DynamoDB, in the same requests, ${round(outsideP50)} ms, so ${round(Math.max(0, outsideP50 - floor.p50))} ms beyond the floor go to the pipeline (${PIPELINE_STEPS} functions, each a request and a response handler in the vm, one vm call costing ${round(vmCall, 3)} ms here), JSON cloning across the vm boundary and the data source's marshalling.`,
  ];
  notes.push(
    `The floor, measured apart over ${profileRuns} interleaved rounds: the same read + write sent over the data source's own path to DynamoDB Local (no HTTP hop, auth, GraphQL or vm) is ${round(floorRatio)}× the bare write at p50. ` +
      `Scaled to this run, the goal leaves ${round(Math.max(0, (DESIGN_RATIO - floorRatio) * bare.p50))} ms at p50 for everything the local AppSync itself does; it took ${round(e2e.p50 - floorRatio * bare.p50)} ms.`,
  );
  const parts = Object.entries(cpuLogPayment)
    .filter(([k, v]) => k !== 'total' && v >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${round(v)} ms (bare write: ${round(cpuBare[k] ?? 0)} ms)`);
  notes.push(
    `CPU in this process per call, from V8's sampling profiler over ${profileRuns} calls (client, local AppSync and SDK all run here): logPayment ${round(cpuLogPayment.total!)} ms against ${round(cpuBare.total!)} ms for the bare write; by part: ${parts.join('; ')}. Sampling attributes inlined code to its caller, so the split is rough.`,
  );
  if (ratio > DESIGN_RATIO) {
    notes.push(
      `Over budget. logPayment makes three requests where the bare write makes one: its own HTTP request, the TransactGetItems read and the write. The read alone adds ${round(both.p50 - bare.p50)} ms at p50 here, the HTTP/auth/GraphQL floor ${round(floor.p50)} ms; each request pays serialization, HTTP framing and loopback socket writes, which are slow on this machine (see the CPU split). The resolver code itself (${round(vmCall, 3)} ms a handler call) is not where the time goes. Meeting 1.3× would take dropping the read from the common path (let the write's conditions refuse, and read only to explain a refusal or replay a retry).`,
    );
  }
  if (failures)
    notes.push(`${failures} logPayment calls answered with an error during the run (they are still timed).`);
  return {
    id: 'api-overhead',
    title: 'logPayment end to end vs the bare TransactWriteItems it issues',
    method: `${rounds} rounds, each running logPayment (HTTP to the local AppSync, crew token), the captured TransactWriteItems replayed bare through the SDK, the read + write bare, and an empty query, in alternating order, on one DynamoDB Local (in memory); client and server in one Node process.`,
    metrics: [
      { key: 'logPayment_p50', label: 'logPayment p50', value: round(e2e.p50), unit: 'ms' },
      { key: 'logPayment_p99', label: 'logPayment p99', value: round(e2e.p99), unit: 'ms' },
      {
        key: 'transactWrite_p50',
        label: `bare TransactWriteItems (${items} items) p50`,
        value: round(bare.p50),
        unit: 'ms',
      },
      { key: 'transactWrite_p99', label: 'bare TransactWriteItems p99', value: round(bare.p99), unit: 'ms' },
      {
        key: 'ratio_p50',
        label: 'ratio p50 (logPayment / TransactWriteItems)',
        value: round(ratio),
        unit: 'x',
        budget: { max: DESIGN_RATIO, source: 'docs/architecture.md, budgets' },
      },
      { key: 'ratio_p99', label: 'ratio p99', value: round(e2e.p99 / bare.p99), unit: 'x' },
      { key: 'read_write_p50', label: 'bare read + write p50', value: round(both.p50), unit: 'ms' },
      { key: 'empty_query_p50', label: 'empty query (HTTP + auth + GraphQL) p50', value: round(floor.p50), unit: 'ms' },
      {
        key: 'auth_p50',
        label: 'JWT check p50 (a token already seen: the verifier caches it)',
        value: round(authP50, 3),
        unit: 'ms',
      },
      {
        key: 'dynamodb_in_logPayment_p50',
        label: 'DynamoDB time inside logPayment p50',
        value: round(ddbP50),
        unit: 'ms',
      },
      {
        key: 'outside_dynamodb_p50',
        label: 'logPayment time outside DynamoDB p50',
        value: round(outsideP50),
        unit: 'ms',
      },
      { key: 'vm_call_p50', label: 'one resolver handler call in the vm p50', value: round(vmCall, 3), unit: 'ms' },
    ],
    notes,
  };
};
