/**
 * The local AppSync: a GraphQL endpoint built from the same Amplify schema and resolver files the
 * deployed API uses (docs/decisions/0001-own-appsync-runtime.md), with Cognito user pool auth against cognito-local and
 * DynamoDB / Lambda / NONE data sources.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AdminGetUserCommand, UserNotFoundException } from '@aws-sdk/client-cognito-identity-provider';
import { createAuthenticator } from './auth/caller';
import { createCognitoVerifier, userStillActive } from './auth/cognito';
import { appSyncFieldArn, createIamVerifier, localPrincipal, type IamAction, type IamPrincipal } from './auth/iam';
import { DataSourceRegistry, dynamoClient, type DataSourceConfig, type LambdaHandler } from './datasources';
import { createHandler } from './server/http';
import { createRealtime } from './server/realtime';
import { wireSchema } from './server/graphql';
import { buildPlans, type FieldPlan, type Step, type TransformedSchema } from './server/plan';
import { loadResolver } from './runtime';
import { buildAppSyncSchema } from './server/schema';
import { cognitoClient, DEMO_USERS } from '../stack/cognito';
import { operatorTimeZone } from '../../amplify/time-zone';
import type { IamGate } from '../iam/gate';
import { invokedByDataSources } from '../iam/lambdas';

export { StartupError } from './server/plan';
export type { DataSourceConfig, LambdaHandler } from './datasources';
export { localCredentials, type AwsCredentials } from './auth/iam';

/** What `a.schema(...)` returns, as far as the server needs it. */
export interface AmplifySchema {
  transform(): TransformedSchema;
}

export interface AppSyncOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  /** The a.schema object; default: `schema` from amplify/data/resource.ts. */
  schema?: AmplifySchema;
  tableName: string;
  dynamodbEndpoint: string;
  region: string;
  cognito: { endpoint: string; userPoolId: string; userPoolClientId: string; issuer?: string };
  /** How long a user found active in the pool is trusted before asking again (default 30 s). */
  userCheckCacheMs?: number;
  /**
   * ctx.env; TABLE_NAME is set from tableName and TIME_ZONE from SCC_TIME_ZONE unless given, and PAGE_TOKEN_SECRET (which signs the
   * list queries' page tokens) is a fresh random one unless given.
   */
  env?: Record<string, string>;
  /**
   * The key that seals DynamoDB's LastEvaluatedKey into AppSync-style pagination tokens (what
   * AppSync keeps to itself on AWS); default a fresh random one, so tokens do not survive a restart.
   */
  tokenSecret?: string;
  /**
   * In-process Lambda handlers by function name (or data source name). For a given schema, only
   * these; for the project's own schema, these over its own mailer and retention Lambdas.
   */
  lambdas?: Record<string, LambdaHandler>;
  /** Backing of named data sources when the name alone does not tell (see DataSourceRegistry). */
  dataSources?: Record<string, DataSourceConfig>;
  /**
   * GraphiQL at GET /graphql (default on, offering the demo users of local/stack/cognito in its
   * sign-in form), or false for none. It signs in from the browser: cognito-local must allow the
   * API's own origin (StandInOptions.allowedOrigins).
   */
  graphiql?: { users?: string[]; defaultQuery?: string } | false;
  /** Browser origins allowed by CORS (the dashboard's); default none. Never `*`. */
  allowedOrigins?: readonly string[];
  /** Where resolvers' console output goes (default: stdout, prefixed with the field). */
  log?: (field: string, line: string) => void;
  /**
   * IAM principals beyond the schema's `allow.resource(fn)` grants: name → actions. Each signs
   * with localCredentials(name) (auth/iam.ts).
   */
  iamPrincipals?: Record<string, IamAction[]>;
  /** The real-time endpoint's keep-alive timing (see server/realtime.ts); AppSync's by default. */
  realtime?: { keepAliveMs?: number; connectionTimeoutMs?: number; maxSubscriptionsPerConnection?: number };
  /**
   * The local IAM (local/iam/gate.ts): the table data source and the project's own Lambdas then
   * reach DynamoDB, SES and Cognito each as its synthesized role, and invoking a Lambda data source
   * is authorized as its service role. Without it, nothing is checked.
   */
  iam?: IamGate;
}

export interface LocalAppSync {
  url: string;
  /**
   * The real-time endpoint, plain ws:// on the API's port. aws-amplify derives wss:// from `url`;
   * the dashboard sends it here over ws:// in local mode (src/graphql/local-realtime.ts).
   */
  realtimeUrl: string;
  /** Open real-time connections and subscriptions. */
  realtimeStats(): { connections: number; subscriptions: number };
  /** Ends a user's subscriptions (by Cognito `sub`) as an expired token ends them; see server/realtime.ts. */
  endSubscriptionsOf(sub: string): number;
  close(): Promise<void>;
}

async function defaultSchema(): Promise<AmplifySchema> {
  const mod = (await import('../../amplify/data/resource')) as unknown as { schema: AmplifySchema };
  return mod.schema;
}

/**
 * The project's own Lambda data sources, for when the project's own schema is served. Retention
 * is bound to this server's table and DynamoDB (on AWS it reads them from its environment).
 */
async function defaultLambdas(options: AppSyncOptions): Promise<Record<string, LambdaHandler>> {
  const mailer = (await import('../../amplify/functions/mailer/handler')) as unknown as { handler: LambdaHandler };
  const { retentionHandler } = await import('../../amplify/functions/retention/handler');
  const { teamHandler } = await import('../../amplify/functions/team/handler');
  const { mailConfigFromEnv } = await import('../../amplify/functions/config');
  const { iam } = options;
  const as = (fn: string, service: 'dynamodb' | 'ses' | 'cognito', endpoint: string) =>
    iam ? iam.endpoint(fn, service) : endpoint;
  const dynamo = (fn: string) => ({
    tableName: options.tableName,
    region: options.region,
    endpoint: as(fn, 'dynamodb', options.dynamodbEndpoint),
  });
  const retention = retentionHandler(dynamo('retention'));
  // This server's pool; mail as the process environment says (as the mailer's).
  const mail = mailConfigFromEnv(process.env);
  const team = teamHandler({
    dynamo: dynamo('team'),
    mail: mail.endpoint ? { ...mail, endpoint: as('team', 'ses', mail.endpoint) } : mail,
    cognito: {
      userPoolId: options.cognito.userPoolId,
      region: options.region,
      endpoint: as('team', 'cognito', options.cognito.endpoint),
    },
  });
  return { mailer: mailer.handler, retention: retention as LambdaHandler, team: team as LambdaHandler };
}

/**
 * The team Lambda, as the local API invokes it: after it answers, the API forgets which users it
 * found active, so a member just disabled is refused on their next request rather than up to
 * userCheckCacheMs later. On AWS the access check every resolver runs first refuses it
 * (checkAccessFirst), as it does here for a member moved to another group.
 */
function forgettingUsers(team: LambdaHandler, forget: () => void): LambdaHandler {
  return async (event, context) => {
    try {
      return await team(event, context);
    } finally {
      forget();
    }
  };
}

/**
 * The project's own API runs the access check first in every resolver, as the deployed one does
 * (amplify/site/access.ts adds it there), but for the fields whose own request carries it.
 */
async function checkAccessFirst(plans: Map<string, FieldPlan>, registry: DataSourceRegistry): Promise<void> {
  const { ACCESS_STEP, FOLDED_ACCESS } = await import('../../amplify/data/access-step');
  const step: Step = {
    kind: 'js',
    file: ACCESS_STEP.entry,
    resolver: await loadResolver(ACCESS_STEP.entry),
    dataSource: registry.get(ACCESS_STEP.dataSource),
  };
  for (const plan of plans.values())
    if (!FOLDED_ACCESS.includes(plan.typeName + '.' + plan.fieldName)) plan.steps.unshift(step);
}

/** Who may sign requests: each function the schema grants access, and any the options add. */
function iamPrincipals(transformed: TransformedSchema, options: AppSyncOptions): IamPrincipal[] {
  const grants = new Map<string, Set<IamAction>>();
  const grant = (name: string, actions: Iterable<string>) => {
    const set = grants.get(name) ?? new Set<IamAction>();
    for (const a of actions) if (a === 'query' || a === 'mutate' || a === 'listen') set.add(a);
    grants.set(name, set);
  };
  for (const access of transformed.functionSchemaAccess ?? []) {
    const name = (access.resourceProvider as { props?: { name?: string } } | undefined)?.props?.name;
    if (name) grant(name, access.actions ?? []);
  }
  for (const [name, actions] of Object.entries(options.iamPrincipals ?? {})) grant(name, actions);
  const { iam } = options;
  return [...grants].map(([name, actions]) => {
    const principal = localPrincipal(name, actions);
    // A function the template has a role for is held to its role's appsync:GraphQL grants, field by field.
    if (!iam?.has(name)) return principal;
    const mayCall = (typeName: string, fieldName: string) => {
      try {
        iam.authorize(name, {
          action: 'appsync:GraphQL',
          resource: appSyncFieldArn(options.region, typeName, fieldName),
        });
        return true;
      } catch {
        return false;
      }
    };
    return { ...principal, mayCall };
  });
}

export async function startAppSync(options: AppSyncOptions): Promise<LocalAppSync> {
  const host = options.host ?? '127.0.0.1';
  const transformed = (options.schema ?? (await defaultSchema())).transform();
  const given = options.schema ? (options.lambdas ?? {}) : { ...(await defaultLambdas(options)), ...options.lambdas };
  const pool = cognitoClient(options.cognito.endpoint, options.region);
  const userActive = userStillActive(async (username) => {
    try {
      const user = await pool.send(
        new AdminGetUserCommand({ UserPoolId: options.cognito.userPoolId, Username: username }),
      );
      return user.Enabled !== false;
    } catch (e) {
      if (e instanceof UserNotFoundException) return false;
      throw e;
    }
  }, options.userCheckCacheMs);
  const verifyToken = createCognitoVerifier({ ...options.cognito, userActive });
  const authenticate = createAuthenticator(
    verifyToken,
    createIamVerifier({ region: options.region, principals: iamPrincipals(transformed, options) }),
  );
  const remembering = given.team ? { ...given, team: forgettingUsers(given.team, userActive.forget) } : given;
  const lambdas = options.iam ? invokedByDataSources(options.iam, remembering) : remembering;
  const appsync = buildAppSyncSchema(transformed.schema);
  // The schema module is loaded only when needed (it is large); it names the table's data source.
  const tableDataSource = options.iam ? (await import('../../amplify/data/resource')).TABLE_DATA_SOURCE : '';
  const client = dynamoClient(
    options.iam ? options.iam.endpoint(tableDataSource, 'dynamodb') : options.dynamodbEndpoint,
    options.region,
  );
  const registry = new DataSourceRegistry({
    tableName: options.tableName,
    client,
    lambdas,
    config: options.dataSources ?? {},
    tokenSecret: options.tokenSecret ?? randomBytes(32).toString('base64url'),
  });
  const plans = await buildPlans(transformed, appsync, registry, 'local');
  if (!options.schema) await checkAccessFirst(plans, registry);
  const schema = wireSchema(appsync, plans);
  const env = {
    TABLE_NAME: options.tableName,
    TIME_ZONE: operatorTimeZone(process.env.SCC_TIME_ZONE),
    PAGE_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    ...options.env,
  };

  const graphiql =
    options.graphiql === false
      ? undefined
      : {
          endpoint: '/graphql',
          cognitoEndpoint: options.cognito.endpoint,
          userPoolClientId: options.cognito.userPoolClientId,
          users: options.graphiql?.users ?? DEMO_USERS.map((u) => u.email),
          defaultQuery: options.graphiql?.defaultQuery,
        };

  const log = options.log ?? ((field: string, line: string) => console.log(`[appsync] ${field}: ${line}`));
  const realtime = createRealtime({ schema, authenticate, env, log, ...options.realtime });
  const server = http.createServer(
    createHandler({
      schema,
      authenticate,
      env,
      graphiql,
      allowedOrigins: options.allowedOrigins ?? [],
      log,
      publish: realtime.publish,
    }),
  );
  realtime.attach(server);
  // Upgraded (real-time) sockets outlive closeAllConnections: close() ends them too.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}/graphql`;

  return {
    url,
    realtimeUrl: `ws://${host}:${port}/graphql/realtime`,
    realtimeStats: () => realtime.stats(),
    endSubscriptionsOf: (sub) => realtime.endSubscriptionsOf(sub),
    close: () =>
      new Promise<void>((resolve, reject) => {
        realtime.close();
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        server.close((e) => (e ? reject(e) : resolve()));
        client.destroy();
        pool.destroy();
      }),
  };
}
