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

/** Why a request failed authentication entirely: AppSync answers 401 UnauthorizedException. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthorizedException';
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

export function createCognitoVerifier(config: CognitoConfig) {
  const jwks = createRemoteJWKSet(new URL(`${config.endpoint.replace(/\/$/, '')}/${config.userPoolId}/.well-known/jwks.json`));
  const accepted = issuers(config);

  return async function verify(header: string | undefined, sourceIp: string): Promise<CognitoIdentity> {
    if (!header) throw new AuthenticationError(NO_HEADER);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(header.trim(), jwks, { issuer: accepted, algorithms: ['RS256'] }));
    } catch (e) {
      if (e instanceof errors.JWTExpired) throw new AuthenticationError(EXPIRED);
      if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid || e instanceof errors.JOSENotSupported) throw new AuthenticationError(UNPARSABLE);
      throw new AuthenticationError(NOT_AUTHORIZED);
    }
    const use = payload.token_use;
    const client = use === 'id' ? payload.aud : use === 'access' ? payload.client_id : undefined;
    const clients = Array.isArray(client) ? client : [client];
    if (!clients.includes(config.userPoolClientId) || typeof payload.sub !== 'string') throw new AuthenticationError(NOT_AUTHORIZED);

    const groups = payload['cognito:groups'];
    const username = (use === 'id' ? payload['cognito:username'] : payload.username) ?? payload.sub;
    return {
      sub: payload.sub,
      issuer: String(payload.iss),
      username: String(username),
      claims: payload as Record<string, unknown>,
      sourceIp: [sourceIp],
      defaultAuthStrategy: 'ALLOW',
      groups: Array.isArray(groups) ? groups.map(String) : null,
    };
  };
}

export type CognitoVerifier = ReturnType<typeof createCognitoVerifier>;
