/**
 * `npm run appsync:evaluate -- --code <file> --function request|response --context <ctx.json>`
 * The offline twin of `aws appsync evaluate-code --runtime name=APPSYNC_JS,runtimeVersion=1.0.0`:
 * bundles and lints the file as the local server does, evaluates one handler and prints the JSON
 * the AWS CLI prints. Exit 0 whenever the evaluation ran (even if the code was refused or threw),
 * 2 for bad usage, like the AWS CLI.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { HandlerName, ResolverContextInput } from './runtime/types';

const USAGE =
  'usage: npm run appsync:evaluate -- --code <file> --function request|response [--context <ctx.json | JSON>]';

class UsageError extends Error {}

/** The AWS CLI's `file://` prefix is accepted; so are a plain path and inline JSON. */
function readArgument(value: string): string {
  const path = value.startsWith('file://') ? value.slice('file://'.length) : value;
  if (!value.startsWith('file://') && value.trimStart().startsWith('{')) return value;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function parse(argv: string[]): { file: string; fn: HandlerName; context: ResolverContextInput } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        code: { type: 'string' },
        function: { type: 'string' },
        context: { type: 'string' },
        runtime: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  if (!values.code) throw new UsageError('--code is required');
  // Accepted so a copied `aws appsync evaluate-code` command line works unchanged.
  if (values.runtime && !/name=APPSYNC_JS(,runtimeVersion=1\.0\.0)?$/.test(values.runtime)) {
    throw new UsageError('--runtime must be name=APPSYNC_JS,runtimeVersion=1.0.0');
  }
  const fn = values.function ?? 'request';
  if (fn !== 'request' && fn !== 'response') throw new UsageError('--function must be request or response');
  const file = values.code.startsWith('file://') ? values.code.slice('file://'.length) : values.code;
  let context: ResolverContextInput = {};
  if (values.context) {
    try {
      context = JSON.parse(readArgument(values.context)) as ResolverContextInput;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--context is not valid JSON: ${(error as Error).message}`);
    }
  }
  return { file, fn, context };
}

async function main(): Promise<number> {
  let request;
  try {
    request = parse(process.argv.slice(2));
    readArgument(`file://${request.file}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(error.message);
    console.error(USAGE);
    return 2;
  }
  // Loaded only now: bundling and linting pull in esbuild, ESLint and TypeScript.
  const { evaluateFile } = await import('./runtime/evaluate');
  const response = await evaluateFile(request.file, request.fn, request.context);
  console.log(JSON.stringify(response, null, 4));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
