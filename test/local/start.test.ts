import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

import { DEFAULT_DEMO_PASSWORD } from '../../local/stack/cognito';
import { freePort, isPortFree } from '../../local/stack/ports';
import { dynamoClient } from '../../local/stack/table';

/**
 * `npm start` as a user runs it (node --import tsx local/start.ts, as package.json says), on free
 * ports and a temporary state folder so it can run beside a developer's own npm start.
 */
interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const root = path.resolve(__dirname, '../..');
let stateDir: string;
let outputsFile: string;
let env: NodeJS.ProcessEnv;
let ports: number[];
/** A password of one's own (SCC_DEMO_PASSWORD), which must reach no one through the site. */
const OWN_PASSWORD = 'Own-harbour-pass-7!';

function start(): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Ctrl-C stops everything')) {
        clearInterval(timer);
        resolve({ child, output: () => out, exited });
      }
    }, 100);
    exited.then((code) => {
      clearInterval(timer);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* the group is gone already */
      }
      reject(new Error(`npm start exited (${code}) before it was ready:\n${out}`));
    });
  });
}

/** Ctrl-C as a terminal sends it: to the whole process group. */
async function interrupt(run: Run): Promise<number | null> {
  process.kill(-run.child.pid!, 'SIGINT');
  const code = await Promise.race([run.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
  if (code === 'hung') process.kill(-run.child.pid!, 'SIGKILL');
  return code === 'hung' ? null : code;
}

beforeAll(async () => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-start-'));
  outputsFile = path.join(stateDir, 'amplify_outputs.json');
  ports = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
  const [edge, graphql, dynamodb, cognito, ses] = ports;
  env = {
    ...process.env,
    SCC_PORT: String(edge),
    SCC_GRAPHQL_PORT: String(graphql),
    SCC_DYNAMODB_PORT: String(dynamodb),
    SCC_COGNITO_PORT: String(cognito),
    SCC_SES_PORT: String(ses),
    SCC_STATE_DIR: stateDir,
    SCC_OUTPUTS: outputsFile,
    SCC_SEED: '0',
    SCC_DEMO_PASSWORD: OWN_PASSWORD,
  };
});

afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

describe('npm start', { timeout: 240_000 }, () => {
  it('serves the dashboard and the mail viewer, writes the outputs, and leaves nothing behind on Ctrl-C', async () => {
    const run = await start();
    try {
      expect(run.output()).toMatch(/Dashboard\s+http:\/\/localhost:\d+\//);
      expect(run.output()).toMatch(/Mail viewer\s+http/);
      expect(run.output()).toMatch(/admin@example\.com\s+ADMINS/);

      const outputs = JSON.parse(fs.readFileSync(outputsFile, 'utf8'));
      expect(outputs.version).toBe('1.4');
      expect(outputs.auth).toMatchObject({ user_pool_id: expect.any(String), user_pool_client_id: expect.any(String) });
      expect(outputs.data).toMatchObject({
        url: expect.stringMatching(/\/graphql$/),
        default_authorization_type: 'AMAZON_COGNITO_USER_POOLS',
      });
      expect(Object.keys(outputs.custom.local).sort()).toEqual([
        'cognitoEndpoint',
        'dynamodbEndpoint',
        'edgeUrl',
        'graphqlUrl',
        'sesUrl',
        'tableName',
      ]);
      // The site serves the outputs to anyone, as the module the SPA imports: no password in them.
      const main = await (await fetch(`${outputs.custom.local.edgeUrl}/src/main.ts`)).text();
      const imported = /from\s+["']([^"']*amplify_outputs\.json[^"']*)["']/.exec(main)?.[1];
      expect(imported, 'the outputs module the SPA imports').toBeTruthy();
      const served = await fetch(new URL(imported!, outputs.custom.local.edgeUrl));
      expect(served.status).toBe(200);
      for (const text of [await served.text(), fs.readFileSync(outputsFile, 'utf8')]) {
        expect(text).toContain('"tableName"');
        expect(text).not.toContain(OWN_PASSWORD);
        expect(text).not.toContain(DEFAULT_DEMO_PASSWORD);
      }

      const dashboard = await fetch(outputs.custom.local.edgeUrl);
      expect(dashboard.status).toBe(200);
      expect(await dashboard.text()).toContain('<scc-app');
      const mail = await fetch(outputs.custom.local.sesUrl);
      expect(mail.status).toBe(200);
    } finally {
      expect(await interrupt(run)).toBe(0);
    }
    for (const port of ports) expect(await isPortFree(port), `port ${port} still held`).toBe(true);
  });

  // Two starts, one after the other: twice a single start's budget (each is a minute on a quiet 2-core machine, several on a loaded one).
  it(
    'finds the data and the user pool of the previous run, and gives old roster entries their search keys',
    { timeout: 480_000 },
    async () => {
      const first = await start();
      const before = JSON.parse(fs.readFileSync(outputsFile, 'utf8'));
      const { dynamodbEndpoint, tableName } = before.custom.local;
      await dynamoClient(dynamodbEndpoint).send(
        new PutItemCommand({
          TableName: tableName,
          Item: { PK: { S: 'TEST#restart' }, SK: { S: 'KEPT' } },
        }),
      );
      // A roster entry as written before patron search: no search keys, which the next start gives it.
      const oldEntry = { PK: { S: 'EVENT#2026-01-01-old-sail' }, SK: { S: 'PATRON#old@example.com' } };
      await dynamoClient(dynamodbEndpoint).send(
        new PutItemCommand({
          TableName: tableName,
          Item: {
            ...oldEntry,
            type: { S: 'RosterEntry' },
            email: { S: 'old@example.com' },
            name: { S: 'Olive Old' },
            phone: { S: '555 0101' },
          },
        }),
      );
      expect(await interrupt(first)).toBe(0);

      const second = await start();
      try {
        const after = JSON.parse(fs.readFileSync(outputsFile, 'utf8'));
        expect(after.auth.user_pool_id).toBe(before.auth.user_pool_id);
        const { Item } = await dynamoClient(dynamodbEndpoint).send(
          new GetItemCommand({
            TableName: tableName,
            Key: { PK: { S: 'TEST#restart' }, SK: { S: 'KEPT' } },
          }),
        );
        expect(Item?.SK?.S).toBe('KEPT');
        const entry = (
          await dynamoClient(dynamodbEndpoint).send(new GetItemCommand({ TableName: tableName, Key: oldEntry }))
        ).Item;
        expect([entry?.GSI4SK?.S, entry?.GSI5SK?.S, entry?.GSI6SK?.S]).toEqual([
          'olive old',
          'old@example.com',
          '1010555',
        ]);
        expect(second.output()).toMatch(/gave 1 of 1 roster entries their patron-search keys/);
      } finally {
        expect(await interrupt(second)).toBe(0);
      }
    },
  );
});
