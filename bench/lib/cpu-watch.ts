import fs from 'node:fs';

/**
 * How much CPU other processes used while the bench ran: the system's busy time (/proc/stat) minus
 * that of this process and its descendants (stand-ins, Chromium, cold-start children), sampled
 * every few seconds. The load average cannot tell the two apart. Linux only; elsewhere undefined.
 */

export interface OtherWork {
  /** Share of all cores used by other processes over the whole run (0..1). */
  mean: number;
  /** The highest share over one sampling interval. */
  peak: number;
}

function systemTicks(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = cpu[3]! + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}

/** utime+stime of our process tree; cutime/cstime of ours bring in children that already exited. */
function ourTicks(): number {
  const stats = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const raw = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may itself contain spaces and parentheses.
      const fields = raw
        .slice(raw.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      stats.set(Number(name), fields);
    } catch {
      // The process ended while we looked.
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, f] of stats) {
    const ppid = f[1]!;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let ticks = 0;
  const visit = (pid: number, self: boolean) => {
    const f = stats.get(pid);
    if (!f) return;
    // Fields (from state): 11 utime, 12 stime, 13 cutime, 14 cstime.
    ticks += f[11]! + f[12]! + (self ? f[13]! + f[14]! : 0);
    for (const child of children.get(pid) ?? []) visit(child, false);
  };
  visit(process.pid, true);
  return ticks;
}

export function watchOtherWork(intervalMs = 5000): { stop(): OtherWork | undefined } {
  if (!fs.existsSync('/proc/stat')) return { stop: () => undefined };
  const first = { sys: systemTicks(), ours: ourTicks() };
  let last = first;
  let peak = 0;
  const share = (a: typeof first, b: typeof first) => {
    const total = b.sys.total - a.sys.total;
    return total > 0 ? Math.max(0, (b.sys.busy - a.sys.busy - (b.ours - a.ours)) / total) : 0;
  };
  const timer = setInterval(() => {
    const now = { sys: systemTicks(), ours: ourTicks() };
    peak = Math.max(peak, share(last, now));
    last = now;
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const now = { sys: systemTicks(), ours: ourTicks() };
      peak = Math.max(peak, share(last, now));
      return { mean: Math.round(share(first, now) * 100) / 100, peak: Math.round(peak * 100) / 100 };
    },
  };
}
