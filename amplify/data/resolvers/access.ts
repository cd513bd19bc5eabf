import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { accessSk, TEAM_PK } from '../keys';
import { accessChanged, dataSourceError } from './lib/errors';

/**
 * The first step of every resolver, queries, mutations and subscriptions alike (added to each
 * pipeline by amplify/site/access.ts on AWS and by the local AppSync the same way): refuses a token
 * issued before the caller's access last changed. AppSync checks a Cognito token's signature and
 * expiry only, and its groups are those of when it was issued, so without this a demoted admin
 * stays an admin, and a disabled member stays in, until the token expires. One strongly consistent
 * GetItem: refused from the first request after the change (docs/security-access.md).
 */
export function request(ctx: Context) {
  const identity = (ctx.identity || {}) as { sub?: string };
  return ddb.get({ key: { PK: TEAM_PK, SK: accessSk(identity.sub || '') }, consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  const item = ctx.result as { revokedAt?: number } | null;
  const claims = ((ctx.identity || {}) as { claims?: { iat?: unknown } }).claims || {};
  // Seconds, as iat: a token issued in the second of the change is refused too (signing in again a second later works).
  if (item && typeof item.revokedAt === 'number' && !(typeof claims.iat === 'number' && claims.iat > item.revokedAt)) accessChanged();
  return null;
}
