/**
 * The budget (docs/architecture.md, budgets): the shell and the sign-in form paint from ≤ 20 KB gzip of JavaScript, and aws-amplify
 * arrives by dynamic import after first paint. Builds the SPA as production does and measures the
 * entry chunk with everything it imports statically.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Plugin, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const BUDGET = 20 * 1024;

/** amplify_outputs.json is written by npm start or ampx; the build only needs its shape. */
function stubOutputs(file: string): Plugin {
  return {
    name: 'scc:test-outputs',
    enforce: 'pre',
    resolveId: (source) => (source.endsWith('amplify_outputs.json') ? file : null),
  };
}

let chunks: Rollup.OutputChunk[];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-budget-'));
  const outputs = path.join(dir, 'amplify_outputs.json');
  fs.writeFileSync(outputs, JSON.stringify({ version: '1.4', auth: {}, data: {}, custom: { local: {} } }));
  // Vitest runs with NODE_ENV=test, under which Vite resolves Lit's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const result = (await build({
    root,
    configFile: false,
    mode: 'production',
    logLevel: 'silent',
    plugins: [stubOutputs(outputs)],
    build: { outDir: path.join(dir, 'dist'), target: 'es2022', write: false },
  }).finally(() => {
    process.env.NODE_ENV = nodeEnv;
  })) as Rollup.RollupOutput;
  chunks = result.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
}, 120_000);

function staticClosure(entry: Rollup.OutputChunk): Rollup.OutputChunk[] {
  const seen = new Map<string, Rollup.OutputChunk>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) visit(chunks.find((c) => c.fileName === name)!);
  };
  visit(entry);
  return [...seen.values()];
}

describe('the SPA bundle', () => {
  it('paints the shell and sign-in form from at most 20 KB gzip of JavaScript', () => {
    const entry = chunks.find((c) => c.isEntry)!;
    const bytes = staticClosure(entry).reduce((sum, c) => sum + gzipSync(c.code, { level: 9 }).length, 0);
    expect(bytes).toBeLessThanOrEqual(BUDGET);
  });

  it('loads aws-amplify only by dynamic import', () => {
    const entry = chunks.find((c) => c.isEntry)!;
    const eager = staticClosure(entry).flatMap((c) => c.moduleIds);
    expect(
      eager.some((id) => id.includes('/node_modules/@aws-amplify/') || id.includes('/node_modules/aws-amplify/')),
    ).toBe(false);
    expect(chunks.some((c) => c.moduleIds.some((id) => id.includes('/node_modules/@aws-amplify/')))).toBe(true);
  });

  it('loads the service worker registration and the offline store (idb) only by dynamic import', () => {
    const entry = chunks.find((c) => c.isEntry)!;
    const eager = staticClosure(entry).flatMap((c) => c.moduleIds);
    const offline = (id: string) =>
      id.includes('/node_modules/idb/') ||
      id.endsWith('/src/lib/offline/offline-store.ts') ||
      id.endsWith('/src/lib/offline/service-worker.ts');
    expect(eager.filter(offline)).toEqual([]);
    const all = chunks.flatMap((c) => c.moduleIds);
    for (const part of [
      '/node_modules/idb/',
      '/src/lib/offline/offline-store.ts',
      '/src/lib/offline/service-worker.ts',
    ]) {
      expect(all.some((id) => id.includes(part))).toBe(true);
    }
  });
});

describe('the offline code (docs/offline.md)', () => {
  it('loads the outbox and idb only after first paint, by dynamic import', () => {
    const entry = chunks.find((c) => c.isEntry)!;
    const eager = staticClosure(entry).flatMap((c) => c.moduleIds);
    const offline = (id: string) => id.includes('/node_modules/idb/') || id.endsWith('/src/lib/offline/outbox.ts');
    expect(eager.some(offline)).toBe(false);
    expect(chunks.some((c) => c.moduleIds.some(offline))).toBe(true);
  });
});
