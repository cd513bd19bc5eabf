import { describe, expect, it } from 'vitest';
import { compileResolver, createHostCaps } from '../../../../local/appsync/runtime';
import { cachedFormatters, MAX_FORMATTERS } from '../../../../local/appsync/runtime/host-caps';
import { evaluate, valueOf } from './support/helpers';

const resolver = (body: string) =>
  compileResolver(`
  import { util, runtime } from '@aws-appsync/utils';
  export function request(ctx) { ${body} }
  export function response(ctx) { return ctx.prev ? ctx.prev.result : ctx.result; }
`);

describe('errors', () => {
  it('util.error stops the handler and carries message, type, data and errorInfo', () => {
    const run = resolver(
      'ctx.stash.before = true; util.error("Amount over balance", "Conflict", { id: 1 }, { balanceCents: 5 }); ctx.stash.after = true;',
    ).run('request', {});
    expect(run.error).toEqual({
      message: 'Amount over balance',
      errorType: 'Conflict',
      data: { id: 1 },
      errorInfo: { balanceCents: 5 },
    });
    expect(run.value).toBeUndefined();
    expect(run.stash).toEqual({ before: true });
  });

  it('util.error without a type carries only the message', () => {
    expect(evaluate('util.error("foo")').error).toEqual({ message: 'foo' });
  });

  it('util.unauthorized is an Unauthorized error', () => {
    expect(evaluate('util.unauthorized()').error).toEqual({ message: 'Unauthorized', errorType: 'Unauthorized' });
  });

  it('util.appendError accumulates errors and lets the handler finish', () => {
    const run = resolver('util.appendError("first", "ValidationError"); util.appendError("second"); return 42;').run(
      'request',
      {},
    );
    expect(run.value).toBe(42);
    expect(run.error).toBeUndefined();
    expect(run.appendedErrors).toEqual([{ message: 'first', errorType: 'ValidationError' }, { message: 'second' }]);
  });

  it('a runtime error in resolver code becomes a Code error located in code.js, as AppSync reports it', () => {
    const run = compileResolver(
      'export function request(ctx) {\n  const id = ctx.args.missing.deeper;\n  return id;\n}\n',
    ).run('request', {});
    expect(run.error).toEqual({
      errorType: 'Code',
      message: expect.stringMatching(/^code\.js:2:\d+: TypeError: Cannot read properties of undefined/),
    });
  });

  it('appended errors do not leak into the next call', () => {
    const r = resolver('util.appendError("once"); return 1;');
    r.run('request', {});
    expect(r.run('request', {}).appendedErrors).toHaveLength(1);
  });
});

describe('isolation between calls (one compiled resolver serves every request)', () => {
  const leaky = compileResolver(`
    import { util } from '@aws-appsync/utils';
    const seen = [];
    export function request(ctx) {
      const before = { seen: seen.slice(), global: globalThis.lastWord, util: util.lastWord, log: typeof console.log, json: typeof JSON, hasUtil: 'util' in globalThis };
      seen.push(ctx.args.word);
      globalThis.lastWord = ctx.args.word;
      util.lastWord = ctx.args.word;
      console.log = null;
      globalThis.JSON = null;
      delete globalThis.util;
      ctx.stash.word = ctx.args.word;
      return before;
    }
    export function response(ctx) { return ctx.result; }
  `);

  it('a call sees none of the module state, globals, util changes or stash another call left', () => {
    leaky.run('request', { arguments: { word: 'first' }, stash: { mine: 1 } });
    const second = leaky.run('request', { arguments: { word: 'second' } });
    expect(second.error).toBeUndefined();
    expect(second.value).toEqual({ seen: [], log: 'function', json: 'object', hasUtil: true });
    expect(second.stash).toEqual({ word: 'second' });
  });

  it('a call that fails leaves nothing behind either', () => {
    const failing = compileResolver(`
      import { util } from '@aws-appsync/utils';
      const state = { n: 0 };
      export function request(ctx) {
        const before = [state.n, globalThis.touched === true];
        state.n = state.n + 1;
        globalThis.touched = true;
        if (ctx.args.fail) util.error('failed on purpose');
        return before;
      }
      export function response(ctx) { return ctx.result; }
    `);
    expect(failing.run('request', { arguments: { fail: true } }).error?.message).toBe('failed on purpose');
    expect(failing.run('request', {}).value).toEqual([0, false]);
  });
});

describe('runtime.earlyReturn', () => {
  it('stops the handler and reports the value', () => {
    const run = resolver('ctx.stash.seen = 1; runtime.earlyReturn({ cached: true }); return "not reached";').run(
      'request',
      {},
    );
    expect(run.earlyReturn).toEqual({ value: { cached: true } });
    expect(run.value).toBeUndefined();
    expect(run.stash).toEqual({ seen: 1 });
  });

  it('keeps skipTo', () => {
    expect(evaluate('runtime.earlyReturn(null, { skipTo: "NEXT" })').earlyReturn).toEqual({
      value: null,
      skipTo: 'NEXT',
    });
  });
});

describe('the context', () => {
  it('ctx.args is ctx.arguments', () => {
    expect(valueOf('ctx.args === ctx.arguments && ctx.args.id', { arguments: { id: 'e1' } })).toBe('e1');
  });

  it('the stash persists from one handler call to the next', () => {
    const r = resolver('ctx.stash.count = (ctx.stash.count || 0) + 1; return ctx.stash.count;');
    const first = r.run('request', { stash: {} });
    const second = r.run('request', { stash: first.stash });
    expect(second.value).toBe(2);
    expect(second.stash).toEqual({ count: 2 });
  });

  it('ctx.env exposes the environment variables', () => {
    expect(valueOf('ctx.env.TABLE_NAME', { env: { TABLE_NAME: 'scc-main' } })).toBe('scc-main');
  });

  it('ctx.prev.result reaches a pipeline function', () => {
    expect(
      compileResolver('export function request(ctx) { return ctx.prev.result.total; }').run('request', {
        prev: { result: { total: 9 } },
      }).value,
    ).toBe(9);
  });

  it('the value is cloned out: the resolver keeps no reference to it', () => {
    const r = resolver('ctx.stash.list = ctx.stash.list || []; ctx.stash.list.push(1); return ctx.stash.list;');
    const input = { stash: { list: [0] } };
    const run = r.run('request', input);
    expect(run.value).toEqual([0, 1]);
    expect(input.stash.list).toEqual([0]);
  });

  it('console lines read as EvaluateCode logs them: level, position of the call in code.js, each argument as JSON', () => {
    const run = resolver('console.log("paid", 500, { id: "p1" }); console.error("refused"); return null;').run(
      'request',
      {},
    );
    expect(run.logs).toEqual(['INFO - code.js:3:34: "paid" 500 {"id":"p1"}', 'ERROR - code.js:3:74: "refused"']);
  });
});

describe('util', () => {
  it.each([
    [{}, 'API Key Authorization'],
    [
      {
        identity: {
          sub: 's',
          issuer: 'i',
          claims: {},
          username: 'u',
          sourceIp: ['1.2.3.4'],
          defaultAuthStrategy: 'ALLOW',
          groups: ['ADMINS'],
        },
      },
      'User Pool Authorization',
    ],
    [{ identity: { resolverContext: {} } }, 'Lambda Authorization'],
    [{ identity: { sub: 's' }, authType: 'User Pool Authorization' as const }, 'User Pool Authorization'],
  ])('util.authType() for %j', (ctx, expected) => {
    expect(valueOf('util.authType()', ctx)).toBe(expected);
  });

  it('generates ids in their documented formats', () => {
    expect(valueOf('util.autoId()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(valueOf('util.autoUlid()')).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(valueOf('util.autoKsuid()')).toMatch(/^[0-9A-Za-z]{27}$/);
  });

  it('autoUlid keeps its 80 random bits random across many ids (the host draws them from a pooled CSPRNG buffer)', () => {
    const at = Date.UTC(2026, 10, 30, 12);
    const host = createHostCaps(() => at);
    // 5,000 ids use 80,000 random characters: the 4 KB pool is refilled about twenty times.
    const ids = Array.from({ length: 5_000 }, () => host.autoUlid());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(0, 10)))).toEqual(new Set(['01M8P570G0']));
    const counts = new Map<string, number>();
    for (const id of ids) for (const c of id.slice(10)) counts.set(c, (counts.get(c) ?? 0) + 1);
    // Each of the 32 characters 2,500 times on average; a stuck or biased source is far outside ±15%.
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(Math.abs(n - 2_500)).toBeLessThan(375);
  });

  it('formats with any number of distinct date patterns, remembering at most MAX_FORMATTERS of them', () => {
    const host = createHostCaps();
    const at = Date.UTC(2023, 10, 14, 22, 13, 20);
    for (let i = 0; i < MAX_FORMATTERS + 50; i++)
      expect(host.formatTime(at, `yyyy-MM-dd '${i}'`)).toBe(`2023-11-14 ${i}`);
    expect(cachedFormatters()).toBe(MAX_FORMATTERS);
    expect(host.formatTime(at, `yyyy-MM-dd '0'`)).toBe('2023-11-14 0');
  });

  it.each([
    ['util.base64Encode("Ship ⚓")', 'U2hpcCDimpM='],
    ['util.base64Decode("U2hpcCDimpM=")', 'Ship ⚓'],
    ['util.urlEncode("a b&c=d*~")', 'a+b%26c%3Dd*%7E'],
    ['util.urlDecode("a+b%26c")', 'a b&c'],
    ['util.escapeJavaScript("it\'s \\"x\\"\\n")', 'it\\\'s \\"x\\"\\n'],
    ['util.matches("PAYMENT#.*", "PAYMENT#1")', true],
    ['util.matches("PAYMENT", "PAYMENT#1")', false],
    ['util.time.epochMilliSecondsToISO8601(1700000000000)', '2023-11-14T22:13:20.000Z'],
    ['util.time.epochMilliSecondsToSeconds(1700000000999)', 1700000000],
    [
      'util.time.epochMilliSecondsToFormatted(1700000000000, "yyyy-MM-dd HH:mm Z", "America/New_York")',
      '2023-11-14 17:13 -0500',
    ],
    ['util.time.parseFormattedToEpochMilliSeconds("2023-11-14 22:13:20", "yyyy-MM-dd HH:mm:ss")', 1700000000000],
    ['util.time.parseISO8601ToEpochMilliSeconds("2023-11-14T22:13:20Z")', 1700000000000],
    ['util.str.normalize("e\\u0301", "nfc")', 'é'],
    ['util.math.roundNum(2.5)', 3],
    ['util.math.maxVal(2, 7)', 7],
  ])('%s', (expression, expected) => {
    expect(valueOf(expression)).toEqual(expected);
  });

  it('knows no VTL-only helper, as on AWS', () => {
    expect(evaluate('util.isNull(null)').error?.message).toMatch(/util.isNull is not a function/);
  });
});

describe('isolation', () => {
  it('resolver code cannot generate code from strings', () => {
    expect(evaluate('util.autoId.constructor("return 1")()').error?.message).toMatch(
      /Code generation from strings disallowed/,
    );
  });

  it('resolver code sees no Node globals', () => {
    expect(valueOf('[typeof process, typeof require, typeof Buffer]')).toEqual(['undefined', 'undefined', 'undefined']);
  });
});

describe('compileResolver', () => {
  it('refuses a module importing anything but @aws-appsync/utils', () => {
    expect(() => compileResolver("import x from 'lodash'; export function request() { return x; }")).toThrow(
      /Cannot find module 'lodash'/,
    );
  });

  it('tells which handlers a module defines', () => {
    const r = compileResolver('export function request(ctx) { return {}; }');
    expect([r.has('request'), r.has('response')]).toEqual([true, false]);
  });
});
