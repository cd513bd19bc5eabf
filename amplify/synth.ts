import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `npm run synth [-- <outdir>]`: the whole backend as a CloudFormation cloud assembly, offline.
 * `ampx` needs AWS credentials even to synthesize; the CDK app does not, so this runs
 * amplify/backend.ts directly with the context `ampx sandbox` would give it.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface SynthOptions {
  /** Where the cloud assembly goes (created if missing). */
  readonly outdir: string;
  /** The built SPA to upload; defaults to dist/ (a placeholder page is deployed if it has no index.html). */
  readonly spaDir?: string;
  /** Backend identity; defaults to a sandbox named "sandbox" in namespace "scc". */
  readonly context?: { namespace: string; name: string; type: 'sandbox' | 'branch' | 'standalone' };
}

export function synthesize(options: SynthOptions): Promise<{ outdir: string; templates: string[] }> {
  const ctx = options.context ?? { namespace: 'scc', name: 'sandbox', type: 'sandbox' };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_OUTDIR: resolve(options.outdir),
    CDK_CONTEXT_JSON: JSON.stringify({
      'amplify-backend-namespace': ctx.namespace,
      'amplify-backend-name': ctx.name,
      'amplify-backend-type': ctx.type,
    }),
  };
  if (options.spaDir) env.SCC_SPA_DIR = resolve(options.spaDir);
  const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [tsx, resolve(root, 'amplify/backend.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr.on('data', (b: Buffer) => (log += b.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`synth failed (exit ${code}):\n${log}`));
      const outdir = resolve(options.outdir);
      done({ outdir, templates: readdirSync(outdir).filter((f) => f.endsWith('.template.json')) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = process.argv[2] ?? resolve(root, 'cdk.out');
  const started = Date.now();
  synthesize({ outdir }).then(
    ({ templates }) => {
      console.log(
        `Synthesized ${templates.length} templates into ${outdir} in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
      );
      for (const t of templates) console.log(`  ${t}`);
    },
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
