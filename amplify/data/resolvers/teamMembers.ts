import type { Context } from '@aws-appsync/utils';
import { teamRequest, teamResponse } from './lib/team';

/** teamMembers (ADMINS): the team, a page at a time, each member with their group and status. */
export function request(ctx: Context) {
  return teamRequest(ctx, 'list');
}

export function response(ctx: Context) {
  return teamResponse(ctx);
}
