/**
 * Replays a fixture file of EvaluateCode cases through the local runtime: each case is bundled,
 * linted and evaluated exactly as `npm run appsync:evaluate` does, and its answer compared with
 * AWS's. Two sets exist: the cases captured from AWS's EvaluateCode API (../shared, outside the
 * repository) and AWS's documented examples (fixtures/aws-documented.json).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { evaluateCompiled, rejectionResponse, type EvaluateCodeResponse } from './runtime/evaluate';
import { loadResolvers } from './runtime/load';
import { ResolverRejectedError, type HandlerName } from './runtime/types';

export interface FixtureCase {
  id: string;
  kind: 'expression' | 'resolver';
  function: HandlerName | null;
  code: string;
  context: Record<string, unknown>;
  expected: unknown;
  /** EvaluateCode's `logs`, for the cases whose page shows them. */
  logs?: string[];
  area: string;
  /** The documentation page the case is taken from. */
  doc?: string;
}

interface Fixtures {
  harness: { expression_module: string; expression_function: HandlerName };
  cases: FixtureCase[];
}

export interface CaseResult {
  case: FixtureCase;
  passed: boolean;
  actual: unknown;
  logs: string[];
  response: EvaluateCodeResponse;
}

export const DOCUMENTED_FIXTURES = fileURLToPath(new URL('./fixtures/aws-documented.json', import.meta.url));

/** The harness's reading of a response: the parsed result, or the error message without its location. */
function observed(response: EvaluateCodeResponse): unknown {
  if (response.error) return { message: response.error.message.replace(/^code\.js:\d+:\d+: /, '') };
  return JSON.parse(response.evaluationResult ?? 'null');
}

/**
 * AWS orders expressionNames/expressionValues freely, so objects are compared, not strings. Some
 * cases stored AWS's JSON-string answer parsed (the transform tests did so before snapshotting).
 */
function matches(actual: unknown, expected: unknown): boolean {
  if (isDeepStrictEqual(actual, expected)) return true;
  if (typeof actual === 'string' && typeof expected === 'object' && expected !== null) {
    try {
      return isDeepStrictEqual(JSON.parse(actual), expected);
    } catch {
      return false;
    }
  }
  return false;
}

export async function replayFixtures(file: string): Promise<CaseResult[]> {
  const fixtures = JSON.parse(readFileSync(file, 'utf8')) as Fixtures;
  const dir = mkdtempSync(join(tmpdir(), 'scc-appsync-fixtures-'));
  try {
    const files = fixtures.cases.map((c, i) => {
      const path = join(dir, `case-${String(i).padStart(3, '0')}.js`);
      writeFileSync(
        path,
        c.kind === 'expression' ? fixtures.harness.expression_module.replace('<expression>', c.code) : c.code,
      );
      return path;
    });
    const loaded = await loadResolvers(files);
    return fixtures.cases.map((c, i) => {
      const resolver = loaded.get(files[i])!;
      const response =
        resolver instanceof ResolverRejectedError
          ? rejectionResponse(resolver)
          : evaluateCompiled(resolver, c.function ?? fixtures.harness.expression_function, c.context);
      const actual = observed(response);
      const passed = matches(actual, c.expected) && (c.logs === undefined || isDeepStrictEqual(response.logs, c.logs));
      return { case: c, passed, actual, logs: response.logs, response };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
