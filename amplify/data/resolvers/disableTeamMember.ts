import type { Context } from '@aws-appsync/utils';
import { teamRequest, teamResponse } from './lib/team';

/** disableTeamMember (ADMINS): the member can no longer sign in, and is signed out everywhere; never the last enabled admin. */
export function request(ctx: Context) {
  return teamRequest(ctx, 'disable');
}

export function response(ctx: Context) {
  return teamResponse(ctx);
}
