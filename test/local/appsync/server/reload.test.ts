import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSync, type LocalAppSync } from '../../../../local/appsync';
import { signIn, stack } from '../../../support/stack';
import { gql } from './support/harness';

const resolver = (body: string) =>
  `export function request() {\n  ${body}\n}\n\nexport function response(ctx) {\n  return ctx.result;\n}\n`;

let dir: string;
let file: string;
let api: LocalAppSync;
let token: string;

/** Rewrites the resolver with a later mtime, so the change is seen whatever the clock's resolution. */
function rewrite(body: string, secondsLater: number) {
  fs.writeFileSync(file, resolver(body));
  const t = new Date(Date.now() + secondsLater * 1000);
  fs.utimesSync(file, t, t);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-appsync-reload-'));
  file = path.join(dir, 'hot.js');
  fs.writeFileSync(file, resolver("return { payload: 'one' };"));
  const s = stack();
  api = await startAppSync({
    // A schema given as already transformed: plain AppSync SDL and one handler with an absolute entry.
    schema: {
      transform: () => ({
        schema: 'type Query { hot: String @aws_cognito_user_pools }',
        jsFunctions: [{ typeName: 'Query', fieldName: 'hot', handlers: [{ dataSource: 'NONE_DS', entry: file }] }],
      }),
    },
    tableName: 'unused',
    dynamodbEndpoint: s.dynamodbEndpoint,
    region: s.region,
    cognito: { endpoint: s.cognitoEndpoint, userPoolId: s.userPoolId, userPoolClientId: s.userPoolClientId },
    graphiql: false,
  });
  token = (await signIn(s.users.crew)).idToken;
});
afterAll(async () => {
  await api?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('editing a resolver while the server runs', () => {
  it('serves the new code on the next request', async () => {
    expect((await gql(api.url, token, '{ hot }')).body).toEqual({ data: { hot: 'one' } });
    rewrite("return { payload: 'two' };", 5);
    expect((await gql(api.url, token, '{ hot }')).body).toEqual({ data: { hot: 'two' } });
  });

  it('fails the field, naming the rule, when the edit breaks APPSYNC_JS rules', async () => {
    rewrite('let n = 0;\n  n++;\n  return { payload: n };', 10);
    const res = await gql(api.url, token, '{ hot }');
    expect(res.body.data).toEqual({ hot: null });
    expect(res.body.errors?.[0]).toMatchObject({ errorType: 'CodeError', message: expect.stringContaining('hot.js') });
  });
});
