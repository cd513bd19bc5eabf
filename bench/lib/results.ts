import type { Machine } from './machine';

/** A budget a figure is judged against (docs/architecture.md, budgets). */
export interface Budget {
  /** The figure passes when it is at most this (same unit as the figure). */
  max: number;
  /** Where the budget comes from, e.g. "docs/architecture.md, budgets". */
  source: string;
}

export interface Metric {
  /** Stable key for results.json consumers, e.g. "ratio_p50". */
  key: string;
  label: string;
  value: number;
  unit: 'ms' | 'x' | 'B' | 'count' | 'req/s' | '';
  budget?: Budget;
}

export interface BenchmarkResult {
  id: string;
  title: string;
  /** What was measured and how, in a sentence or two. */
  method: string;
  metrics: Metric[];
  /** Findings worth reading beside the figures (where time goes, caveats). */
  notes: string[];
  /** Set when the benchmark could not run; its metrics are then partial or empty. */
  error?: string;
  durationMs: number;
}

export interface BenchRun {
  quick: boolean;
  machine: Machine;
  durationMs: number;
  /** Said in RESULTS.md when other work shared the machine during the run. */
  concurrentWork?: string;
  benchmarks: BenchmarkResult[];
}

export type Verdict = 'pass' | 'over' | '—';

export function verdictOf(metric: Metric): Verdict {
  if (!metric.budget) return '—';
  return Number.isFinite(metric.value) && metric.value <= metric.budget.max ? 'pass' : 'over';
}

/** A benchmark is over when any budgeted figure is over, or when it failed to run. */
export function benchmarkVerdict(result: BenchmarkResult): Verdict {
  if (result.error) return 'over';
  const verdicts = result.metrics.map(verdictOf).filter((v) => v !== '—');
  if (verdicts.length === 0) return '—';
  return verdicts.includes('over') ? 'over' : 'pass';
}
