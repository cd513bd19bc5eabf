/**
 * What each Lambda is configured with, as one explicit object. The AWS entry points (each
 * handler.ts's `handler`) read it from the function's environment, as amplify/backend.ts sets it;
 * the local runtime (local/parts.ts, local/edge) builds it and passes it to the handler factories
 * directly. A factory builds its clients once, from its config.
 */

/** The table, and where DynamoDB is: `endpoint` is DynamoDB Local, unset on AWS. */
export interface DynamoConfig {
  tableName: string;
  region: string;
  endpoint?: string;
}

/** Where SES is (`endpoint`: aws-ses-v2-local, unset on AWS), who sends, who gets a blind copy. */
export interface MailConfig {
  region: string;
  endpoint?: string;
  /** An SES-verified identity; without one every send fails, and says so. */
  sender?: string;
  audit?: string;
  /** SES_CONFIGURATION_SET: the configuration set whose event destination publishes deliveries, bounces and complaints */
  configurationSet?: string;
}

export interface WaiverConfig {
  dynamo: DynamoConfig;
  mail: MailConfig;
  /** The operator's IANA zone (amplify/time-zone.ts); checked when a request uses it. */
  timeZone?: string;
  /** What CloudFront sends in `x-scc-origin-verify`; without it every request is refused. */
  originVerifySecret?: string;
  /** Signs and checks personal waiver links (issue 15 §4); without it a personal link is refused. */
  linkSecret?: string;
}

export interface MailerConfig {
  mail: MailConfig;
  timeZone?: string;
  /** Personal waiver links: the secret that signs them, and the waiver pages' base URL (…/g). */
  links: { secret?: string; baseUrl?: string };
}

export type RetentionConfig = DynamoConfig;

/**
 * The team Lambda (issue 17 §1): the user pool it administers (`endpoint`: cognito-local, unset on
 * AWS), the table holding its lock and audit records, and the mail that carries temporary passwords.
 */
export interface TeamConfig {
  dynamo: DynamoConfig;
  mail: MailConfig;
  cognito: {
    userPoolId: string;
    region: string;
    endpoint?: string;
    /**
     * Whether AdminUserGlobalSignOut exists (AWS) or not (cognito-local 5.3.0 answers it
     * "Unsupported"): without it a disabled member's sessions end through the local API's own
     * check instead (local/appsync/auth/cognito.ts, userStillActive).
     */
    globalSignOut: boolean;
  };
  /** Where members sign in (the site's root), named in the invitation; unset: the mail says "the dashboard". */
  dashboardUrl?: string;
}


type Environment = Record<string, string | undefined>;

const DEFAULT_REGION = 'us-east-1';
const set = (value: string | undefined) => value || undefined;

/** The table settings; a missing TABLE_NAME is left empty, for the function to refuse inside its error handling. */
export function dynamoConfigFromEnv(env: Environment): DynamoConfig {
  return { tableName: env.TABLE_NAME ?? '', region: env.AWS_REGION || DEFAULT_REGION, endpoint: set(env.DYNAMODB_ENDPOINT) };
}

export function mailConfigFromEnv(env: Environment): MailConfig {
  return {
    region: env.SES_REGION || env.AWS_REGION || DEFAULT_REGION,
    endpoint: set(env.SES_ENDPOINT),
    sender: set(env.SENDER_EMAIL),
    audit: set(env.AUDIT_EMAIL),
    configurationSet: set(env.SES_CONFIGURATION_SET),
  };
}

export function waiverConfigFromEnv(env: Environment): WaiverConfig {
  return {
    dynamo: dynamoConfigFromEnv(env), mail: mailConfigFromEnv(env), timeZone: set(env.TIME_ZONE),
    originVerifySecret: set(env.ORIGIN_VERIFY_SECRET), linkSecret: set(env.WAIVER_LINK_SECRET),
  };
}

export function mailerConfigFromEnv(env: Environment): MailerConfig {
  return { mail: mailConfigFromEnv(env), timeZone: set(env.TIME_ZONE), links: { secret: set(env.WAIVER_LINK_SECRET), baseUrl: set(env.WAIVER_BASE_URL) } };
}

export function retentionConfigFromEnv(env: Environment): RetentionConfig {
  const config = dynamoConfigFromEnv(env);
  // AppSync hands this to the resolver as ctx.error, which says to save again.
  if (!config.tableName) throw new Error('TABLE_NAME is not configured');
  return config;
}

/** The dashboard is the site root; the waiver pages' base (`https://<site>/g`, a deployment setting) names it. */
function dashboardFrom(waiverBaseUrl: string | undefined): string | undefined {
  return waiverBaseUrl ? waiverBaseUrl.replace(/\/g\/?$/, '/') : undefined;
}

export function teamConfigFromEnv(env: Environment): TeamConfig {
  return {
    dynamo: dynamoConfigFromEnv(env),
    mail: mailConfigFromEnv(env),
    cognito: {
      userPoolId: env.USER_POOL_ID ?? '',
      region: env.AWS_REGION || DEFAULT_REGION,
      endpoint: set(env.COGNITO_ENDPOINT),
      globalSignOut: env.COGNITO_GLOBAL_SIGN_OUT !== 'false',
    },
    dashboardUrl: dashboardFrom(set(env.WAIVER_BASE_URL)),
  };
}

/**
 * An AWS entry point's handler: built from the environment on the first invocation (the cold
 * start) and reused while the environment says the same. On AWS it never changes, so this builds
 * once; test harnesses outside the local runtime that re-point the environment between calls
 * (test/api/harness.ts's useMailerEnv) get a handler, and clients, for the new settings.
 */
export function fromEnvironment<C, H>(read: (env: Environment) => C, build: (config: C) => H): () => H {
  let built: { key: string; handler: H } | undefined;
  return () => {
    const config = read(process.env);
    const key = JSON.stringify(config);
    if (built?.key !== key) built = { key, handler: build(config) };
    return built.handler;
  };
}
