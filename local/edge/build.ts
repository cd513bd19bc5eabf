import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputsFilePlugin } from './spa';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `vite build` of the dashboard as it is deployed (the PWA manifest and service worker included),
 * against the given amplify_outputs.json, into `outDir`: the built site `SCC_SPA=dist npm start`,
 * the offline end-to-end tests and the dock benchmark serve.
 */
export async function buildSite(outDir: string, outputsFile: string): Promise<void> {
  const [{ build }, { sccPwa }] = await Promise.all([import('vite'), import('../../vite.config')]);
  // Under NODE_ENV=test or development Vite would resolve Lit's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      configFile: false,
      mode: 'production',
      logLevel: 'warn',
      plugins: [outputsFilePlugin(outputsFile), sccPwa()],
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
