/**
 * `npm run appsync:fixtures`: replays AWS's documented examples (fixtures/aws-documented.json)
 * and the cases captured from AWS's EvaluateCode API (../shared/fixtures/appsync-aws-cases.json,
 * outside the repository, skipped when absent) through the local runtime, and reports how many
 * answers match AWS's. Not part of `npm test` (test/local/appsync/runtime/documented.test.ts
 * replays the documented set there).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOCUMENTED_FIXTURES, replayFixtures } from './fixtures';

const CAPTURED =
  process.env.SCC_APPSYNC_FIXTURES ??
  fileURLToPath(new URL('../../../shared/fixtures/appsync-aws-cases.json', import.meta.url));

async function replay(name: string, file: string): Promise<boolean> {
  if (!existsSync(file)) {
    console.log(`No ${name} at ${file}: nothing to replay (they live outside the repository).\n`);
    return true;
  }
  const results = await replayFixtures(file);
  for (const r of results) {
    if (r.passed) console.log(`PASS  ${r.case.id}`);
    else {
      console.log(
        `FAIL  ${r.case.id}\n      expected ${JSON.stringify(r.case.expected)}\n      actual   ${JSON.stringify(r.actual)}` +
          (r.case.logs ? `\n      logs expected ${JSON.stringify(r.case.logs)} actual ${JSON.stringify(r.logs)}` : '') +
          (r.response.error?.codeErrors ? `\n      ${JSON.stringify(r.response.error.codeErrors)}` : ''),
      );
    }
  }
  const passed = results.filter((r) => r.passed).length;
  console.log(`\n${name}: ${passed}/${results.length} match AWS\n`);
  return passed === results.length;
}

async function main(): Promise<number> {
  const documented = await replay('documented examples', DOCUMENTED_FIXTURES);
  const captured = await replay('captured EvaluateCode cases', CAPTURED);
  return documented && captured ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
