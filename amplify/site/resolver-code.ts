import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { CfnFunctionConfiguration } from 'aws-cdk-lib/aws-appsync';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { AssetStaging } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';

/** AppSync's limit on a function's inline `code` (API reference, FunctionConfiguration.code). */
export const APPSYNC_CODE_LIMIT = 32_768;

/**
 * The bundling options AppSync documents for APPSYNC_JS (docs/decisions/0001-own-appsync-runtime.md), exactly those the local runtime bundles with
 * (local/appsync/runtime/load.ts; amplify/ may not import local/, and a test compares the two
 * outputs): one ESM file, nothing but `@aws-appsync/utils` imported at run time.
 */
export function bundleResolver(entry: string, minify = false): string {
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2020',
    external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
    sourcemap: false,
    minify,
    treeShaking: true,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** A bundle as a file of its own, named by its content, for an S3 asset to upload. */
export function bundleFile(code: string): string {
  const dir = join(tmpdir(), 'scc-resolver-code');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(code).digest('hex')}.js`);
  writeFileSync(file, code);
  return file;
}

/**
 * Amplify uploads a custom handler's `entry` file as it is (aws-amplify/amplify-backend#3157): a
 * TypeScript resolver, or one importing `../keys`, is then refused by AppSync at deploy time
 * ("The code contains one or more errors"). So every AppSync function Amplify created from a file
 * gets that file bundled by esbuild and uploaded as an S3 asset of its own, which AppSync reads
 * through `codeS3Location`. Not inlined: 74 bundles inline made the data stack's template 810 KB,
 * close to CloudFormation's 1 MB limit for a template (test/amplify/template-size.test.ts keeps
 * every template under 80% of it). The template tests read the uploaded file from the cloud
 * assembly: exactly what AppSync will run. Returns the entry file of each function it rewrote.
 */
export function shipBundledResolvers(scope: IConstruct): Map<string, string> {
  const rewritten = new Map<string, string>();
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CfnFunctionConfiguration) || !node.codeS3Location) continue;
    const asset = node.node.scope?.node.tryFindChild(`${node.node.id}_asset`);
    const staging = asset?.node.tryFindChild('Stage');
    if (!(staging instanceof AssetStaging)) continue;
    let code = bundleResolver(staging.sourcePath);
    if (code.length > APPSYNC_CODE_LIMIT) code = bundleResolver(staging.sourcePath, true);
    if (code.length > APPSYNC_CODE_LIMIT) {
      throw new Error(
        `${staging.sourcePath} bundles to ${code.length} characters, over AppSync's ${APPSYNC_CODE_LIMIT}`,
      );
    }
    const bundled = new Asset(node.node.scope as Construct, `${node.node.id}_bundle`, { path: bundleFile(code) });
    node.codeS3Location = bundled.s3ObjectUrl;
    rewritten.set(node.name, staging.sourcePath);
  }
  return rewritten;
}
