/**
 * Timing and summary statistics. Percentiles are nearest-rank over the sorted samples: a few lines,
 * and the one definition every figure in RESULTS.md uses, so no statistics package is pulled in.
 */

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  return {
    n,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: n ? samples.reduce((s, x) => s + x, 0) / n : Number.NaN,
    min: n ? Math.min(...samples) : Number.NaN,
    max: n ? Math.max(...samples) : Number.NaN,
  };
}

/** Milliseconds one call of `fn` took. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Runs each variant `rounds` times, alternating which goes first in each round, so drift in the
 * machine's load (other work, GC, DynamoDB Local's JIT) falls on every variant alike. `warmup`
 * rounds run first and are not kept.
 */
export async function interleaved<K extends string>(
  variants: Record<K, () => Promise<unknown>>,
  rounds: number,
  warmup = Math.min(20, Math.ceil(rounds / 10)),
): Promise<Record<K, number[]>> {
  const keys = Object.keys(variants) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + rounds; round++) {
    const order = round % 2 === 0 ? keys : [...keys].reverse();
    for (const key of order) {
      const ms = await timed(variants[key]);
      if (round >= warmup) samples[key].push(ms);
    }
  }
  return samples;
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
