import type { BenchStack } from './stack';
import type { BenchmarkResult } from './results';

export interface BenchContext {
  stack: BenchStack;
  quick: boolean;
  /** Progress lines on stderr, so a long run shows where it is. */
  log(line: string): void;
  /** Shared between benchmarks: the SPA build's output folder (the waiver benchmark's edge serves it). */
  shared: { distDir?: string };
  /** Folders removed when the run ends. */
  scratch: string[];
}

export type Benchmark = (ctx: BenchContext) => Promise<Omit<BenchmarkResult, 'durationMs'>>;
