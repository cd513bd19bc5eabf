/**
 * AppSync's AWS_IAM authorization, locally: a request signed with Signature Version 4 for the
 * `appsync` service is checked by signing it again with the caller's secret (@smithy/signature-v4,
 * the signer the AWS SDK itself uses) and comparing signatures. The callers are local principals:
 * each function the schema grants access (`allow.resource(fn)`) has fixed local credentials
 * (localCredentials), which a local Lambda uses exactly as one on AWS uses its role's (the default
 * credential chain, from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN). What a
 * principal may call is what Amplify's grant gives its role: `query` → Query, `mutate` → Mutation,
 * `listen` → Subscription.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { AuthenticationError } from './cognito';

/** The account local principals belong to (the local stand-ins' convention). */
export const LOCAL_ACCOUNT_ID = '000000000000';

export type IamAction = 'query' | 'mutate' | 'listen';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface IamPrincipal {
  /** The function's name (defineFunction's `name`), also its role session name. */
  name: string;
  credentials: AwsCredentials;
  actions: ReadonlySet<IamAction>;
  /**
   * What its role's policies allow of `appsync:GraphQL` on one field (the local IAM's verdict on
   * `…:apis/<id>/types/<type>/fields/<field>`); absent, its grant's root types are all it is checked on.
   */
  mayCall?: (typeName: string, fieldName: string) => boolean;
}

/** `ctx.identity` for AWS_IAM, with the fields AppSync's resolver context reference lists. */
export interface IamIdentity {
  accountId: string;
  cognitoIdentityPoolId: null;
  cognitoIdentityId: null;
  sourceIp: string[];
  username: string;
  userArn: string;
  cognitoIdentityAuthType: null;
  cognitoIdentityAuthProvider: null;
}

export interface SignedRequest {
  method: string;
  /** The path that was signed: `/graphql`, or `/graphql/connect` for a real-time connection. */
  path: string;
  /** The request's headers (any case); `host` among them, as signed. */
  headers: Record<string, string>;
  body: string;
}

/** The local API's id in ARNs (its policies' `${GraphqlApi}`, local/iam/policies.ts). */
export const LOCAL_API_ID = 'local';

/** A field's ARN, as an `appsync:GraphQL` grant names it ("Controlling access with IAM": `…/types/<type>/fields/<field>`). */
export const appSyncFieldArn = (region: string, typeName: string, fieldName: string) =>
  `arn:aws:appsync:${region}:${LOCAL_ACCOUNT_ID}:apis/${LOCAL_API_ID}/types/${typeName}/fields/${fieldName}`;

/** The same local credentials every time for a principal name: they stand for its role's. */
export function localCredentials(name: string): Required<AwsCredentials> {
  const derive = (label: string) => createHmac('sha256', 'scc-local-appsync-iam').update(`${label}:${name}`).digest();
  return {
    accessKeyId: `ASIA${derive('key').toString('hex').toUpperCase().slice(0, 16)}`,
    secretAccessKey: derive('secret').toString('base64').slice(0, 40),
    sessionToken: derive('token').toString('base64'),
  };
}

/** The principal for a function the schema grants `actions`, with its local credentials. */
export function localPrincipal(name: string, actions: Iterable<IamAction>): IamPrincipal {
  return { name, credentials: localCredentials(name), actions: new Set(actions) };
}

// AWS's SigV4 errors (HTTP 403), as the SDKs see them from any AWS service.
const UNRECOGNIZED = 'The security token included in the request is invalid.';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
/** SigV4's window: a request signed more than 5 minutes from the server's clock is refused. */
const MAX_SKEW_MS = 5 * 60_000;

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

export const isSigV4 = (authorization: string | undefined) =>
  typeof authorization === 'string' && authorization.startsWith('AWS4-HMAC-SHA256 ');

function amzDate(text: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : undefined;
}

export function createIamVerifier(config: { region: string; principals: IamPrincipal[]; now?: () => number }) {
  const byKey = new Map(config.principals.map((p) => [p.credentials.accessKeyId, p]));
  const now = config.now ?? Date.now;

  return async function verify(
    request: SignedRequest,
    sourceIp: string,
  ): Promise<{ identity: IamIdentity; principal: IamPrincipal }> {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const parts = SIGV4.exec(headers.authorization ?? '');
    if (!parts)
      throw new AuthenticationError(
        "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.",
        'IncompleteSignatureException',
        403,
      );
    const [, keyId, , , service, signedList, signature] = parts;
    const principal = byKey.get(keyId);
    if (!principal || (principal.credentials.sessionToken ?? '') !== (headers['x-amz-security-token'] ?? '')) {
      throw new AuthenticationError(UNRECOGNIZED, 'UnrecognizedClientException', 403);
    }
    const signedAt = amzDate(headers['x-amz-date']);
    if (!signedAt) throw new AuthenticationError(MISMATCH, 'InvalidSignatureException', 403);
    if (Math.abs(now() - signedAt.getTime()) > MAX_SKEW_MS) {
      throw new AuthenticationError(
        `Signature expired: ${headers['x-amz-date']} is now earlier than the server's time minus 5 minutes.`,
        'InvalidSignatureException',
        403,
      );
    }
    const names = signedList.split(';');
    if (service !== 'appsync' || !names.includes('host') || names.some((n) => headers[n] === undefined)) {
      throw new AuthenticationError(MISMATCH, 'InvalidSignatureException', 403);
    }
    // Signed again over exactly the headers the caller signed, with the caller's date: the region
    // and service are this API's, so a request signed for another one does not match.
    const signer = new SignatureV4({
      credentials: principal.credentials,
      region: config.region,
      service: 'appsync',
      sha256: Sha256,
      applyChecksum: false,
    });
    const signedHeaders = Object.fromEntries(names.map((n) => [n, headers[n]]));
    // A signed x-amz-content-sha256 stands for the body only if it is the body's hash: the signer
    // would trust the header, so it is replaced by the hash of what arrived.
    if ('x-amz-content-sha256' in signedHeaders)
      signedHeaders['x-amz-content-sha256'] = createHash('sha256').update(request.body).digest('hex');
    const resigned = await signer.sign(
      {
        method: request.method,
        protocol: 'https:',
        hostname: headers.host,
        path: request.path,
        query: {},
        headers: signedHeaders,
        body: request.body,
      },
      { signingDate: signedAt, signableHeaders: new Set(names) },
    );
    const expected = /Signature=([0-9a-f]{64})$/.exec(String(resigned.headers.authorization ?? ''))?.[1] ?? '';
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      throw new AuthenticationError(MISMATCH, 'InvalidSignatureException', 403);
    }
    const role = `${principal.name}-role`;
    return {
      principal,
      identity: {
        accountId: LOCAL_ACCOUNT_ID,
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: [sourceIp],
        username: `${principal.credentials.accessKeyId.replace(/^ASIA/, 'AROA')}:${principal.name}`,
        userArn: `arn:aws:sts::${LOCAL_ACCOUNT_ID}:assumed-role/${role}/${principal.name}`,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
    };
  };
}

export type IamVerifier = ReturnType<typeof createIamVerifier>;

const ROOT_ACTIONS: Record<string, IamAction> = { Query: 'query', Mutation: 'mutate', Subscription: 'listen' };

/** Whether a principal's grant covers a field of `typeName`: the root types by action and its policies, the rest always. */
export function iamMayAccess(principal: IamPrincipal, typeName: string, fieldName: string): boolean {
  const action = ROOT_ACTIONS[typeName];
  return action === undefined || (principal.actions.has(action) && (principal.mayCall?.(typeName, fieldName) ?? true));
}
