import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';

/** The Lambda runtime every SCC function runs on; Node 20 is the oldest DESIGN.md allows. */
export const FUNCTION_RUNTIME = 'nodejs22.x';
export const FUNCTION_ARCHITECTURE = 'arm64';

const nodeMajor = (runtime: string | undefined) => Number(/^nodejs(\d+)/.exec(runtime ?? '')?.[1] ?? 0);

/**
 * Graviton (ARM64) and Node 20 or newer for every function, whatever its resource.ts says:
 * defineFunction defaults to x86_64 and the oldest supported Node. Esbuild's output is plain
 * JavaScript, so the architecture can change after bundling.
 */
export function enforceFunctionPlatform(fn: CfnFunction): void {
  fn.architectures = [FUNCTION_ARCHITECTURE];
  if (nodeMajor(fn.runtime) < 20) fn.runtime = FUNCTION_RUNTIME;
}
