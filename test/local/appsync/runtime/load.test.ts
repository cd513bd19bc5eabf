import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadResolver, loadResolvers, ResolverRejectedError } from '../../../../local/appsync/runtime';

const dir = mkdtempSync(join(tmpdir(), 'scc-runtime-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
function resolverFile(source: string, name = `resolver-${++count}.ts`): string {
  const file = join(dir, name);
  writeFileSync(file, source);
  return file;
}

async function refusal(file: string): Promise<ResolverRejectedError> {
  const error = await loadResolver(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResolverRejectedError);
  return error as ResolverRejectedError;
}

const HEADER = "import { util, Context } from '@aws-appsync/utils';\n";
const RESPONSE = 'export function response(ctx: Context) { return ctx.result; }\n';

describe('loadResolver refuses what APPSYNC_JS refuses', () => {
  it.each([
    ['try/catch', 'try { return util.autoId(); } catch (e) { return null; }', '@aws-appsync/no-try'],
    ['a while loop', 'let i = 0; while (i < 3) { i = i + 1; } return i;', '@aws-appsync/no-while'],
    ['a for(;;) loop', 'let n = 0; for (let i = 0; i < 3; i = i + 1) { n = n + i; } return n;', '@aws-appsync/no-for'],
    ['++', 'let i = 0; i++; return i;', '@aws-appsync/no-disallowed-unary-operators'],
    ['a regex literal', 'return /x/.test("x");', '@aws-appsync/no-regex'],
  ])('refuses %s, naming the rule', async (_what, body, rule) => {
    const file = resolverFile(`${HEADER}export function request(ctx: Context) {\n  ${body}\n}\n${RESPONSE}`);
    const refused = await refusal(file);
    expect(refused.file).toBe(file);
    expect(refused.problems.map((p) => p.ruleId)).toContain(rule);
    expect(refused.problems[0]).toMatchObject({ line: 3, errorType: 'LINT_ERROR' });
  });

  it('refuses an async handler and a class', async () => {
    const refused = await refusal(
      resolverFile(`${HEADER}class A {}\nexport async function request(ctx: Context) { return new A(); }\n${RESPONSE}`),
    );
    expect(refused.problems.map((p) => p.ruleId)).toEqual(
      expect.arrayContaining(['@aws-appsync/no-classes', '@aws-appsync/no-async']),
    );
  });

  it('refuses recursion, which needs type information to see', async () => {
    const refused = await refusal(
      resolverFile(
        `${HEADER}function f(n: number): number { return n > 0 ? f(n - 1) : 0; }\nexport function request(ctx: Context) { return f(3); }\n${RESPONSE}`,
      ),
    );
    expect(refused.problems.map((p) => p.ruleId)).toContain('@aws-appsync/no-recursion');
  });

  it('lints the files a resolver imports, not only its entry', async () => {
    resolverFile(
      'export function loop(): number { let i = 0; while (i < 2) { i = i + 1; } return i; }\n',
      'helper-loop.ts',
    );
    const refused = await refusal(
      resolverFile(
        `${HEADER}import { loop } from './helper-loop';\nexport function request(ctx: Context) { return loop(); }\n${RESPONSE}`,
      ),
    );
    expect(refused.file).toBe(join(dir, 'helper-loop.ts'));
  });

  it('refuses a bundle longer than the 32768 characters AppSync accepts', async () => {
    const refused = await refusal(
      resolverFile(`${HEADER}export function request(ctx: Context) { return '${'x'.repeat(33_000)}'; }\n${RESPONSE}`),
    );
    expect(refused.problems[0].message).toMatch(/at most 32768/);
  });

  it('reports a syntax error as a parser error with its position', async () => {
    const refused = await refusal(resolverFile(`${HEADER}export function request(ctx: Context) { return { ; }\n`));
    expect(refused.problems[0]).toMatchObject({ line: 2, errorType: 'PARSER_ERROR' });
  });
});

describe('loadResolver', () => {
  it('bundles local imports and runs the handlers', async () => {
    resolverFile("export const key = (id: string) => ({ PK: `EVENT#${id}`, SK: 'META' });\n", 'keys-helper.ts');
    const file = resolverFile(
      `${HEADER}import * as ddb from '@aws-appsync/utils/dynamodb';\nimport { key } from './keys-helper';\n` +
        `export function request(ctx: Context) { return ddb.get({ key: key(ctx.args.id) }); }\n${RESPONSE}`,
    );
    const resolver = await loadResolver(file);
    expect(resolver.has('request') && resolver.has('response')).toBe(true);
    expect(resolver.run('request', { arguments: { id: 'e1' } }).value).toEqual({
      operation: 'GetItem',
      key: { PK: { S: 'EVENT#e1' }, SK: { S: 'META' } },
    });
  });

  it('serves a cached load until the file changes', async () => {
    const file = resolverFile(`${HEADER}export function request(ctx: Context) { return 1; }\n${RESPONSE}`);
    const first = await loadResolver(file);
    expect(await loadResolver(file)).toBe(first);
    writeFileSync(file, `${HEADER}export function request(ctx: Context) { return 2; }\n${RESPONSE}`);
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    const second = await loadResolver(file);
    expect(second).not.toBe(first);
    expect(second.run('request', {}).value).toBe(2);
  });

  it('refuses a loaded resolver once a file it imports breaks a rule', async () => {
    const helper = resolverFile('export const two = (): number => 2;\n', 'helper-edit.ts');
    const file = resolverFile(
      `${HEADER}import { two } from './helper-edit';\nexport function request(ctx: Context) { return two(); }\n${RESPONSE}`,
    );
    expect((await loadResolver(file)).run('request', {}).value).toBe(2);
    writeFileSync(helper, 'export const two = (): number => { let n = 0; n++; return n + 1; };\n');
    const later = new Date(Date.now() + 5_000);
    utimesSync(helper, later, later);
    expect((await refusal(file)).file).toBe(helper);
  });

  it('loads many files with one lint, keeping each refusal apart', async () => {
    const good = resolverFile(`${HEADER}export function request(ctx: Context) { return 'ok'; }\n${RESPONSE}`);
    const bad = resolverFile(
      `${HEADER}export function request(ctx: Context) { let i = 0; i++; return i; }\n${RESPONSE}`,
    );
    const loaded = await loadResolvers([good, bad]);
    expect(loaded.get(bad)).toBeInstanceOf(ResolverRejectedError);
    const ok = loaded.get(good);
    expect(ok && !(ok instanceof ResolverRejectedError) && ok.run('request', {}).value).toBe('ok');
  });
});
