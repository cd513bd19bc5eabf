import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';

export type UrlHandler = (event: LambdaFunctionURLEvent) => Promise<LambdaFunctionURLResult>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles a Lambda entry with esbuild as Amplify's NodejsFunction does (ESM, Node 20), so what
 * runs here is what runs in Lambda — including the waiver texts, which only esbuild's text loader
 * imports. npm packages stay external (resolved from node_modules) to keep this fast. Returns the
 * module and a cleanup for the bundle file.
 */
export async function bundleModule<T>(entry: string): Promise<{ module: T; dispose(): void }> {
  const dir = path.join(root, '.local', 'edge');
  fs.mkdirSync(dir, { recursive: true });
  const name = path.basename(entry, path.extname(entry));
  const outfile = path.join(dir, `${name}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.mjs`);
  await build({
    entryPoints: [path.resolve(root, entry)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  const module = (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as T;
  return { module, dispose: () => fs.rmSync(outfile, { force: true }) };
}

/** The waiver Lambda's handler, bundled from amplify/functions/waiver/handler.ts. */
export async function loadWaiverHandler(): Promise<{ handler: UrlHandler; dispose(): void }> {
  const { module, dispose } = await bundleModule<{ handler: UrlHandler }>('amplify/functions/waiver/handler.ts');
  return { handler: module.handler, dispose };
}
