import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

import {
  checkSettings,
  FUNCTION_SETTINGS,
  mailerConfigFromEnv,
  retentionConfigFromEnv,
  teamConfigFromEnv,
  waiverConfigFromEnv,
  type FunctionName,
} from '../amplify/functions/config';
import { mailerHandler } from '../amplify/functions/mailer/handler';
import { retentionHandler } from '../amplify/functions/retention/handler';
import { teamHandler } from '../amplify/functions/team/handler';
import { operatorTimeZone } from '../amplify/time-zone';
import type { LocalConfig } from './config';
import type { StandIns } from './stack';
import type { LocalEndpoints } from './stack/outputs';
import { cognitoClient, signIn } from './stack/cognito';
import { startAppSync, type LambdaHandler } from './appsync/index';
import { startEdge } from './edge/index';
import { buildSite } from './edge/build';
import { waiverSigner } from './edge/seed';
import { stateSecret } from './stack/keys';
import { loopbackOrigins } from './stack/loopback/guard';
import { seedDemoData } from './seed/index';
import type { IamGate } from './iam/gate';
import { environmentOf, invokedByDataSources } from './iam/lambdas';

/** The Lambdas that publish their writes to open screens (amplify/backend.ts grants them the publish fields). */
export const LIVE_PUBLISHERS = ['waiver', 'mail-events'];

/** The local configuration set's name (on AWS, amplify/site/mail-events.ts names it). */
export const LOCAL_CONFIGURATION_SET = 'scc-local';

export interface Closable {
  close(): Promise<void>;
}

/**
 * The environment AWS gives our Lambdas and resolvers (ctx.env), as the backend definition sets
 * it. Locally nothing is put in process.env: the resolvers get it as ctx.env, and the in-process
 * Lambdas get their configs read from it (the same readers their AWS entry points use).
 */
export function lambdaEnvironment(config: LocalConfig, standIns: StandIns, tableName: string): Record<string, string> {
  const env = {
    TABLE_NAME: tableName,
    TIME_ZONE: operatorTimeZone(process.env.SCC_TIME_ZONE),
    AWS_REGION: config.region,
    DYNAMODB_ENDPOINT: standIns.dynamodbEndpoint,
    SES_ENDPOINT: standIns.sesUrl,
    // Every message goes through the configuration set whose events the stand-in publishes.
    SES_CONFIGURATION_SET: LOCAL_CONFIGURATION_SET,
    SENDER_EMAIL: process.env.SENDER_EMAIL || 'bookings@example.com',
    AUDIT_EMAIL: process.env.AUDIT_EMAIL || 'audit@example.com',
    // The secret CloudFront adds as an origin header; locally the edge adds it, fresh per start.
    ORIGIN_VERIFY_SECRET: process.env.ORIGIN_VERIFY_SECRET || randomBytes(24).toString('base64url'),
    // Signs page tokens (amplify/data/resolvers/lib/page.ts): made once per state folder, so the
    // dashboard's next page still works after a restart, and nobody else can compute it.
    PAGE_TOKEN_SECRET: stateSecret(config.stateDir, 'page-token-secret'),
    // Signs patrons' personal waiver links (amplify/functions/outreach/link.ts), kept per state
    // folder so links already mailed still work after a restart; the links point at the local edge.
    WAIVER_LINK_SECRET: stateSecret(config.stateDir, 'waiver-link-secret'),
    WAIVER_BASE_URL: `http://localhost:${config.ports.edge}/g`,
    // The team Lambda's pool: it manages the members of this user pool.
    USER_POOL_ID: standIns.userPoolId,
    COGNITO_ENDPOINT: standIns.cognitoEndpoint,
    // The API the waiver and mail-events Lambdas publish their writes through (amplify/functions/live.ts).
    LIVE_API_URL: `http://127.0.0.1:${config.ports.graphql}/graphql`,
  };
  // What each function checks at its cold start on Lambda, checked here at start (SENDER_EMAIL…).
  for (const fn of Object.keys(FUNCTION_SETTINGS) as FunctionName[]) checkSettings(fn, env);
  return env;
}

/**
 * The local AppSync, built from amplify/data/resource.ts (its Lambdas run in-process), each
 * Lambda and data source reaching AWS's stand-ins through the local IAM as its own role.
 */
export async function startGraphql(
  config: LocalConfig,
  standIns: StandIns,
  tableName: string,
  env: Record<string, string>,
  iam: IamGate,
): Promise<Closable> {
  return startAppSync({
    port: config.ports.graphql,
    host: '127.0.0.1',
    tableName,
    dynamodbEndpoint: standIns.dynamodbEndpoint,
    region: config.region,
    cognito: {
      endpoint: standIns.cognitoEndpoint,
      userPoolId: standIns.userPoolId,
      userPoolClientId: standIns.userPoolClientId,
    },
    env,
    iam,
    // The functions that publish what they write: they sign as their roles, held to the template's grants.
    iamPrincipals: Object.fromEntries(LIVE_PUBLISHERS.map((name) => [name, ['mutate']])),
    lambdas: invokedByDataSources(iam, {
      mailer: mailerHandler(mailerConfigFromEnv(environmentOf(iam, 'mailer', env))) as LambdaHandler,
      retention: retentionHandler(retentionConfigFromEnv(environmentOf(iam, 'retention', env))) as LambdaHandler,
      team: teamHandler(teamConfigFromEnv(environmentOf(iam, 'team', env))) as LambdaHandler,
    }),
    tokenSecret: stateSecret(config.stateDir, 'pagination-key'),
    allowedOrigins: loopbackOrigins(config.ports.edge),
  });
}

/**
 * The local edge: the routing table of amplify/edge/routes.ts over the SPA and the waiver Lambda.
 * The SPA is Vite's, or (SCC_SPA=dist) a production build made now, installable and offline-capable.
 */
export async function startLocalEdge(
  config: LocalConfig,
  env: Record<string, string>,
  iam: IamGate,
): Promise<Closable> {
  const waiverConfig = waiverConfigFromEnv(environmentOf(iam, 'waiver', env));
  const base = { port: config.ports.edge, host: '127.0.0.1', outputsFile: config.outputsFile, waiverConfig };
  if (config.spa === 'vite') return startEdge({ ...base, spa: { mode: 'vite' } });
  const dir = path.join(config.stateDir, 'dist');
  await buildSite(dir, config.outputsFile);
  return startEdge({ ...base, spa: { mode: 'dist', dir } });
}

/**
 * The demo season, through the GraphQL API and the waiver pages as users would make it; once.
 * A mark in the state folder says it finished: without it (first start, or a first start stopped
 * mid-seed) the seed loads whatever is missing.
 */
export async function seed(config: LocalConfig, endpoints: LocalEndpoints, log: (line: string) => void): Promise<void> {
  const done = path.join(config.stateDir, 'demo-data-loaded');
  if (fs.existsSync(done)) return;
  const client = cognitoClient(endpoints.cognitoEndpoint, config.region);
  const userPoolClientId = JSON.parse(fs.readFileSync(config.outputsFile, 'utf8')).auth.user_pool_client_id;
  const tokens = {
    admin: (await signIn(client, userPoolClientId, 'admin@example.com', config.demoPassword)).idToken,
    crew: (await signIn(client, userPoolClientId, 'crew@example.com', config.demoPassword)).idToken,
  };
  await seedDemoData({
    graphqlUrl: endpoints.graphqlUrl,
    tokens,
    log,
    signWaiver: waiverSigner(endpoints.edgeUrl, stateSecret(config.stateDir, 'waiver-link-secret')),
    resume: true,
  });
  fs.writeFileSync(done, `${new Date().toISOString()}\n`);
}
