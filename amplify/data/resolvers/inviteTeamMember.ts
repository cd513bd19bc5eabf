import type { Context } from '@aws-appsync/utils';
import { teamRequest, teamResponse } from './lib/team';

/** inviteTeamMember (ADMINS): a new member in one group, mailed a temporary password. */
export function request(ctx: Context) {
  return teamRequest(ctx, 'invite');
}

export function response(ctx: Context) {
  return teamResponse(ctx);
}
