/**
 * Calling an AppSync API as an IAM principal, the way a Lambda on AWS does: each request signed
 * with Signature Version 4 for the `appsync` service (@smithy/signature-v4, the AWS SDK's own
 * signer) with the default credential chain (@aws-sdk/credential-provider-node, which reads a
 * Lambda's AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN). The same code calls
 * the deployed API and the local one; locally a function's credentials are
 * localCredentials(name), which localLambdaEnvironment puts where the default chain looks.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { localCredentials, type AwsCredentials } from './auth/iam';

export interface IamSigningOptions {
  region: string;
  /** Default: the default credential chain, as in a Lambda. */
  credentials?: AwsCredentials | (() => Promise<AwsCredentials>);
}

/** The headers a signed POST of `body` to `url` carries (`host`, `x-amz-date`, `authorization`…). */
export async function signAppSyncRequest(
  url: string,
  body: string,
  options: IamSigningOptions,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Record<string, string>> {
  const target = new URL(url);
  // No x-amz-content-sha256: AppSync's documented signed headers do not include it.
  const signer = new SignatureV4({
    credentials: options.credentials ?? defaultProvider(),
    region: options.region,
    service: 'appsync',
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port ? Number(target.port) : undefined,
    path: target.pathname,
    query: {},
    headers: { ...headers, host: target.host },
    body,
  });
  return signed.headers as Record<string, string>;
}

/** A GraphQL request to `url` signed as the principal: AppSync's `{ data, errors }` answer. */
export async function iamGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  options: IamSigningOptions,
) {
  const body = JSON.stringify({ query, variables });
  const headers = await signAppSyncRequest(url, body, options);
  delete headers.host; // fetch sets it from the URL, as signed
  const res = await fetch(url, { method: 'POST', headers, body });
  return {
    status: res.status,
    body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: Record<string, unknown>[] },
  };
}

const REALTIME_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

/**
 * The real-time endpoint's IAM header object ("Building a real-time WebSocket client", IAM):
 * accept, content-encoding, content-type, host, x-amz-date, X-Amz-Security-Token, Authorization.
 * For the connection, a POST of `{}` to the GraphQL URL with /connect appended; for a start
 * message, `data` (the stringified query and variables) to the GraphQL URL itself.
 */
export async function realtimeIamHeader(
  graphqlUrl: string,
  options: IamSigningOptions,
  data?: string,
): Promise<Record<string, string>> {
  const url = data === undefined ? `${graphqlUrl.replace(/\/$/, '')}/connect` : graphqlUrl;
  const signed = await signAppSyncRequest(url, data ?? '{}', options, REALTIME_HEADERS);
  return {
    ...REALTIME_HEADERS,
    host: new URL(graphqlUrl).host,
    'x-amz-date': signed['x-amz-date'],
    ...(signed['x-amz-security-token'] ? { 'X-Amz-Security-Token': signed['x-amz-security-token'] } : {}),
    Authorization: signed.authorization,
  };
}

/** The environment a local Lambda runs with so that its default credential chain finds its principal's credentials. */
export function localLambdaEnvironment(functionName: string, region: string): Record<string, string> {
  const c = localCredentials(functionName);
  return {
    AWS_ACCESS_KEY_ID: c.accessKeyId,
    AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
    AWS_SESSION_TOKEN: c.sessionToken,
    AWS_REGION: region,
  };
}
