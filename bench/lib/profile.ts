import { Session } from 'node:inspector/promises';

/**
 * Where a call's CPU time goes in this process, by V8's sampling profiler: self time summed per
 * part of the stack (the client, the local AppSync and the SDK all run here), per call.
 */

const PARTS: Array<[string, (url: string, fn: string) => boolean]> = [
  [
    'loopback socket writes (kernel)',
    (url, fn) => url === '' && /^(writev|writeBuffer|writeUtf8String|writeLatin1String)$/.test(fn),
  ],
  ['AWS SDK (@aws-sdk, @smithy)', (url) => /node_modules\/(@smithy|@aws-sdk|@aws-crypto)\//.test(url)],
  ['JWT check (jose)', (url) => url.includes('node_modules/jose/')],
  ['GraphQL (graphql-js)', (url) => url.includes('node_modules/graphql/')],
  [
    'APPSYNC_JS runtime (vm, appsync-utils, resolvers)',
    (url) => /appsync-utils\.js|local\/appsync\/runtime\/|^resolver:|^node:vm$/.test(url),
  ],
  ['local AppSync server and data sources', (url) => url.includes('local/appsync/')],
  [
    'HTTP, streams, sockets (node:http, undici, net)',
    (url) => /^node:(_http|net|internal\/(deps\/undici|streams|webstreams|stream_base_commons|http))/.test(url),
  ],
  ['garbage collection', (_url, fn) => fn === '(garbage collector)'],
];
const IGNORED = new Set(['(idle)', '(program)', 'dispatch', '(root)']);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

export type CpuBreakdown = Record<string, number>;

/** Runs `fn` `runs` times under the profiler; milliseconds of CPU per call by part, and their total. */
export async function cpuPerCall(fn: () => Promise<unknown>, runs: number): Promise<CpuBreakdown> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    for (let i = 0; i < runs; i++) await fn();
    const { profile } = await session.post('Profiler.stop');
    const nodes = new Map<number, ProfileNode>((profile.nodes as ProfileNode[]).map((n) => [n.id, n]));
    const parts: CpuBreakdown = Object.fromEntries([...PARTS.map(([name]) => [name, 0]), ['other', 0]]);
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    samples.forEach((id, i) => {
      const frame = nodes.get(id)?.callFrame;
      if (!frame || IGNORED.has(frame.functionName)) return;
      const part = PARTS.find(([, match]) => match(frame.url, frame.functionName))?.[0] ?? 'other';
      parts[part]! += (deltas[i] ?? 0) / 1000;
    });
    const perCall = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v / runs]));
    perCall.total = Object.values(perCall).reduce((a, b) => a + b, 0);
    return perCall;
  } finally {
    await session.post('Profiler.disable').catch(() => undefined);
    session.disconnect();
  }
}
