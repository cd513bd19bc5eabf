import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Context, LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';
import type { WaiverConfig } from '../../amplify/functions/config';

export type UrlHandler = (event: LambdaFunctionURLEvent, context: Context) => Promise<LambdaFunctionURLResult>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundleDir = path.join(root, '.local', 'edge');
const STALE_MS = 24 * 3600_000;

export interface Bundle<T> {
  module: T;
  /** The source files in the bundle (for noticing edits). */
  inputs: string[];
  builtAt: number;
  dispose(): void;
}

/** Bundles left behind by processes that were killed before their cleanup. */
function removeStaleBundles(): void {
  for (const name of fs.readdirSync(bundleDir)) {
    const file = path.join(bundleDir, name);
    if (name.endsWith('.mjs') && Date.now() - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
  }
}

/**
 * Bundles a Lambda entry with esbuild as Amplify's NodejsFunction does (ESM, Node 20), so what
 * runs here is what runs in Lambda — including the waiver texts, which only esbuild's text loader
 * imports. npm packages stay external (resolved from node_modules) to keep this fast.
 */
export async function bundleModule<T>(entry: string): Promise<Bundle<T>> {
  fs.mkdirSync(bundleDir, { recursive: true });
  removeStaleBundles();
  const name = path.basename(entry, path.extname(entry));
  const outfile = path.join(
    bundleDir,
    `${name}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.mjs`,
  );
  const builtAt = Date.now();
  const result = await build({
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    metafile: true,
    logLevel: 'error',
  });
  const module = (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as T;
  return {
    module,
    inputs: Object.keys(result.metafile.inputs).map((input) => path.resolve(root, input)),
    builtAt,
    dispose: () => fs.rmSync(outfile, { force: true }),
  };
}

const WAIVER_ENTRY = 'amplify/functions/waiver/handler.ts';

interface WaiverModule {
  handler: UrlHandler;
  waiverHandler(config: WaiverConfig): UrlHandler;
}

/** The bundle's handler over `config`, or its AWS entry point (which reads this process's environment). */
const handlerOf = (module: WaiverModule, config: WaiverConfig | undefined) =>
  config ? module.waiverHandler(config) : module.handler;

/** The waiver Lambda's handler, bundled from amplify/functions/waiver/handler.ts. */
export async function loadWaiverHandler(config?: WaiverConfig): Promise<{ handler: UrlHandler; dispose(): void }> {
  const bundle = await bundleModule<WaiverModule>(WAIVER_ENTRY);
  return { handler: handlerOf(bundle.module, config), dispose: bundle.dispose };
}

/**
 * For development: the waiver handler, rebundled before a request when one of its source files
 * (waiver texts included) changed since the last bundle, like a redeploy on save. New waiver
 * texts for other events appear on the next edit or restart.
 */
export async function liveWaiverHandler(config?: WaiverConfig): Promise<{ handler: UrlHandler; dispose(): void }> {
  let current = await bundleModule<WaiverModule>(WAIVER_ENTRY);
  let handler = handlerOf(current.module, config);
  let pending: Promise<void> | undefined;
  const edited = () =>
    current.inputs.some((file) => {
      try {
        return fs.statSync(file).mtimeMs > current.builtAt;
      } catch {
        return true;
      }
    });
  return {
    async handler(event, context) {
      if (edited()) {
        pending ??= bundleModule<WaiverModule>(WAIVER_ENTRY)
          .then((next) => {
            current.dispose();
            current = next;
            handler = handlerOf(next.module, config);
          })
          .finally(() => (pending = undefined));
        await pending;
      }
      return handler(event, context);
    },
    dispose: () => current.dispose(),
  };
}
