import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { waitForPort } from './ports';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The port the process listens on once ready. */
  port: number;
  logDir: string;
  readyTimeoutMs?: number;
}

const running = new Set<ManagedProcess>();

/**
 * Starts a stand-in, logs to a file, and resolves once its port accepts connections. A process
 * that exits before it is ready fails the start with the tail of its log. Stand-ins stay in our
 * process group (each is one process: java or node, no wrapper), so a Ctrl-C in the terminal or a
 * kill of the group reaches them even if we die before our own cleanup runs.
 */
export async function startProcess(opts: StartOptions): Promise<ManagedProcess> {
  fs.mkdirSync(opts.logDir, { recursive: true });
  const logFile = path.join(opts.logDir, `${opts.name}.log`);
  const log = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const failedToSpawn = new Promise<never>((_, reject) => child.once('error', reject));

  const managed: ManagedProcess = {
    name: opts.name,
    pid: child.pid ?? -1,
    logFile,
    async stop() {
      running.delete(managed);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  running.add(managed);

  const died = exited.then((code) => {
    throw new Error(`${opts.name} exited (code ${code}) before it was ready:\n${tail(logFile)}`);
  });
  try {
    await Promise.race([waitForPort(opts.port, opts.readyTimeoutMs ?? 30_000), died, failedToSpawn]);
  } catch (error) {
    await managed.stop();
    throw error;
  }
  died.catch(() => undefined);
  return managed;
}

/** Stops every process this module started (used by signal handlers and test teardown). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
