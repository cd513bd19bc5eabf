import { buildSync } from 'esbuild';
import { CfnFunctionConfiguration } from 'aws-cdk-lib/aws-appsync';
import { AssetStaging } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** AppSync's limit on a function's inline `code` (API reference, FunctionConfiguration.code). */
export const APPSYNC_CODE_LIMIT = 32_768;

/**
 * The options DESIGN.md §6 gives for APPSYNC_JS, exactly those the local runtime bundles with
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

/**
 * Amplify uploads a custom handler's `entry` file as it is (aws-amplify/amplify-backend#3157): a
 * TypeScript resolver, or one importing `../keys`, is then refused by AppSync at deploy time
 * ("The code contains one or more errors"). So every AppSync function Amplify created from a file
 * gets that file bundled by esbuild and inlined as its code instead, which also lets the template
 * tests read exactly what AppSync will run. Returns the entry file of each function it rewrote.
 */
export function inlineBundledResolvers(scope: IConstruct): Map<string, string> {
  const rewritten = new Map<string, string>();
  for (const node of scope.node.findAll()) {
    if (!(node instanceof CfnFunctionConfiguration) || !node.codeS3Location) continue;
    const asset = node.node.scope?.node.tryFindChild(`${node.node.id}_asset`);
    const staging = asset?.node.tryFindChild('Stage');
    if (!(staging instanceof AssetStaging)) continue;
    let code = bundleResolver(staging.sourcePath);
    if (code.length > APPSYNC_CODE_LIMIT) code = bundleResolver(staging.sourcePath, true);
    if (code.length > APPSYNC_CODE_LIMIT) {
      throw new Error(`${staging.sourcePath} bundles to ${code.length} characters, over AppSync's ${APPSYNC_CODE_LIMIT}`);
    }
    node.codeS3Location = undefined;
    node.code = code;
    rewritten.set(node.name, staging.sourcePath);
  }
  return rewritten;
}
