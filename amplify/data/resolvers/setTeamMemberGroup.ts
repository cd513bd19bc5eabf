import type { Context } from '@aws-appsync/utils';
import { teamRequest, teamResponse } from './lib/team';

/** setTeamMemberGroup (ADMINS): moves a member to another group; never the last enabled admin out of ADMINS. */
export function request(ctx: Context) {
  return teamRequest(ctx, 'setGroup');
}

export function response(ctx: Context) {
  return teamResponse(ctx);
}
