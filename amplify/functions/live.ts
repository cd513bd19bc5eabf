import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * Telling open screens about a write made outside the API. AppSync publishes to a subscription
 * only when a mutation attached to it runs, so a Lambda that writes calls the IAM-only publish
 * mutations of amplify/data/contract/live-publish.ts after its write, signed with Signature
 * Version 4 for the `appsync` service as its own role ("Connect to data from Lambda"; AppSync's
 * AWS_IAM authorization). Signed with the AWS SDK's own signer rather than an Amplify client: the
 * functions carry no Amplify configuration, and one signed POST is all a publish needs.
 *
 * The write is what matters: a publish that fails is logged and the write stands; a screen that
 * missed it shows the change on its next load.
 */

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The API to publish through (LIVE_API_URL), its region, and the role's credentials (default: the default chain). */
export interface LiveConfig {
  url: string;
  region: string;
  credentials?: AwsCredentials;
}

/** One change: an event's totals, and with `email` one of its roster entries (or walk-ups). */
export interface LiveChange {
  eventId: string;
  email?: string;
}

export type PublishChanges = (changes: readonly LiveChange[]) => Promise<void>;

const ROSTER = /* GraphQL */ `mutation PublishRosterChanged($eventId: ID!, $email: AWSEmail!) {
  publishRosterChanged(eventId: $eventId, email: $email) { eventId email } }`;
const EVENT = /* GraphQL */ `mutation PublishEventChanged($eventId: ID!) { publishEventChanged(eventId: $eventId) { id } }`;

/** Long enough for AppSync, short enough that a Lambda never waits on a publish for long. */
const PUBLISH_TIMEOUT_MS = 3000;
/** Publishes in flight at once (a reminder run may touch hundreds of entries). */
const CONCURRENCY = 8;

/** The publish requests for some changes: each event once, each entry once. */
export function publishRequests(
  changes: readonly LiveChange[],
): { query: string; variables: Record<string, string> }[] {
  const events = new Set<string>();
  const entries = new Set<string>();
  const out: { query: string; variables: Record<string, string> }[] = [];
  for (const { eventId, email } of changes) {
    if (email && !entries.has(`${eventId}\n${email}`)) {
      entries.add(`${eventId}\n${email}`);
      out.push({ query: ROSTER, variables: { eventId, email } });
    }
    if (!events.has(eventId)) {
      events.add(eventId);
      out.push({ query: EVENT, variables: { eventId } });
    }
  }
  return out;
}

/** A GraphQL POST to `url` signed as the role: AppSync's answer, or why it failed. */
async function signedPost(config: LiveConfig, signer: SignatureV4, body: string): Promise<void> {
  const target = new URL(config.url);
  const signed = await signer.sign({
    method: 'POST',
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port ? Number(target.port) : undefined,
    path: target.pathname,
    query: {},
    headers: { 'content-type': 'application/json', host: target.host },
    body,
  });
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host; // fetch sets it from the URL, as signed
  const res = await fetch(config.url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(PUBLISH_TIMEOUT_MS),
  });
  const answer = (await res.json().catch(() => ({}))) as { errors?: { errorType?: string; message?: string }[] };
  if (!res.ok || answer.errors?.length) {
    const first = answer.errors?.[0];
    throw new Error(
      `publish refused (HTTP ${res.status}): ${first ? `${first.errorType ?? ''} ${first.message ?? ''}`.trim() : 'no answer'}`,
    );
  }
}

/**
 * A publisher for one function. Without a config (a function run with no API, as in its unit
 * tests) nothing is published. `failed` hears of each publish that did not go through.
 */
export function livePublisher(
  config: LiveConfig | undefined,
  failed: (error: unknown, change: Record<string, string>) => void,
): PublishChanges {
  if (!config) return async () => {};
  // No x-amz-content-sha256: AppSync's documented signed headers do not include it.
  const signer = new SignatureV4({
    credentials: config.credentials ?? defaultProvider(),
    region: config.region,
    service: 'appsync',
    sha256: Sha256,
    applyChecksum: false,
  });
  return async (changes) => {
    const queue = publishRequests(changes);
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await signedPost(config, signer, JSON.stringify(next));
        } catch (err) {
          failed(err, next.variables);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  };
}

/** LIVE_API_URL, AWS_REGION and the role's credentials as the Lambda runtime puts them in the environment. */
export function liveConfigFromEnv(env: Record<string, string | undefined>, region: string): LiveConfig | undefined {
  const url = env.LIVE_API_URL?.trim();
  if (!url) return undefined;
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = env;
  return {
    url,
    region,
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } }
      : {}),
  };
}
