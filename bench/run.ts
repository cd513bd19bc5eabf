/**
 * `npm run bench`: starts its own stand-ins, loads its own data, runs each benchmark and
 * writes bench/RESULTS.md and bench/results.json. Not part of `npm test`.
 *
 *   npm run bench                   the full run (for the record; under 10 minutes on 2 cores)
 *   npm run bench -- --quick        fewer rounds, a 10 s throughput run, a smaller big table
 *   npm run bench -- --only spa,event-load   some benchmarks only
 *   npm run bench -- --out /tmp/b   write the two files elsewhere (development runs)
 *   npm run bench -- --note "…"     say in RESULTS.md what else ran on the machine
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { stopAll } from '../local/stack';
import { apiOverhead } from './api-overhead';
import { eventLoad } from './event-load';
import { requests } from './requests';
import { historyFlat } from './history-flat';
import { live } from './live';
import { liveWrites } from './live-writes';
import { spa } from './spa';
import { takings } from './takings';
import { throughput } from './throughput';
import { waiverPage } from './waiver-page';
import { dock } from './dock';
import type { Benchmark, BenchContext } from './lib/context';
import { formatResults } from './lib/format';
import { watchOtherWork } from './lib/cpu-watch';
import { cpuBusy, describeMachine, loadNow } from './lib/machine';
import type { BenchmarkResult, BenchRun } from './lib/results';
import { startBenchStack } from './lib/stack';

// spa first: the waiver benchmark's edge serves its build.
const BENCHMARKS: Record<string, Benchmark> = {
  spa,
  'api-overhead': apiOverhead,
  'event-load': eventLoad,
  requests,
  'history-flat': historyFlat,
  throughput,
  'waiver-page': waiverPage,
  dock,
  live,
  'live-writes': liveWrites,
  takings,
};

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string', default: path.dirname(new URL(import.meta.url).pathname) },
      note: { type: 'string' },
    },
  });
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((id) => !BENCHMARKS[id]);
  if (unknown?.length)
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  const selected = Object.entries(BENCHMARKS).filter(([id]) => !only || only.includes(id));

  const started = performance.now();
  const machine = describeMachine();
  machine.cpuBusyBefore = await cpuBusy();
  const otherWork = watchOtherWork();
  const log = (line: string) =>
    process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
  log(
    `load average ${machine.loadBefore.join(' / ')}, CPUs ${Math.round(machine.cpuBusyBefore * 100)}% busy, on ${machine.cores} cores; starting stand-ins…`,
  );
  const stack = await startBenchStack();
  const ctx: BenchContext = { stack, quick: values.quick!, log, shared: {}, scratch: [] };
  const results: BenchmarkResult[] = [];
  try {
    for (const [id, bench] of selected) {
      log(`${id}…`);
      const t0 = performance.now();
      try {
        results.push({ ...(await bench(ctx)), durationMs: performance.now() - t0 });
      } catch (error) {
        log(`${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        results.push({
          id,
          title: id,
          method: '',
          metrics: [],
          notes: [],
          error: error instanceof Error ? error.message : String(error),
          durationMs: performance.now() - t0,
        });
      }
      log(`${id} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } finally {
    await stack.stop().catch(() => undefined);
    await stopAll().catch(() => undefined);
    for (const dir of ctx.scratch) fs.rmSync(dir, { recursive: true, force: true });
  }
  machine.loadAfter = loadNow();
  machine.otherWorkDuring = otherWork.stop();
  // Not judged by the load average: it lags a minute and, after the run, counts the bench's own processes.
  const during = machine.otherWorkDuring;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const otherNotes = [
    ...(machine.cpuBusyBefore > 0.25
      ? [`the CPUs were ${pct(machine.cpuBusyBefore)} busy with other processes just before the run`]
      : []),
    // One 5 s window can show a spike that is the bench's own: a child that exited between samples.
    ...(during && (during.mean > 0.1 || during.peak > 0.5)
      ? [`other processes used ${pct(during.mean)} of the CPUs over the run (up to ${pct(during.peak)} over 5 s)`]
      : []),
  ];
  const run: BenchRun = {
    quick: values.quick!,
    machine,
    durationMs: performance.now() - started,
    concurrentWork:
      values.note ??
      (otherNotes.length
        ? `${otherNotes.join('; ')} (${machine.cores} cores), so absolute times are pessimistic; ratios, measured interleaved, less so.`
        : undefined),
    benchmarks: results,
  };
  fs.mkdirSync(values.out!, { recursive: true });
  fs.writeFileSync(path.join(values.out!, 'results.json'), `${JSON.stringify(run, null, 2)}\n`);
  fs.writeFileSync(path.join(values.out!, 'RESULTS.md'), formatResults(run));
  log(`wrote ${path.join(values.out!, 'RESULTS.md')} and results.json in ${(run.durationMs / 1000).toFixed(0)} s`);
}

// Stand-ins are child processes: an interrupted or crashed run must not leave them behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}
process.once('uncaughtException', (error) => {
  console.error(error);
  void stopAll().finally(() => process.exit(1));
});

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
