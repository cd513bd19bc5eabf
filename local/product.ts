import fs from 'node:fs';
import path from 'node:path';

import type { LocalConfig } from './config';
import { startStandIns, stopAll, HOST, type StandIns } from './stack';
import { dynamoClient, ensureTable } from './stack/table';
import { localOutputs, writeOutputs, type AmplifyOutputs, type LocalEndpoints } from './stack/outputs';
import { isPortFree } from './stack/ports';
import { loopbackOrigins } from './stack/loopback/guard';
import { PORT_VARIABLES } from './config';
import { LOCAL_TABLE_NAME } from '../amplify/storage/table';
import { lambdaEnvironment, startGraphql, startLocalEdge, seed } from './parts';
import { startReminderSchedule } from './reminders';
import { startMailEvents } from './mail-events';
import { mailEventsConfigFromEnv, mailEventsHandler } from '../amplify/functions/mail-events/handler';
import { backfillSearchKeys } from '../amplify/storage/search-backfill';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startIamGate } from './iam/gate';
import { environmentOf } from './iam/lambdas';

export interface Product {
  standIns: StandIns;
  endpoints: LocalEndpoints;
  outputs: AmplifyOutputs;
  stop(): Promise<void>;
}

export interface ProductOptions {
  /** Keep DynamoDB data on disk under stateDir (npm start) or in memory (tests, bench). */
  persist: boolean;
  tableName?: string;
  log?: (line: string) => void;
  /** Run the reminder job on its schedule (npm start); off for tests and benchmarks, which run it when they mean to. */
  reminders?: boolean;
}

/**
 * The whole product on one machine: stand-ins, the table, the GraphQL API, the edge serving the
 * SPA and the waiver pages, amplify_outputs.json, and the demo data. `npm start`, the end-to-end
 * tests and the benchmarks all start it this way.
 */
export async function startProduct(config: LocalConfig, opts: ProductOptions): Promise<Product> {
  const log = opts.log ?? (() => undefined);
  await assertPortsFree(config);
  const closers: Array<() => Promise<void>> = [];
  try {
    const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      const t0 = Date.now();
      const result = await work();
      log(`${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      return result;
    };
    log('starting DynamoDB Local, cognito-local and the local SES…');
    const standIns = await timed('stand-ins ready', () =>
      startStandIns({
        ports: { dynamodb: config.ports.dynamodb, cognito: config.ports.cognito, ses: config.ports.ses },
        stateDir: config.stateDir,
        persistDynamoDB: opts.persist,
        logDir: path.join(config.stateDir, 'logs'),
        region: config.region,
        demoPassword: config.demoPassword,
        // The dashboard signs in from the edge's origin, GraphiQL from the API's.
        allowedOrigins: [...loopbackOrigins(config.ports.edge), ...loopbackOrigins(config.ports.graphql)],
      }),
    );
    closers.push(() => standIns.stop());
    const tableName = opts.tableName ?? LOCAL_TABLE_NAME;
    const ddb = dynamoClient(standIns.dynamodbEndpoint, config.region);
    if (await ensureTable(ddb, tableName)) {
      log(`created table ${tableName}`);
    } else {
      // Existing local state may hold roster entries from before patron search: give them its keys.
      const b = await timed('patron search keys checked', () =>
        backfillSearchKeys(DynamoDBDocumentClient.from(ddb), tableName),
      );
      if (b.updated) log(`gave ${b.updated} of ${b.entries} roster entries their patron-search keys`);
    }

    const endpoints: LocalEndpoints = {
      edgeUrl: `http://localhost:${config.ports.edge}`,
      graphqlUrl: `http://localhost:${config.ports.graphql}/graphql`,
      cognitoEndpoint: standIns.cognitoEndpoint,
      sesUrl: standIns.sesUrl,
      dynamodbEndpoint: standIns.dynamodbEndpoint,
      tableName,
      demoPassword: config.demoPassword,
    };
    const outputs = localOutputs({
      region: config.region,
      userPoolId: standIns.userPoolId,
      userPoolClientId: standIns.userPoolClientId,
      ...endpoints,
    });
    fs.mkdirSync(path.dirname(config.outputsFile), { recursive: true });
    writeOutputs(config.outputsFile, outputs);

    // Both the API's Lambdas and the edge's waiver Lambda run in-process and read this environment.
    const env = lambdaEnvironment(config, standIns, tableName);
    // Each Lambda and data source calls the stand-ins as its synthesized IAM role (docs/local-iam.md).
    const iam = await startIamGate({
      upstream: { dynamodb: standIns.dynamodbEndpoint, ses: standIns.sesUrl, cognito: standIns.cognitoEndpoint },
      region: config.region,
      tableName,
      userPoolId: standIns.userPoolId,
      log,
    });
    closers.push(() => iam.close());
    // SES's delivery, bounce and complaint events reach the mail-events Lambda, as EventBridge hands them on.
    const mailEvents = startMailEvents(
      standIns.sesUrl,
      mailEventsHandler(mailEventsConfigFromEnv(environmentOf(iam, 'mail-events', env))),
      log,
    );
    closers.push(() => mailEvents.close());
    const graphql = await timed('GraphQL API ready', () => startGraphql(config, standIns, tableName, env, iam));
    closers.push(() => graphql.close());
    const spa = await timed('edge ready', () => startLocalEdge(config, env, iam));
    closers.push(() => spa.close());
    if (config.seed) await timed('demo data checked', () => seed(config, endpoints, log));
    // After the seed, so its first run sees the demo season.
    if (opts.reminders) {
      const reminderJob = startReminderSchedule(environmentOf(iam, 'reminders', env), log);
      closers.push(() => reminderJob.close());
    }

    return {
      standIns,
      endpoints,
      outputs,
      stop: async () => {
        for (const close of closers.reverse()) await close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await stopAll();
    throw error;
  }
}

async function assertPortsFree(config: LocalConfig): Promise<void> {
  const busy: string[] = [];
  for (const [key, [variable]] of Object.entries(PORT_VARIABLES)) {
    const port = config.ports[key as keyof LocalConfig['ports']];
    if (!(await isPortFree(port, HOST))) busy.push(`${port} (set ${variable} to use another)`);
  }
  if (busy.length) throw new Error(`ports already in use: ${busy.join(', ')}. Is another npm start running?`);
}
