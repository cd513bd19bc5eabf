import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { synthesize } from '../../../amplify/synth';
import { Assembly } from './assembly';

const root = resolve(import.meta.dirname, '../../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Everything the synthesized assembly depends on: the amplify/ sources and the installed versions. */
function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of [...files(join(root, 'amplify')), join(root, 'package-lock.json')].sort()) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** What `ampx pipeline-deploy --branch main` builds: production, where the data must be kept. */
export const BRANCH = { namespace: 'd1scctestapp', name: 'main', type: 'branch' } as const;

/** Each synth is ~30 MB: drop those of earlier inputs once nobody can still be reading them. */
function pruneStale(keep: string): void {
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith('scc-synth-') || path === keep) continue;
    if (Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The backend synthesized once per set of inputs, shared by the test files that read it (they run
 * in parallel workers, and a synth costs ~10 s of CPU): the first caller takes a lock directory and
 * synthesizes, the others wait for its `done` marker. It is a branch deployment (production); the
 * sandbox differences are covered by unit tests of the constructs. The SPA uploaded is a one-file stand-in, so
 * the result does not depend on whether `npm run build` was run.
 */
export async function synthesizedAssembly(): Promise<Assembly> {
  const dir = join(tmpdir(), `scc-synth-${inputsHash()}`);
  pruneStale(dir);
  const done = join(dir, 'done');
  const outdir = join(dir, 'cdk.out');
  try {
    mkdirSync(dir);
  } catch {
    for (let waited = 0; !existsSync(done); waited += 250) {
      if (waited > 170_000) throw new Error(`gave up waiting for the synth in ${dir}`);
      if (existsSync(join(dir, 'failed'))) throw new Error(readFileSync(join(dir, 'failed'), 'utf8'));
      await sleep(250);
    }
    return new Assembly(outdir);
  }
  const spa = mkdtempSync(join(tmpdir(), 'scc-spa-'));
  try {
    writeFileSync(join(spa, 'index.html'), '<!doctype html><title>SCC</title>');
    await synthesize({ outdir, spaDir: spa, context: BRANCH });
    writeFileSync(done, new Date().toISOString());
    return new Assembly(outdir);
  } catch (error) {
    // Leave the reason for the waiting files, and let the next run try again.
    writeFileSync(join(dir, 'failed'), String(error));
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 5_000).unref();
    throw error;
  } finally {
    rmSync(spa, { recursive: true, force: true });
  }
}
