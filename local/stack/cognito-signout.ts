/**
 * AdminUserGlobalSignOut for cognito-local, loaded into its process by cognito-guard.ts.
 *
 * cognito-local 5.3 answers it with HTTP 500 (unknown target). The team Lambda signs a member out
 * everywhere when they are disabled, demoted or given a new password (amplify/functions/team), so
 * this adds the call as Cognito documents it: every refresh token issued to the user stops working
 * (their next refresh gets NotAuthorizedException), and an access token issued before the sign-out
 * is refused by the user's own token-authorized calls (here GetUser, which aws-amplify's
 * fetchUserAttributes uses) with "Access Token has been revoked". ID tokens already issued stay
 * valid until they expire, as on AWS: the API refuses them itself (docs/security-access.md).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface PoolUser {
  Username: string;
  RefreshTokens?: string[];
  SignedOutAt?: number;
}
interface Pool {
  getUserByUsername(ctx: unknown, username: string): Promise<PoolUser | null>;
  saveUser(ctx: unknown, user: PoolUser): Promise<void>;
}
type Handler = (ctx: unknown, req: Record<string, unknown>) => Promise<Record<string, unknown>>;
interface Services {
  cognito: {
    getUserPool(ctx: unknown, userPoolId: string): Promise<Pool>;
    getUserPoolForClientId(ctx: unknown, clientId: string): Promise<Pool>;
  };
  clock: { get(): Date };
}

const { Targets } = require('cognito-local/lib/targets/targets.js') as {
  Targets: Record<string, (services: Services) => Handler>;
};
const { NotAuthorizedError, UserNotFoundError } = require('cognito-local/lib/errors.js') as {
  NotAuthorizedError: new (message?: string) => Error;
  UserNotFoundError: new () => Error;
};
const { decode } = require('jsonwebtoken') as {
  decode(token: string): { iat?: number; sub?: string; client_id?: string } | null;
};

Targets.AdminUserGlobalSignOut = (services) => async (ctx, req) => {
  const pool = await services.cognito.getUserPool(ctx, String(req.UserPoolId ?? ''));
  const user = await pool.getUserByUsername(ctx, String(req.Username ?? ''));
  if (!user) throw new UserNotFoundError();
  // Whole seconds, as a token's iat: a token issued in the same second as the sign-out is revoked too.
  await pool.saveUser(ctx, {
    ...user,
    RefreshTokens: [],
    SignedOutAt: Math.floor(services.clock.get().getTime() / 1000),
  });
  return {};
};

const getUser = Targets.GetUser!;
Targets.GetUser = (services) => {
  const inner = getUser(services);
  return async (ctx, req) => {
    const claims = decode(String(req.AccessToken ?? ''));
    if (claims?.client_id && claims.sub) {
      const pool = await services.cognito.getUserPoolForClientId(ctx, claims.client_id);
      const user = await pool.getUserByUsername(ctx, claims.sub);
      if (user?.SignedOutAt !== undefined && (claims.iat ?? 0) <= user.SignedOutAt)
        throw new NotAuthorizedError('Access Token has been revoked');
    }
    return inner(ctx, req);
  };
};
