import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';

export type UrlHandler = (event: LambdaFunctionURLEvent) => Promise<LambdaFunctionURLResult>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles the waiver Lambda's handler.ts with esbuild as Amplify's NodejsFunction does (ESM,
 * Node 20), so what runs here is what runs in Lambda — including the waiver texts, which only
 * esbuild's text loader imports. npm packages stay external (resolved from node_modules) to keep
 * this fast. Returns the handler and a cleanup for the bundle file.
 */
export async function loadWaiverHandler(): Promise<{ handler: UrlHandler; dispose(): void }> {
  const dir = path.join(root, '.local', 'edge');
  fs.mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `waiver-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.mjs`);
  await build({
    entryPoints: [path.join(root, 'amplify/functions/waiver/handler.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  const mod = (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as { handler: UrlHandler };
  return { handler: mod.handler, dispose: () => fs.rmSync(outfile, { force: true }) };
}
