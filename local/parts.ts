import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import type { LocalConfig } from './config';
import type { StandIns } from './stack';
import type { LocalEndpoints } from './stack/outputs';
import { cognitoClient, signIn } from './stack/cognito';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const exists = (rel: string) => ['.ts', '/index.ts'].some((ext) => fs.existsSync(path.join(here, rel + ext)));

export interface Closable {
  close(): Promise<void>;
}

/**
 * The environment our Lambdas (in-process here) and resolvers (ctx.env) read, as AWS would set it
 * from the backend definition. Lambdas read process.env, which we share with them.
 */
export function lambdaEnvironment(config: LocalConfig, standIns: StandIns, tableName: string): Record<string, string> {
  const env = {
    TABLE_NAME: tableName,
    AWS_REGION: config.region,
    DYNAMODB_ENDPOINT: standIns.dynamodbEndpoint,
    SES_ENDPOINT: standIns.sesUrl,
    SENDER_EMAIL: process.env.SENDER_EMAIL || 'bookings@example.com',
    AUDIT_EMAIL: process.env.AUDIT_EMAIL || 'audit@example.com',
    // The secret CloudFront adds as an origin header; locally the edge adds it, fresh per start.
    ORIGIN_VERIFY_SECRET: process.env.ORIGIN_VERIFY_SECRET || randomBytes(24).toString('base64url'),
  };
  Object.assign(process.env, env);
  return env;
}

// The API, the edge and the seed land in their own issues; until a part exists, npm start runs
// without it (and says so) rather than failing. Dynamic imports keep this file compiling meanwhile.
export async function startGraphql(config: LocalConfig, standIns: StandIns, tableName: string): Promise<Closable | null> {
  const env = lambdaEnvironment(config, standIns, tableName);
  if (!exists('appsync/index')) return null;
  const appsync = await import('./appsync/index' as string);
  const server = await appsync.startAppSync({
    port: config.ports.graphql,
    host: '127.0.0.1',
    tableName,
    dynamodbEndpoint: standIns.dynamodbEndpoint,
    region: config.region,
    cognito: { endpoint: standIns.cognitoEndpoint, userPoolId: standIns.userPoolId, userPoolClientId: standIns.userPoolClientId },
    env,
  });
  return { close: () => server.close() };
}

export async function startSpa(config: LocalConfig, _standIns: StandIns, _tableName: string): Promise<Closable & { kind: 'edge' | 'vite' }> {
  if (exists('edge/index')) {
    const edge = await import('./edge/index' as string);
    const server = await edge.startEdge({ port: config.ports.edge, host: '127.0.0.1', spa: { mode: 'vite' }, outputsFile: config.outputsFile });
    return { kind: 'edge', close: () => server.close() };
  }
  const { createServer } = await import('vite');
  const vite = await createServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    server: { port: config.ports.edge, host: '127.0.0.1', strictPort: true },
    logLevel: 'warn',
  });
  await vite.listen();
  return { kind: 'vite', close: () => vite.close() };
}

export async function seed(config: LocalConfig, endpoints: LocalEndpoints, log: (line: string) => void): Promise<void> {
  if (!exists('seed/index')) return;
  const { seedDemoData } = await import('./seed/index' as string);
  const client = cognitoClient(endpoints.cognitoEndpoint, config.region);
  const userPoolClientId = JSON.parse(fs.readFileSync(config.outputsFile, 'utf8')).auth.user_pool_client_id;
  const tokens = {
    admin: (await signIn(client, userPoolClientId, 'admin@example.com', config.demoPassword)).idToken,
    crew: (await signIn(client, userPoolClientId, 'crew@example.com', config.demoPassword)).idToken,
  };
  await seedDemoData({ graphqlUrl: endpoints.graphqlUrl, tokens, log });
}
