/**
 * AppSync's AMAZON_COGNITO_USER_POOLS authorization: the `Authorization` header carries the raw
 * ID or access token (no "Bearer"), checked against the pool's JWKS, issuer, app client and
 * expiry; the caller becomes `ctx.identity` as AppSync builds it.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export interface CognitoConfig {
  endpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  /** The `iss` tokens carry; default `${endpoint}/${userPoolId}` (cognito-local's IssuerDomain). */
  issuer?: string;
  /**
   * Whether the token's user still exists and is enabled (see userStillActive); without it a
   * token works until it expires, as on AWS.
   */
  userActive?: (username: string) => Promise<boolean>;
}

/**
 * A check that a token's user was not deleted or disabled since it signed in, asking the pool
 * (AdminGetUser) at most once per `cacheMs` per user. AWS AppSync only checks the signature and
 * expiry, so there a deleted user's token works until it expires (5 minutes, amplify/auth), or
 * until the access check refuses it (a disabled one, amplify/data/resolvers/access.ts); locally it
 * stops within `cacheMs`.
 */
export function userStillActive(lookup: (username: string) => Promise<boolean>, cacheMs = 30_000) {
  const known = new Map<string, { active: boolean; until: number }>();
  const check = async (username: string): Promise<boolean> => {
    const hit = known.get(username);
    if (hit && Date.now() < hit.until) return hit.active;
    const active = await lookup(username);
    if (known.size >= MAX_VERIFIED) known.delete(known.keys().next().value!);
    known.set(username, { active, until: Date.now() + cacheMs });
    return active;
  };
  // Forgets every answer: after the team Lambda disabled someone, their next request asks the pool
  // (the local stand-in for AdminUserGlobalSignOut, which cognito-local 5.3.0 lacks).
  return Object.assign(check, { forget: () => known.clear() });
}

export interface CognitoIdentity {
  sub: string;
  issuer: string;
  username: string;
  claims: Record<string, unknown>;
  sourceIp: string[];
  defaultAuthStrategy: 'ALLOW';
  groups: string[] | null;
}

/**
 * Why a request failed authentication entirely: AppSync answers 401 UnauthorizedException for a
 * token, 403 with AWS's SigV4 error types for an IAM signature (auth/iam.ts).
 */
export class AuthenticationError extends Error {
  constructor(
    message: string,
    readonly errorType = 'UnauthorizedException',
    readonly status = 401,
  ) {
    super(message);
    this.name = errorType;
  }
}

// The messages AppSync gives for each kind of failure.
export const NO_HEADER = 'Valid authorization header not provided.';
export const UNPARSABLE = 'Unable to parse JWT token.';
export const EXPIRED = 'Token has expired.';
export const NOT_AUTHORIZED = 'You are not authorized to make this call.';

/**
 * cognito-local stamps `iss` with the host it was told it runs on (localhost by default) while
 * clients may reach it as 127.0.0.1: both spellings of a loopback endpoint are the same issuer.
 */
function issuers(config: CognitoConfig): string[] {
  if (config.issuer) return [config.issuer];
  const base = new URL(config.endpoint);
  const loopback = ['localhost', '127.0.0.1', '[::1]'];
  const hosts = loopback.includes(base.hostname) ? loopback : [base.hostname];
  return hosts.map((h) => `${base.protocol}//${h}${base.port ? `:${base.port}` : ''}/${config.userPoolId}`);
}

/** How long the pool's keys are trusted before JWKS is fetched again (jose's default, made explicit). */
const JWKS_MAX_AGE_MS = 10 * 60_000;
/** Verified tokens remembered at once: far more than the callers of a local API. */
const MAX_VERIFIED = 1_000;

/**
 * A token whose signature and issuer were checked once is not checked again while the keys that
 * verified it are still trusted (JWKS_MAX_AGE_MS): an RS256 verification costs about 1 ms, the
 * most expensive step of a small request, and the Amplify client sends the same token for an hour.
 * Time-dependent claims (exp, nbf) are checked on every request, exactly as jose checks them.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { payload: JWTPayload; until: number }>();

  get(token: string): JWTPayload | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (Date.now() >= hit.until) {
      this.entries.delete(token);
      return undefined;
    }
    const now = Math.floor(Date.now() / 1000);
    // jose's rules (jwt_claims_set.js), tolerance 0: the token may have expired since it was cached.
    if (typeof hit.payload.exp === 'number' && hit.payload.exp <= now) {
      this.entries.delete(token);
      throw new errors.JWTExpired('"exp" claim timestamp check failed', hit.payload, 'exp', 'check_failed');
    }
    if (typeof hit.payload.nbf === 'number' && hit.payload.nbf > now) return undefined;
    return hit.payload;
  }

  set(token: string, payload: JWTPayload): void {
    if (this.entries.size >= MAX_VERIFIED) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { payload, until: Date.now() + JWKS_MAX_AGE_MS });
  }
}

export function createCognitoVerifier(config: CognitoConfig) {
  const jwks = createRemoteJWKSet(
    new URL(`${config.endpoint.replace(/\/$/, '')}/${config.userPoolId}/.well-known/jwks.json`),
    { cacheMaxAge: JWKS_MAX_AGE_MS },
  );
  const accepted = issuers(config);
  const verified = new VerifiedTokens();

  return async function verify(header: string | undefined, sourceIp: string): Promise<CognitoIdentity> {
    if (!header) throw new AuthenticationError(NO_HEADER);
    const token = header.trim();
    let payload: JWTPayload;
    try {
      const cached = verified.get(token);
      if (cached) payload = cached;
      else {
        ({ payload } = await jwtVerify(token, jwks, { issuer: accepted, algorithms: ['RS256'] }));
        verified.set(token, payload);
      }
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new AuthenticationError(EXPIRED);
      if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid || e instanceof errors.JOSENotSupported)
        throw new AuthenticationError(UNPARSABLE);
      throw new AuthenticationError(NOT_AUTHORIZED);
    }
    const use = payload.token_use;
    const client = use === 'id' ? payload.aud : use === 'access' ? payload.client_id : undefined;
    const clients = Array.isArray(client) ? client : [client];
    if (!clients.includes(config.userPoolClientId) || typeof payload.sub !== 'string')
      throw new AuthenticationError(NOT_AUTHORIZED);

    const groups = payload['cognito:groups'];
    const username = (use === 'id' ? payload['cognito:username'] : payload.username) ?? payload.sub;
    if (config.userActive && !(await config.userActive(String(username))))
      throw new AuthenticationError(NOT_AUTHORIZED);
    return {
      sub: payload.sub,
      issuer: String(payload.iss),
      username: String(username),
      // A copy: the cached payload must not be reachable from (and changed by) one request.
      claims: structuredClone(payload) as Record<string, unknown>,
      sourceIp: [sourceIp],
      defaultAuthStrategy: 'ALLOW',
      groups: Array.isArray(groups) ? groups.map(String) : null,
    };
  };
}

export type CognitoVerifier = ReturnType<typeof createCognitoVerifier>;
