import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, startHarness, type Harness } from './support/harness';

let h: Harness;
const lambdaEvents: unknown[] = [];
beforeAll(async () => {
  h = await startHarness({
    lambdas: {
      EchoDataSource: async (event) => {
        lambdaEvents.push(event);
        if ((event as { word: string }).word === 'boom')
          throw Object.assign(new Error('mailer down'), { name: 'MailerError' });
        return { echoed: event };
      },
      greeter: async (event) => ({ greeted: event }),
    },
  });
});
afterAll(() => h?.api.close());

const json = (v: unknown) => JSON.parse(v as string) as Record<string, unknown>;

describe('pipeline resolvers', () => {
  it('passes ctx.stash and ctx.prev.result from one function to the next', async () => {
    const res = await gql(h.api.url, h.tokens.admin, 'mutation { pipe(word: "ahoy") }');
    expect(res.body.errors).toBeUndefined();
    expect(json(res.body.data?.pipe)).toEqual({
      step: 'second',
      stash: 'AHOY',
      // The first function saw what Amplify's pipeline request returned ({}), and the stash it set.
      prev: { step: 'first', sawPrev: {}, amplifyEnv: 'NONE' },
    });
  });

  it('gives resolvers ctx.env (TABLE_NAME) and ctx.info as AppSync does', async () => {
    const res = await gql(h.api.url, h.tokens.crew, 'query Who { whoAmI }');
    const out = json(res.body.data?.whoAmI);
    expect(out.env).toBe(h.table);
    expect(out.info).toMatchObject({
      fieldName: 'whoAmI',
      parentTypeName: 'Query',
      variables: {},
      selectionSetList: [],
    });
    expect(out.stash).toMatchObject({ awsAppsyncApiId: 'local', amplifyApiEnvironmentName: 'NONE' });
  });
});

describe('isolation between requests', () => {
  it('concurrent requests with the same document keep their own arguments, stash and identity', async () => {
    const PIPE = 'mutation Pipe($w: String!) { pipe(word: $w) }';
    const words = Array.from({ length: 12 }, (_, i) => `word${i}`);
    const [pipes, admin, crew] = await Promise.all([
      Promise.all(words.map((w) => gql(h.api.url, h.tokens.admin, PIPE, { w }))),
      gql(h.api.url, h.tokens.admin, '{ whoAmI }'),
      gql(h.api.url, h.tokens.crew, '{ whoAmI }'),
    ]);
    expect(pipes.map((r) => (json(r.body.data?.pipe) as { stash: string }).stash)).toEqual(
      words.map((w) => w.toUpperCase()),
    );
    const who = (r: typeof admin) =>
      json(r.body.data?.whoAmI) as { identity: { groups: string[] }; stash: Record<string, unknown> };
    expect(who(admin).identity.groups).toEqual(['ADMINS']);
    expect(who(crew).identity.groups).toEqual(['CREW']);
    expect(who(crew).stash).not.toHaveProperty('first');
  });
});

describe('errors', () => {
  it('turns util.error into a field error with message, errorType, data and errorInfo', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ fail }');
    expect(res.body.data).toEqual({ fail: null });
    expect(res.body.errors).toEqual([
      {
        path: ['fail'],
        data: { balanceCents: 1250 },
        errorType: 'Conflict',
        errorInfo: { field: 'amountCents' },
        locations: [{ line: 1, column: 3, sourceName: null }],
        message: 'Amount exceeds the balance due',
      },
    ]);
    expect(res.headers.get('x-amzn-errortype')).toBe('Conflict');
  });

  it('adds util.appendError entries while the field still resolves', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ fail(append: true) }');
    expect(res.body.data).toEqual({ fail: 'still here' });
    expect(res.body.errors).toEqual([
      {
        path: ['fail'],
        data: { some: 'data' },
        errorType: 'Notice',
        errorInfo: { hint: 1 },
        locations: [{ line: 1, column: 3, sourceName: null }],
        message: 'Just so you know',
      },
    ]);
  });
});

describe('Lambda data source', () => {
  it('invokes the handler in-process with the payload the request returned', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ shout(word: "hello") }');
    expect(res.body.errors).toBeUndefined();
    const out = json(res.body.data?.shout) as { echoed: { word: string; sub: string } };
    expect(out.echoed.word).toBe('hello');
    expect(out.echoed.sub).toEqual(expect.any(String));
    expect(lambdaEvents.at(-1)).toEqual(out.echoed);
  });

  it('hands a thrown error to the response handler as ctx.error', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ shout(word: "boom") }');
    expect(res.body.data).toEqual({ shout: null });
    expect(res.body.errors?.[0]).toMatchObject({ errorType: 'MailerError', message: 'mailer down' });
  });
});

describe('function handlers (a.handler.function)', () => {
  it("invokes the Lambda with the event Amplify's @function resolver sends", async () => {
    const res = await gql(h.api.url, h.tokens.admin, 'query Greet($n: String) { greet(name: $n) }', { n: 'Ada' });
    expect(res.body.errors).toBeUndefined();
    const { greeted } = json(res.body.data?.greet) as { greeted: Record<string, unknown> };
    expect(greeted).toMatchObject({
      typeName: 'Query',
      fieldName: 'greet',
      arguments: { name: 'Ada' },
      source: null,
      prev: { result: null },
    });
    expect(greeted.identity).toMatchObject({ groups: ['ADMINS'] });
    expect(greeted.request).toMatchObject({ headers: expect.objectContaining({ 'content-type': 'application/json' }) });
  });

  it('applies the groups of its @auth rule', async () => {
    const res = await gql(h.api.url, h.tokens.crew, '{ greet }');
    expect(res.body.errors?.[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access greet on type Query',
    });
  });
});
