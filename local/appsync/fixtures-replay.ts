/**
 * `npm run appsync:fixtures`: replays the AWS-captured EvaluateCode cases of
 * ../shared/fixtures/appsync-aws-cases.json through the local runtime (bundle, lint, evaluate,
 * exactly as `npm run appsync:evaluate` does) and reports how many answers match AWS's.
 * Not part of `npm test`: a fresh clone has no ../shared.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { evaluateCompiled, rejectionResponse, type EvaluateCodeResponse } from './runtime/evaluate';
import { loadResolvers } from './runtime/load';
import { ResolverRejectedError, type HandlerName } from './runtime/types';

interface FixtureCase {
  id: string;
  kind: 'expression' | 'resolver';
  function: HandlerName | null;
  code: string;
  context: Record<string, unknown>;
  expected: unknown;
  area: string;
}

interface Fixtures {
  harness: { expression_module: string; expression_function: HandlerName };
  cases: FixtureCase[];
}

const FIXTURES = process.env.SCC_APPSYNC_FIXTURES
  ?? fileURLToPath(new URL('../../../shared/fixtures/appsync-aws-cases.json', import.meta.url));

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

async function main(): Promise<number> {
  if (!existsSync(FIXTURES)) {
    console.log(`No fixtures at ${FIXTURES}: nothing to replay (they live outside the repository).`);
    return 0;
  }
  const fixtures = JSON.parse(readFileSync(FIXTURES, 'utf8')) as Fixtures;
  const dir = mkdtempSync(join(tmpdir(), 'scc-appsync-fixtures-'));
  try {
    const files = fixtures.cases.map((c, i) => {
      const file = join(dir, `case-${String(i).padStart(3, '0')}.js`);
      const code = c.kind === 'expression' ? fixtures.harness.expression_module.replace('<expression>', c.code) : c.code;
      writeFileSync(file, code);
      return file;
    });
    const loaded = await loadResolvers(files);
    let passed = 0;
    fixtures.cases.forEach((c, i) => {
      const resolver = loaded.get(files[i])!;
      const fn = c.function ?? fixtures.harness.expression_function;
      const response = resolver instanceof ResolverRejectedError
        ? rejectionResponse(resolver)
        : evaluateCompiled(resolver, fn, c.context);
      const actual = observed(response);
      if (matches(actual, c.expected)) {
        passed += 1;
        console.log(`PASS  ${c.id}`);
      } else {
        console.log(`FAIL  ${c.id}\n      expected ${JSON.stringify(c.expected)}\n      actual   ${JSON.stringify(actual)}`
          + (response.error?.codeErrors ? `\n      ${JSON.stringify(response.error.codeErrors)}` : ''));
      }
    });
    console.log(`\n${passed}/${fixtures.cases.length} match AWS`);
    return passed === fixtures.cases.length ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
