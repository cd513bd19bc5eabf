import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  commit: string;
  /** 1, 5 and 15 minute load averages when the run started and ended: other work on the machine shows here. */
  loadBefore: number[];
  loadAfter?: number[];
  /** Share of all cores busy over a few seconds just before the run: other work, since the bench had not started. */
  cpuBusyBefore?: number;
  /** CPU used by processes other than the bench's own during the run (see cpu-watch.ts). */
  otherWorkDuring?: { mean: number; peak: number };
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).trim();
    // The bench's own output files do not make the measured code differ from the commit.
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/RESULTS.md', ':!bench/results.json'],
      { encoding: 'utf8' },
    ).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

export function describeMachine(now = new Date()): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: now.toISOString(),
    commit: gitCommit(),
    loadBefore: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export const loadNow = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

/**
 * How busy the CPUs are over `ms`, from the kernel's per-core counters. The load average lags by a
 * minute (a job that just ended still shows); this sees only what runs now.
 */
export async function cpuBusy(ms = 3000): Promise<number> {
  const sample = () =>
    os.cpus().reduce(
      (acc, c) => {
        const t = c.times;
        acc.idle += t.idle;
        acc.total += t.user + t.nice + t.sys + t.idle + t.irq;
        return acc;
      },
      { idle: 0, total: 0 },
    );
  const a = sample();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = sample();
  const total = b.total - a.total;
  return total > 0 ? Math.round((1 - (b.idle - a.idle) / total) * 100) / 100 : 0;
}
