import { a } from '@aws-amplify/backend';
import type { Field } from './access-rules';
import { allowed, teamHandler } from './builders';

/**
 * The team: each field invokes the team Lambda (TeamDataSource), which calls Cognito's admin APIs
 * one change at a time under the table's team lock and audits each.
 */

/** A change to one team member, made by the team Lambda, which answers the member as they now stand. */
const teamMemberChange = <A extends Parameters<ReturnType<typeof a.mutation>['arguments']>[0]>(field: Field, args: A) =>
  a
    .mutation()
    .arguments(args)
    .returns(a.ref('TeamMember').required())
    .authorization(allowed(field))
    .handler(teamHandler(field));

export const teamSchema = {
  // types
  TeamGroup: a.enum(['ADMINS', 'CREW', 'ACCOUNTING']),
  TeamMember: a.customType({
    email: a.email().required(),
    name: a.string(),
    /** null: in none of the three groups (a user made outside the dashboard) */
    group: a.ref('TeamGroup'),
    enabled: a.boolean().required(),
    /** Cognito's UserStatus: FORCE_CHANGE_PASSWORD until an invited member has chosen a password */
    status: a.string().required(),
    createdAt: a.datetime(),
    /** invite and reset only: whether the mail with the temporary password went out */
    mailStatus: a.ref('NotificationStatus'),
    mailError: a.string(),
    /** disable and reset only: whether the member's sessions were revoked (false where the pool cannot: cognito-local) */
    signedOut: a.boolean(),
  }),
  TeamMemberPage: a.customType({
    items: a.ref('TeamMember').required().array().required(),
    nextToken: a.string(),
  }),
  InviteTeamMember: a.customType({
    email: a.email().required(),
    name: a.string().required(),
    group: a.ref('TeamGroup').required(),
  }),
  // queries
  teamMembers: a
    .query()
    .arguments({ limit: a.integer(), nextToken: a.string() })
    .returns(a.ref('TeamMemberPage').required())
    .authorization(allowed('teamMembers'))
    .handler(teamHandler('teamMembers')),
  // mutations
  inviteTeamMember: teamMemberChange('inviteTeamMember', { input: a.ref('InviteTeamMember').required() }),
  setTeamMemberGroup: teamMemberChange('setTeamMemberGroup', {
    email: a.email().required(),
    group: a.ref('TeamGroup').required(),
  }),
  disableTeamMember: teamMemberChange('disableTeamMember', { email: a.email().required() }),
  enableTeamMember: teamMemberChange('enableTeamMember', { email: a.email().required() }),
  resetTeamMemberPassword: teamMemberChange('resetTeamMemberPassword', { email: a.email().required() }),
};
