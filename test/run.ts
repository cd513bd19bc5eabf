/**
 * `npm test`: every check, in the order that fails fastest — type check, lint, then all vitest
 * projects (Node unit + integration against real stand-ins, components in Chromium, end to end).
 * Prints the runner's summary and one closing line, "tests: N passed, N failed".
 * Extra arguments go to vitest (e.g. `npm test -- test/local` or `-- --project browser`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM, JAVA, ensurePrerequisites } from '../local/prereqs';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  console.log(`${status === 0 ? '✔' : '✘'} ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return status === 0;
}

ensurePrerequisites([JAVA, CHROMIUM]);
// vitest 5 needs Node 22.12+: on Node 20 the tests run, but a failure's report crashes (Map.groupBy).
const [major, minor] = process.versions.node.split('.').map(Number);
if (major! < 22 || (major === 22 && minor! < 12)) {
  console.warn(
    `\n⚠ Node ${process.versions.node}: the tests need Node 22.12 or later (24 LTS is what CI runs); see docs/development.md, "Working on Node 24 here".`,
  );
}
// The SDK warns in every worker that its 2027 releases need Node 22; the lockfile pins ours.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const failures: string[] = [];
if (extra.length === 0) {
  if (!step('type check (tsc)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])) failures.push('type check');
  if (!step('lint (eslint, AppSync rules on resolvers)', bin('eslint'), ['.', '--max-warnings=0']))
    failures.push('lint');
  if (!step('format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level=warn']))
    failures.push('format');
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scc-vitest-')), 'report.json');
const testsOk = step('tests (vitest: node, browser, e2e)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...extra,
]);
if (!testsOk) failures.push('tests');

let passed = 0;
let failed = 0;
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
  };
  passed = r.numPassedTests;
  // A file that fails to load fails no test but must still count as a failure.
  failed = r.numFailedTests || (r.numFailedTestSuites > 0 ? 1 : 0);
} else if (!testsOk) {
  failed = 1;
}
if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
