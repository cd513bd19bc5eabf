import { operatorTimeZone } from '../time-zone';
import { reminderHours } from './reminders/plan';
import { liveConfigFromEnv, type LiveConfig } from './live';

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
  /** Signs and checks personal waiver links; without it a personal link is refused. */
  linkSecret?: string;
  /** Where a signature is published to open screens (./live.ts); without it, nowhere. */
  live?: LiveConfig;
}

export interface MailerConfig {
  mail: MailConfig;
  timeZone?: string;
  /** Personal waiver links: the secret that signs them, and the waiver pages' base URL (…/g). */
  links: { secret?: string; baseUrl?: string };
}

export type RetentionConfig = DynamoConfig;

/**
 * The team Lambda: the user pool it administers (`endpoint`: cognito-local, unset on
 * AWS), the table holding its lock and audit records, and the mail that carries temporary passwords.
 */
export interface TeamConfig {
  dynamo: DynamoConfig;
  mail: MailConfig;
  cognito: {
    userPoolId: string;
    region: string;
    endpoint?: string;
  };
  /** Where members sign in (the site's root), named in the invitation; unset: the mail says "the dashboard". */
  dashboardUrl?: string;
}

type Environment = Record<string, string | undefined>;

const DEFAULT_REGION = 'us-east-1';
const set = (value: string | undefined) => value || undefined;

/** The table settings; a missing TABLE_NAME is left empty, for the function to refuse inside its error handling. */
export function dynamoConfigFromEnv(env: Environment): DynamoConfig {
  return {
    tableName: env.TABLE_NAME ?? '',
    region: env.AWS_REGION || DEFAULT_REGION,
    endpoint: set(env.DYNAMODB_ENDPOINT),
  };
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
    dynamo: dynamoConfigFromEnv(env),
    mail: mailConfigFromEnv(env),
    timeZone: set(env.TIME_ZONE),
    originVerifySecret: set(env.ORIGIN_VERIFY_SECRET),
    linkSecret: set(env.WAIVER_LINK_SECRET),
    live: liveConfigFromEnv(env, env.AWS_REGION || DEFAULT_REGION),
  };
}

export function mailerConfigFromEnv(env: Environment): MailerConfig {
  return {
    mail: mailConfigFromEnv(env),
    timeZone: set(env.TIME_ZONE),
    links: { secret: set(env.WAIVER_LINK_SECRET), baseUrl: set(env.WAIVER_BASE_URL) },
  };
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
    },
    dashboardUrl: dashboardFrom(set(env.WAIVER_BASE_URL)),
  };
}

/**
 * An AWS entry point's handler: built from the environment on the first invocation (the cold
 * start) and reused while the environment says the same. On AWS it never changes, so this builds
 * once; test harnesses outside the local runtime that re-point the environment between calls
 * (test/api/support/harness.ts's useMailerEnv) get a handler, and clients, for the new settings.
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

/**
 * What Amplify leaves in a secret's environment variable until its SSM parameter is read at cold
 * start; an unset secret keeps it, and mailed as a link it would point nowhere.
 */
export const AMPLIFY_SECRET_PLACEHOLDER = '<value will be resolved during runtime>';

export type FunctionName = 'mailer' | 'reminders' | 'retention' | 'team' | 'waiver';

type Check = (value: string) => string | null;

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const email: Check = (v) =>
  EMAIL.test(v) || /^[^<>]*<[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>$/.test(v) ? null : 'is not an email address';
/** A reader that throws on a bad value, as a check: its own message says what is wrong. */
const parses =
  (read: (v: string) => unknown): Check =>
  (v) => {
    try {
      read(v);
      return null;
    } catch (e) {
      return `is refused: ${(e as Error).message}`;
    }
  };
/** Long enough that nobody guesses it: Secrets Manager makes these 48 and 64 characters long. */
const secretValue: Check = (v) => (v.length >= 32 ? null : 'is shorter than 32 characters');
const present: Check = () => null;
/**
 * The waiver pages' base, `https://<site>/g`: HTTPS, as patrons open it from an email; plain HTTP
 * only on this machine, where the local stack serves it.
 */
const waiverBaseUrl: Check = (v) => {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return 'is not a URL (expected https://<site>/g)';
  }
  const local = url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) return 'must start with https:// (expected https://<site>/g)';
  if (!/\/g\/?$/.test(url.pathname) || url.search || url.hash)
    return 'must be the site address followed by /g (expected https://<site>/g)';
  return null;
};

/** Each setting the backend reads: whether a function cannot work without it, and what it must look like. */
const SETTING_CHECKS = {
  TABLE_NAME: { required: true, check: present },
  TIME_ZONE: { required: false, check: parses(operatorTimeZone) },
  SENDER_EMAIL: { required: true, check: email },
  AUDIT_EMAIL: { required: false, check: email },
  WAIVER_BASE_URL: { required: true, check: waiverBaseUrl },
  WAIVER_LINK_SECRET: { required: true, check: secretValue },
  ORIGIN_VERIFY_SECRET: { required: true, check: secretValue },
  USER_POOL_ID: { required: true, check: present },
  REMINDER_HOURS: { required: false, check: parses(reminderHours) },
  // The GraphQL API the function publishes its writes through (./live.ts).
  LIVE_API_URL: { required: true, check: parses((v) => new URL(v)) },
} satisfies Record<string, { required: boolean; check: Check }>;

export type SettingName = keyof typeof SETTING_CHECKS;

/** The settings each function reads, as amplify/backend.ts gives them (a template test checks both agree). */
export const FUNCTION_SETTINGS: Record<FunctionName, readonly SettingName[]> = {
  mailer: ['TIME_ZONE', 'SENDER_EMAIL', 'AUDIT_EMAIL', 'WAIVER_BASE_URL', 'WAIVER_LINK_SECRET'],
  reminders: [
    'TABLE_NAME',
    'TIME_ZONE',
    'SENDER_EMAIL',
    'AUDIT_EMAIL',
    'WAIVER_BASE_URL',
    'WAIVER_LINK_SECRET',
    'REMINDER_HOURS',
  ],
  retention: ['TABLE_NAME'],
  team: ['TABLE_NAME', 'SENDER_EMAIL', 'WAIVER_BASE_URL', 'USER_POOL_ID'],
  waiver: [
    'TABLE_NAME',
    'TIME_ZONE',
    'SENDER_EMAIL',
    'AUDIT_EMAIL',
    'WAIVER_LINK_SECRET',
    'ORIGIN_VERIFY_SECRET',
    'LIVE_API_URL',
  ],
};

/** What is wrong with a function's settings, one line per setting; empty when all is well. */
export function settingsProblems(fn: FunctionName, env: Environment): string[] {
  const problems: string[] = [];
  for (const name of FUNCTION_SETTINGS[fn]) {
    const { required, check } = SETTING_CHECKS[name];
    const value = env[name]?.trim();
    if (value === AMPLIFY_SECRET_PLACEHOLDER) {
      problems.push(
        `${name} is not set: Amplify left its placeholder. Set the secret (npx ampx sandbox secret set ${name}, or Amplify console → Hosting → Secrets) and redeploy.`,
      );
    } else if (!value) {
      if (required) problems.push(`${name} is not set.`);
    } else {
      const problem = check(value);
      if (problem) problems.push(`${name} ${problem}.`);
    }
  }
  return problems;
}

export class SettingsError extends Error {
  constructor(
    fn: FunctionName,
    readonly problems: string[],
  ) {
    super(`The ${fn} function is misconfigured (see docs/deploy.md):\n- ${problems.join('\n- ')}`);
    this.name = 'SettingsError';
  }
}

export function checkSettings(fn: FunctionName, env: Environment): void {
  const problems = settingsProblems(fn, env);
  if (problems.length > 0) throw new SettingsError(fn, problems);
}

/**
 * Called at the top of each AWS entry point (handler.ts): on Lambda, a misconfigured function fails
 * its cold start with the list of what is wrong, before it serves anything, rather than mailing a
 * placeholder as a link. Amplify's SSM shim has filled in the secrets by then (it runs first in
 * the bundle). The local stack builds its handlers from explicit configs and is not checked here.
 */
export function checkSettingsAtColdStart(fn: FunctionName, env: Environment = process.env): void {
  if (env.AWS_LAMBDA_FUNCTION_NAME) checkSettings(fn, env);
}
