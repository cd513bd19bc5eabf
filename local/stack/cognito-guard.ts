/**
 * Loaded into cognito-local's own process (`node --import tsx --import <this file>`), before it
 * starts, to close two holes cognito-local has by design as a test tool:
 *
 * - It signs tokens with a private key shipped in its npm package, so anyone can mint tokens the
 *   local API would accept. Here its two key files resolve to a key pair made for this state
 *   folder (SCC_COGNITO_KEYS, see keys.ts) instead.
 * - Its CORS answer is `*` and its admin API needs no credentials, so any web page open in the
 *   same browser could reset a demo user's password. Here a request from a browser origin other
 *   than the dashboard's (SCC_ALLOWED_ORIGINS) gets 403, and so does a request whose Host is not
 *   a loopback name (DNS rebinding: evil.example resolving to 127.0.0.1).
 *
 * It also gains GetTokensFromRefreshToken, which aws-amplify refreshes sessions with (cognito-refresh.ts),
 * and AdminUserGlobalSignOut, which the team Lambda revokes sessions with (cognito-signout.ts).
 *
 * There is no option for either in cognito-local 5.3, hence the patch (the second in
 * loopback/serve-guard.ts); both touch only how the process starts, not cognito-local's behaviour
 * for the dashboard.
 */
import Module from 'node:module';
import path from 'node:path';
import './loopback/serve-guard';
import './cognito-refresh';
import './cognito-signout';

const keysDir = process.env.SCC_COGNITO_KEYS;

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  const key = /(?:^|[\\/])keys[\\/](cognitoLocal\.(?:private|public)\.json)$/.exec(request);
  if (keysDir && key) return path.join(keysDir, key[1]!);
  return resolveFilename.call(this, request, ...rest);
};
