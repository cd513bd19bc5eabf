import { Aspects, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * The Lambda runtime every SCC function runs on: Node 24 LTS. AWS deprecated `nodejs20.x` on
 * 2026-04-30 (and no longer creates functions on it) and deprecates `nodejs22.x` on 2027-04-30
 * (test/amplify/runtimes.test.ts keeps the dates and fails six months ahead).
 */
export const FUNCTION_MAJOR = 24;
export const FUNCTION_RUNTIME = `nodejs${FUNCTION_MAJOR}.x`;
export const FUNCTION_ARCHITECTURE = 'arm64';

const nodeMajor = (runtime: string | undefined) => Number(/^nodejs(\d+)\.x$/.exec(runtime ?? '')?.[1] ?? 0);

/**
 * Graviton (ARM64) and Node 24 or newer for every SCC function, whatever its resource.ts says:
 * defineFunction defaults to x86_64 and an older Node. Esbuild's output is plain JavaScript, so
 * the architecture can change after bundling.
 */
export function enforceFunctionPlatform(fn: CfnFunction): void {
  fn.architectures = [FUNCTION_ARCHITECTURE];
  if (nodeMajor(fn.runtime) < FUNCTION_MAJOR) fn.runtime = FUNCTION_RUNTIME;
}

/**
 * Raises every other Node function in the app to Node 24: Amplify's own (its branch linker pins
 * `nodejs22.x`) and any a library adds later. Only literal `nodejsNN.x` runtimes below 24 change;
 * other languages and tokens are left as they are (the runtimes test still checks them).
 */
const raiseNodeRuntime: IAspect = {
  visit(node: IConstruct) {
    if (node instanceof CfnFunction && nodeMajor(node.runtime) > 0 && nodeMajor(node.runtime) < FUNCTION_MAJOR) {
      node.runtime = FUNCTION_RUNTIME;
    }
  },
};

export function raiseNodeRuntimes(scope: IConstruct): void {
  Aspects.of(scope).add(raiseNodeRuntime);
}

/**
 * AppSync stops waiting for a data source after 30 s ("AWS AppSync endpoints and quotas"): a
 * Lambda that AppSync invokes and waits on may run no longer (test/amplify/operations.test.ts).
 */
export const APPSYNC_WAIT_SECONDS = 30;

/**
 * Concurrency set aside for the functions patrons and staff wait on, on branch deployments: the
 * waiver page (a group signing at the dock at once) and the mailer (receipts, waiver links). They
 * then never starve for the account's pool, and never take all of it: 20 waiver requests in
 * flight serve about 100 a second, and 10 mailers stay inside SES's sending rate. Lambda keeps
 * 100 of the account's concurrency unreserved, so the account's quota must be at least 130 (new
 * accounts may start lower: docs/deploy.md says how to raise it). A sandbox reserves nothing, so it
 * deploys on a new account as it is.
 */
export const RESERVED_CONCURRENCY = { waiver: 20, mailer: 10 } as const;

export function reserveConcurrency(fn: CfnFunction, executions: number): void {
  fn.reservedConcurrentExecutions = executions;
}
