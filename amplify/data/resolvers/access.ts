import type { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { accessKey, refuseIfRevoked } from './lib/access';
import { dataSourceError } from './lib/errors';

/**
 * The first step of every resolver, queries, mutations and subscriptions alike (added to each
 * pipeline by amplify/site/access.ts on AWS and by the local AppSync the same way), except the
 * fields whose own request carries the check (FOLDED_ACCESS, ../access-step.ts): refuses a token
 * issued before the caller's access last changed. AppSync checks a Cognito token's signature and
 * expiry only, and its groups are those of when it was issued, so without this a demoted admin
 * stays an admin, and a disabled member stays in, until the token expires. One strongly consistent
 * GetItem: refused from the first request after the change (docs/security-access.md).
 */
export function request(ctx: Context) {
  return ddb.get({ key: accessKey(ctx), consistentRead: true });
}

export function response(ctx: Context) {
  if (ctx.error) dataSourceError(ctx);
  refuseIfRevoked(ctx, ctx.result as { revokedAt?: unknown } | null);
  ctx.stash.accessChecked = true;
  return null;
}
