import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

import { startAppSync, type AppSyncOptions, type LambdaHandler, type LocalAppSync } from '../../local/appsync';
import { startStandIns, type StandIns } from '../../local/stack';
import { cognitoClient, DEFAULT_DEMO_PASSWORD, DEMO_USERS, signIn } from '../../local/stack/cognito';
import { freePort } from '../../local/stack/ports';
import { dynamoClient, ensureTable } from '../../local/stack/table';
import { handler as mailer } from '../../amplify/functions/mailer/handler';
import { startCountingProxy, type CountingProxy } from './ddb-proxy';

/**
 * The benchmarks' own stand-ins (DynamoDB Local in memory, cognito-local, local SES) on free ports,
 * the demo users' tokens, and a factory for local AppSync servers, each on its own table and,
 * when asked, behind a counting proxy.
 */
export interface GraphQLResult<T = unknown> {
  data: T | null;
  errors?: { message: string; errorType?: string; errorInfo?: Record<string, unknown> | null }[];
}

export interface Api {
  url: string;
  tableName: string;
  gql<T = unknown>(token: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** Like gql, but throws on any GraphQL error: for setup, where an error is a bug in the bench. */
  must<T = unknown>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface BenchStack {
  standIns: StandIns;
  region: string;
  ddb: DynamoDBClient;
  tokens: { admin: string; crew: string; accounting: string };
  newTable(prefix: string): Promise<string>;
  /**
   * A local AppSync on `tableName`; `proxy` puts a counting proxy between it and DynamoDB Local;
   * `iamPrincipals` are the functions that may sign requests to it (as AppSyncOptions has them).
   */
  api(
    tableName: string,
    opts?: { proxy?: boolean; iamPrincipals?: AppSyncOptions['iamPrincipals'] },
  ): Promise<Api & { proxy?: CountingProxy }>;
  stop(): Promise<void>;
}

export async function gqlOver<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GraphQLResult<T>;
}

export async function startBenchStack(): Promise<BenchStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-bench-'));
  const region = 'us-east-1';
  const standIns = await startStandIns({
    ports: { dynamodb: await freePort(), cognito: await freePort(), ses: await freePort() },
    stateDir: dir,
    persistDynamoDB: false,
    logDir: dir,
    region,
    demoPassword: DEFAULT_DEMO_PASSWORD,
  });
  // The mailer Lambda (in-process) reads these, as it would its Lambda environment.
  Object.assign(process.env, {
    SES_ENDPOINT: standIns.sesUrl,
    SENDER_EMAIL: 'receipts@scc.test',
    AUDIT_EMAIL: 'audit@scc.test',
    AWS_REGION: region,
  });
  const ddb = dynamoClient(standIns.dynamodbEndpoint, region);
  const cognito = cognitoClient(standIns.cognitoEndpoint, region);
  const tokenOf = async (group: string) =>
    (
      await signIn(
        cognito,
        standIns.userPoolClientId,
        DEMO_USERS.find((u) => u.group === group)!.email,
        DEFAULT_DEMO_PASSWORD,
      )
    ).idToken;
  const [admin, crew, accounting] = await Promise.all(['ADMINS', 'CREW', 'ACCOUNTING'].map(tokenOf));
  const closers: Array<() => Promise<void>> = [];
  let tables = 0;

  return {
    standIns,
    region,
    ddb,
    tokens: { admin: admin!, crew: crew!, accounting: accounting! },
    async newTable(prefix) {
      tables += 1;
      const name = `${prefix}-${tables}-${Date.now().toString(36)}`;
      await ensureTable(ddb, name);
      return name;
    },
    async api(tableName, opts = {}) {
      const proxy = opts.proxy ? await startCountingProxy(standIns.dynamodbEndpoint) : undefined;
      if (proxy) closers.push(proxy.close);
      const server: LocalAppSync = await startAppSync({
        tableName,
        dynamodbEndpoint: proxy?.endpoint ?? standIns.dynamodbEndpoint,
        region,
        cognito: {
          endpoint: standIns.cognitoEndpoint,
          userPoolId: standIns.userPoolId,
          userPoolClientId: standIns.userPoolClientId,
        },
        lambdas: { mailer: mailer as LambdaHandler },
        graphiql: false,
        log: () => undefined,
        iamPrincipals: opts.iamPrincipals,
      });
      closers.push(server.close);
      const gql = <T>(token: string, query: string, variables?: Record<string, unknown>) =>
        gqlOver<T>(server.url, token, query, variables);
      return {
        url: server.url,
        tableName,
        proxy,
        gql,
        async must<T>(token: string, query: string, variables?: Record<string, unknown>) {
          const r = await gql<T>(token, query, variables);
          if (r.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(r.errors)}`);
          return r.data as T;
        },
      };
    },
    async stop() {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      ddb.destroy();
      try {
        await standIns.stop();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
