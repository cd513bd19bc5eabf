import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { LambdaFunctionURLEvent } from 'aws-lambda';

import { startEdge } from '../local/edge';
import { loadWaiverHandler } from '../local/edge/bundle';
import type { Benchmark } from './lib/context';
import { eventWithPatrons } from './lib/operations';
import { median, round, summarize, timed } from './lib/stats';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const KB = 1024;

// Runs in a fresh Node process: the time from loading the handler's module to its first answer.
const COLD_SCRIPT = `
const t0 = performance.now();
const { handler } = await import(process.argv[2]);
const t1 = performance.now();
const res = await handler(JSON.parse(process.argv[3]));
const t2 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, first: t2 - t1, total: t2 - t0, status: res.statusCode }));
`;

/**
 * The waiver Lambda bundled as Amplify bundles it (ESM, Node 20, npm packages external, as
 * local/edge/bundle.ts does), written where Node resolves those packages from this repository.
 */
async function bundleWaiver(dir: string): Promise<string> {
  const outfile = path.join(dir, 'waiver-handler.mjs');
  await build({
    entryPoints: [path.join(root, 'amplify/functions/waiver/handler.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

/**
 * The waiver page through the local edge (GET /g/<id>/waiver → CloudFront routing → the bundled
 * handler as a Function URL): cold start in fresh processes, warm latency, and the page's weight.
 */
export const waiverPage: Benchmark = async ({ stack, quick, log, shared }) => {
  const coldRuns = quick ? 3 : 10;
  const warmRuns = quick ? 100 : 500;
  const table = await stack.newTable('bench-waiver');
  const api = await stack.api(table);
  const { eventId } = await eventWithPatrons(api, stack.tokens.admin, 0, 9_500, 'Waiver sail');
  const env = {
    TABLE_NAME: table,
    DYNAMODB_ENDPOINT: stack.standIns.dynamodbEndpoint,
    AWS_REGION: stack.region,
    ORIGIN_VERIFY_SECRET: `bench-${Math.random().toString(36).slice(2)}`,
  };
  Object.assign(process.env, env);

  const waiver = await loadWaiverHandler();
  let captured: LambdaFunctionURLEvent | undefined;
  const emptyDist = shared.distDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'scc-bench-dist-'));
  const edge = await startEdge({
    spa: { mode: 'dist', dir: shared.distDir ?? emptyDist! },
    originVerifySecret: env.ORIGIN_VERIFY_SECRET,
    waiver: (event, context) => {
      captured ??= event;
      return waiver.handler(event, context);
    },
  });
  const scratch = path.join(root, '.local', 'bench');
  fs.mkdirSync(scratch, { recursive: true });
  const workDir = fs.mkdtempSync(path.join(scratch, 'waiver-'));
  try {
    const url = `${edge.url}/g/${encodeURIComponent(eventId)}/waiver`;
    const first = await fetch(url);
    const html = await first.text();
    if (first.status !== 200) throw new Error(`GET ${url} answered ${first.status}`);
    const raw = Buffer.byteLength(html);
    const gzip = gzipSync(html, { level: 9 }).length;
    const scripts = (html.match(/<script\b/gi) ?? []).length;

    log(`waiver-page: ${warmRuns} warm requests`);
    const warm: number[] = [];
    for (let i = 0; i < warmRuns + 20; i++) {
      const ms = await timed(async () => {
        const r = await fetch(url);
        await r.arrayBuffer();
      });
      if (i >= 20) warm.push(ms);
    }

    log(`waiver-page: ${coldRuns} cold starts`);
    const bundle = await bundleWaiver(workDir);
    const script = path.join(workDir, 'cold.mjs');
    fs.writeFileSync(script, COLD_SCRIPT);
    const cold: { load: number; first: number; total: number; process: number }[] = [];
    for (let i = 0; i < coldRuns; i++) {
      const t0 = performance.now();
      const { stdout } = await run(process.execPath, [script, bundle, JSON.stringify(captured)], {
        env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' },
        cwd: root,
      });
      const processMs = performance.now() - t0;
      const out = JSON.parse(stdout.trim().split('\n').pop()!) as {
        load: number;
        first: number;
        total: number;
        status: number;
      };
      if (out.status !== 200) throw new Error(`cold handler answered ${out.status}`);
      cold.push({ ...out, process: processMs });
    }
    const w = summarize(warm);
    const coldOf = (k: 'load' | 'first' | 'total' | 'process') => round(median(cold.map((c) => c[k])));
    return {
      id: 'waiver-page',
      title: 'The waiver page through the local edge',
      method: `GET /g/<id>/waiver through the local edge (routing table → the bundled handler as a Function URL → DynamoDB Local): ${warmRuns} sequential warm requests after 20 unmeasured; ${coldRuns} cold starts, each a fresh Node process importing the bundle and answering the same request (medians).`,
      metrics: [
        { key: 'cold_start', label: 'cold start: module load to first response', value: coldOf('total'), unit: 'ms' },
        { key: 'cold_module_load', label: 'of which module load', value: coldOf('load'), unit: 'ms' },
        { key: 'cold_first_response', label: 'of which first request', value: coldOf('first'), unit: 'ms' },
        {
          key: 'cold_process',
          label: 'fresh process, spawn to exit (Node boot included)',
          value: coldOf('process'),
          unit: 'ms',
        },
        { key: 'warm_p50', label: 'warm p50', value: round(w.p50), unit: 'ms' },
        { key: 'warm_p99', label: 'warm p99', value: round(w.p99), unit: 'ms' },
        { key: 'html_bytes', label: 'page, raw', value: raw, unit: 'B' },
        {
          key: 'html_gzip_bytes',
          label: 'page, gzip',
          value: gzip,
          unit: 'B',
          budget: { max: 15 * KB, source: 'docs/architecture.md, budgets' },
        },
        {
          key: 'script_tags',
          label: 'script elements in the page',
          value: scripts,
          unit: 'count',
          budget: { max: 0, source: 'docs/architecture.md, budgets: no JavaScript' },
        },
      ],
      notes: [
        "Cold start here is Node loading the bundle and the SDK from local disk; in Lambda, the runtime's init and the package download come on top.",
      ],
    };
  } finally {
    await edge.close();
    waiver.dispose();
    fs.rmSync(workDir, { recursive: true, force: true });
    if (emptyDist) fs.rmSync(emptyDist, { recursive: true, force: true });
  }
};
