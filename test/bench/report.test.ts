import { describe, expect, it } from 'vitest';

import { formatResults, formatValue } from '../../bench/lib/format';
import { benchmarkVerdict, type BenchRun } from '../../bench/lib/results';
import { percentile } from '../../bench/lib/stats';

const run: BenchRun = {
  quick: false,
  durationMs: 312_000,
  concurrentWork: 'two test suites ran beside it.',
  machine: {
    cpu: 'Test CPU @ 2.0GHz',
    cores: 2,
    memoryGiB: 7.8,
    node: 'v20.20.2',
    os: 'Linux 6.1 x64',
    date: '2026-11-22T08:00:00.000Z',
    commit: 'abc123def456',
    loadBefore: [3.1, 2.5, 2],
    loadAfter: [4.2, 3, 2.2],
    cpuBusyBefore: 0.63,
    otherWorkDuring: { mean: 0.31, peak: 0.72 },
  },
  benchmarks: [
    {
      id: 'api-overhead',
      title: 'logPayment vs its TransactWriteItems',
      method: 'Interleaved rounds.',
      durationMs: 40_000,
      metrics: [
        { key: 'logPayment_p50', label: 'logPayment p50', value: 14.2, unit: 'ms' },
        {
          key: 'ratio_p50',
          label: 'ratio p50',
          value: 1.62,
          unit: 'x',
          budget: { max: 1.3, source: 'docs/architecture.md, budgets' },
        },
      ],
      notes: ['The read before the write is a second round trip.'],
    },
    {
      id: 'waiver-page',
      title: 'The waiver page',
      method: 'Through the edge.',
      durationMs: 9_000,
      metrics: [
        {
          key: 'html_gzip_bytes',
          label: 'page, gzip',
          value: 3_281,
          unit: 'B',
          budget: { max: 15 * 1024, source: 'docs/architecture.md, budgets' },
        },
        {
          key: 'script_tags',
          label: '<script> | elements',
          value: 0,
          unit: 'count',
          budget: { max: 0, source: 'docs/architecture.md, budgets' },
        },
      ],
      notes: [],
    },
    { id: 'spa', title: 'spa', method: '', durationMs: 100, metrics: [], notes: [], error: 'chromium did not start' },
  ],
};

describe('the benchmark report', () => {
  const md = formatResults(run);

  it('names the machine, the commit, the date and the load average around the run', () => {
    expect(md).toContain('| CPU | Test CPU @ 2.0GHz |');
    expect(md).toContain('| cores | 2 |');
    expect(md).toContain('| Node | v20.20.2 |');
    expect(md).toContain('| git commit | abc123def456 |');
    expect(md).toContain('| date | 2026-11-22T08:00:00.000Z |');
    expect(md).toContain('| CPUs busy just before the run (other work) | 63% |');
    expect(md).toContain('| CPU used by other processes during the run | 31% on average, 72% at most over 5 s |');
    expect(md).toContain('| load average (1/5/15 min) before | 3.1 / 2.5 / 2 |');
    expect(md).toContain('| load average (1/5/15 min) after | 4.2 / 3 / 2.2 |');
  });

  it('says when other work shared the machine', () => {
    expect(md).toContain('**Other work ran at the same time:** two test suites ran beside it.');
  });

  it('gives each figure its value, budget and verdict in a table per benchmark', () => {
    expect(md).toContain('## api-overhead');
    expect(md).toContain('| ratio p50 | 1.62× | ≤ 1.30× (docs/architecture.md, budgets) | over |');
    expect(md).toContain('| logPayment p50 | 14.2 ms |  | — |');
    expect(md).toContain(
      '| page, gzip | 3.2 KB (3,281 B) | ≤ 15.0 KB (15,360 B) (docs/architecture.md, budgets) | pass |',
    );
    expect(md).toContain('- The read before the write is a second round trip.');
  });

  it('summarizes each benchmark as pass, over, or failed to run', () => {
    expect(md).toContain(
      '| [api-overhead](#api-overhead) — logPayment vs its TransactWriteItems | ratio p50 1.62× (≤ 1.30×) | over |',
    );
    expect(md).toContain(
      '| [waiver-page](#waiver-page) — The waiver page | page, gzip 3.2 KB (3,281 B) (≤ 15.0 KB (15,360 B)); &lt;script> \\| elements 0 (≤ 0) | pass |',
    );
    expect(md).toContain('| [spa](#spa) — spa |  | over (failed to run) |');
    expect(md).toContain('> **Failed to run:** chromium did not start');
  });

  it('keeps labels from breaking the table or becoming markup', () => {
    expect(md).toContain('| &lt;script> \\| elements | 0 | ≤ 0 (docs/architecture.md, budgets) | pass |');
  });

  it('judges a benchmark over when any budgeted figure is over, and without budgets not at all', () => {
    expect(benchmarkVerdict(run.benchmarks[0]!)).toBe('over');
    expect(benchmarkVerdict(run.benchmarks[1]!)).toBe('pass');
    expect(benchmarkVerdict({ ...run.benchmarks[0]!, metrics: [run.benchmarks[0]!.metrics[0]!] })).toBe('—');
  });

  it('prints a figure that could not be measured as n/a, never as a number', () => {
    expect(formatValue(Number.NaN, 'ms')).toBe('n/a');
  });
});

describe('percentiles', () => {
  it('are nearest-rank over the sorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
});
