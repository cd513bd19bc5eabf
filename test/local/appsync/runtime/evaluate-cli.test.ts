import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scc-evaluate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      join(root, 'node_modules/.bin/tsx'),
      ['local/appsync/evaluate-cli.ts', ...args],
      { cwd: root },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const RESOLVER = `import { util, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
export function request(ctx: Context) {
  console.log('loading', ctx.args.id);
  ctx.stash.table = ctx.env.TABLE_NAME;
  util.appendError('partial', 'Warning');
  return ddb.get({ key: { id: ctx.args.id } });
}
export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  return ctx.result;
}
`;

describe('npm run appsync:evaluate', () => {
  it('prints what aws appsync evaluate-code prints for a successful evaluation', async () => {
    const code = write('ok.ts', RESOLVER);
    const context = write('ctx.json', JSON.stringify({ arguments: { id: 'e1' }, env: { TABLE_NAME: 'scc' } }));
    const { code: exit, stdout } = await cli('--code', code, '--function', 'request', '--context', `file://${context}`);
    expect(exit).toBe(0);
    const out = JSON.parse(stdout);
    expect(JSON.parse(out.evaluationResult)).toEqual({ operation: 'GetItem', key: { id: { S: 'e1' } } });
    expect(JSON.parse(out.stash)).toEqual({ table: 'scc' });
    expect(JSON.parse(out.outErrors)).toEqual([{ message: 'partial', errorType: 'Warning' }]);
    expect(out.logs).toEqual(['INFO - code.js:5:3: "loading" "e1"']);
  });

  it('prints the error of a handler that calls util.error', async () => {
    const code = write('err.ts', RESOLVER);
    const { code: exit, stdout } = await cli(
      '--code',
      code,
      '--function',
      'response',
      '--context',
      '{"error":{"message":"boom","type":"DynamoDB:ConditionalCheckFailedException"}}',
    );
    expect(exit).toBe(0);
    expect(JSON.parse(stdout).error).toEqual({ message: 'boom' });
  });

  it('prints code errors for a resolver that breaks the runtime rules, and still exits 0', async () => {
    const code = write('bad.ts', 'export function request(ctx) {\n  try { return 1; } catch (e) { return 2; }\n}\n');
    const { code: exit, stdout } = await cli('--code', code, '--function', 'request');
    expect(exit).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.evaluationResult).toBeUndefined();
    expect(out.error.codeErrors).toEqual([
      {
        errorType: 'LINT_ERROR',
        value: 'Try statements are not supported. (@aws-appsync/no-try)',
        location: { line: 2, column: 3, span: expect.any(Number) },
      },
    ]);
  });

  it('exits 2 with a usage message on bad arguments', async () => {
    const { code: exit, stderr } = await cli('--function', 'sideways');
    expect(exit).toBe(2);
    expect(stderr).toMatch(/usage: npm run appsync:evaluate/);
  });
});
