import type { Context } from '@aws-appsync/utils';
import { teamRequest, teamResponse } from './lib/team';

/** enableTeamMember (ADMINS): a disabled member may sign in again. */
export function request(ctx: Context) {
  return teamRequest(ctx, 'enable');
}

export function response(ctx: Context) {
  return teamResponse(ctx);
}
