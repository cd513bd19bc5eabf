/**
 * GetTokensFromRefreshToken for cognito-local, loaded into its process by cognito-guard.ts.
 *
 * aws-amplify (6.16 on) refreshes an expired session with Cognito's GetTokensFromRefreshToken;
 * cognito-local 5.3 only knows the older InitiateAuth REFRESH_TOKEN_AUTH and answers the new call
 * with HTTP 500, so a local session died when its ID token expired (after 5 minutes). This adds the
 * call as Cognito documents it, over cognito-local's own refresh flow: the same user's new ID and
 * access tokens, no new refresh token (rotation is off on our app client), and NotAuthorizedException
 * for an unknown refresh token or a disabled user, as Cognito answers (cognito-local's refresh
 * flow does not check that a user is enabled).
 */
import { createRequire } from 'node:module';
import { TOKEN_VALIDITY } from '../../amplify/auth/tokens';

const require = createRequire(import.meta.url);

type Handler = (ctx: unknown, req: Record<string, unknown>) => Promise<Record<string, unknown>>;
interface Services {
  cognito: {
    getUserPoolForClientId(
      ctx: unknown,
      clientId: string,
    ): Promise<{
      getUserByRefreshToken(ctx: unknown, token: string): Promise<{ Enabled?: boolean } | null>;
    }>;
  };
}

const { Targets } = require('cognito-local/lib/targets/targets.js') as {
  Targets: Record<string, (services: Services) => Handler>;
};
const { NotAuthorizedError } = require('cognito-local/lib/errors.js') as { NotAuthorizedError: new () => Error };

Targets.GetTokensFromRefreshToken = (services) => {
  const initiateAuth = Targets.InitiateAuth!(services);
  return async (ctx, req) => {
    const clientId = String(req.ClientId ?? '');
    const refreshToken = String(req.RefreshToken ?? '');
    const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
    const user = await pool.getUserByRefreshToken(ctx, refreshToken);
    if (!user || user.Enabled === false) throw new NotAuthorizedError();
    const { AuthenticationResult } = (await initiateAuth(ctx, {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    })) as { AuthenticationResult: { AccessToken: string; IdToken: string } };
    return {
      AuthenticationResult: {
        AccessToken: AuthenticationResult.AccessToken,
        IdToken: AuthenticationResult.IdToken,
        TokenType: 'Bearer',
        ExpiresIn: TOKEN_VALIDITY.accessTokenMinutes * 60,
      },
    };
  };
};
