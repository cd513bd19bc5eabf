import { benchmarkVerdict, verdictOf, type BenchRun, type Metric } from './results';

/**
 * bench/RESULTS.md from a run: pure, so test/bench can pin it on a fixture.
 */

export function formatValue(value: number, unit: Metric['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US')} ms`;
    case 'x':
      return `${value.toFixed(2)}×`;
    case 'B':
      return value >= 1024
        ? `${(value / 1024).toFixed(1)} KB (${Math.round(value).toLocaleString('en-US')} B)`
        : `${Math.round(value)} B`;
    case 'req/s':
      return `${value.toFixed(1)} /s`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    default:
      return String(value);
  }
}

function formatBudget(metric: Metric): string {
  if (!metric.budget) return '';
  return `≤ ${formatValue(metric.budget.max, metric.unit)} (${metric.budget.source})`;
}

/** The figures with a budget, as "label value (≤ budget)", for the summary. */
const judged = (b: BenchRun['benchmarks'][number]) =>
  b.metrics
    .filter((m) => m.budget)
    .map((m) => `${m.label} ${formatValue(m.value, m.unit)} (≤ ${formatValue(m.budget!.max, m.unit)})`)
    .join('; ');

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;');

export function formatResults(run: BenchRun): string {
  const m = run.machine;
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand. Machine-readable: [results.json](results.json).',
    'Each figure is a median (p50) or a 99th percentile over repeated runs; each ratio compares two things',
    'measured side by side in the same run, interleaved so that load drift hits both alike.',
    '',
    '## Summary',
    '',
    '| benchmark | judged figures | verdict |',
    '|---|---|---|',
    ...run.benchmarks.map(
      (b) =>
        `| [${b.id}](#${b.id}) — ${cell(b.title)} | ${cell(judged(b))} | ${benchmarkVerdict(b)}${b.error ? ' (failed to run)' : ''} |`,
    ),
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${cell(m.cpu)} |`,
    `| cores | ${m.cores} |`,
    `| memory | ${m.memoryGiB} GiB |`,
    `| Node | ${m.node} |`,
    `| OS | ${cell(m.os)} |`,
    `| date | ${m.date} |`,
    `| git commit | ${cell(m.commit)} |`,
    `| mode | ${run.quick ? 'quick (`--quick`: fewer rounds, shorter throughput run; for development, not for the record)' : 'full'} |`,
    `| duration | ${Math.round(run.durationMs / 1000)} s |`,
    `| CPUs busy just before the run (other work) | ${m.cpuBusyBefore === undefined ? 'n/a' : `${Math.round(m.cpuBusyBefore * 100)}%`} |`,
    `| CPU used by other processes during the run | ${m.otherWorkDuring ? `${Math.round(m.otherWorkDuring.mean * 100)}% on average, ${Math.round(m.otherWorkDuring.peak * 100)}% at most over 5 s` : 'n/a'} |`,
    `| load average (1/5/15 min) before | ${m.loadBefore.join(' / ')} |`,
    `| load average (1/5/15 min) after | ${m.loadAfter ? m.loadAfter.join(' / ') : 'n/a'} |`,
    '',
  ];
  if (run.concurrentWork) lines.push(`> **Other work ran at the same time:** ${run.concurrentWork}`, '');
  for (const b of run.benchmarks) {
    lines.push(`## ${b.id}`, '', `**${b.title}** — ${benchmarkVerdict(b)}`, '', b.method, '');
    if (b.error) lines.push(`> **Failed to run:** ${cell(b.error)}`, '');
    if (b.metrics.length) {
      lines.push('| figure | value | budget | verdict |', '|---|---|---|---|');
      for (const metric of b.metrics) {
        lines.push(
          `| ${cell(metric.label)} | ${formatValue(metric.value, metric.unit)} | ${cell(formatBudget(metric))} | ${verdictOf(metric)} |`,
        );
      }
      lines.push('');
    }
    for (const note of b.notes) lines.push(`- ${note}`);
    if (b.notes.length) lines.push('');
    lines.push(`<sub>ran ${(b.durationMs / 1000).toFixed(1)} s</sub>`, '');
  }
  return lines.join('\n');
}
