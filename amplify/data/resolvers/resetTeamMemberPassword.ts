import type { Context } from '@aws-appsync/utils';
import { teamRequest, teamResponse } from './lib/team';

/** resetTeamMemberPassword (ADMINS): a new temporary password, mailed; the member is signed out everywhere. */
export function request(ctx: Context) {
  return teamRequest(ctx, 'resetPassword');
}

export function response(ctx: Context) {
  return teamResponse(ctx);
}
