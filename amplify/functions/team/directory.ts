import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UserNotFoundException,
  UsernameExistsException,
  type AttributeType,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { TeamConfig } from '../config';
import { Conflict, NotFound } from '../errors';
import { memberOf, type Member, type PoolUser, type TeamGroup, TEAM_GROUPS } from './members';

/**
 * The Cognito changes of one team change, made one after the other (Cognito has no transaction):
 * `run` makes one, named as a person reads it ("add to group CREW"), so that a failure after the
 * first is reported with what was done and what was not (run.ts).
 */
export interface Steps {
  run<T>(what: string, call: () => Promise<T>): Promise<T>;
}

/**
 * The user pool, as the team Lambda uses it: only Cognito admin calls that cognito-local 5.3.0
 * implements, and AdminUserGlobalSignOut, which local/stack/cognito-signout.ts adds to it. Each
 * Cognito answer is turned into a Member by the pure functions of members.ts.
 */
export interface Directory {
  member(email: string): Promise<Member>;
  /** Every group of TEAM_GROUPS the member is in (a Member shows one; a change made in part can leave two). */
  teamGroups(email: string): Promise<TeamGroup[]>;
  page(limit: number, cognitoToken: string | undefined): Promise<{ users: Member[]; next: string | undefined }>;
  enabledAdmins(): Promise<string[]>;
  /** Two Cognito changes (the user, then its group), each made through `steps` (run.ts). */
  create(email: string, name: string, group: TeamGroup, password: string, steps: Steps): Promise<void>;
  /** Into `group`, out of every other group of TEAM_GROUPS it is in: one Cognito change per group, each through `steps`. */
  moveTo(email: string, group: TeamGroup, steps: Steps): Promise<void>;
  disable(email: string): Promise<void>;
  enable(email: string): Promise<void>;
  setTemporaryPassword(email: string, password: string): Promise<void>;
  /** The member's `sub`: what their tokens name them by, and so what their access record is kept under. */
  userId(email: string): Promise<string>;
  /** Revokes the member's refresh tokens (and access tokens, for Cognito's own user calls). */
  signOutEverywhere(email: string): Promise<void>;
}

const attributes = (list: AttributeType[] | undefined) =>
  Object.fromEntries((list ?? []).map((a) => [a.Name ?? '', a.Value ?? '']));

function poolUser(u: {
  Username?: string;
  Enabled?: boolean;
  UserStatus?: string;
  UserCreateDate?: Date;
  Attributes?: AttributeType[];
  UserAttributes?: AttributeType[];
}): PoolUser {
  return {
    username: u.Username ?? '',
    attributes: attributes(u.Attributes ?? u.UserAttributes),
    enabled: u.Enabled !== false,
    status: u.UserStatus ?? 'UNKNOWN',
    createdAt: u.UserCreateDate ? new Date(u.UserCreateDate) : null,
  };
}

export function cognitoDirectory(config: TeamConfig['cognito']): Directory {
  const client = new CognitoIdentityProviderClient({
    region: config.region,
    ...(config.endpoint
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  const UserPoolId = config.userPoolId;
  const groupsOf = async (username: string) =>
    (
      (await client.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: username, Limit: 60 }))).Groups ?? []
    ).map((g) => g.GroupName ?? '');
  const missing =
    (email: string) =>
    (err: unknown): never => {
      if (err instanceof UserNotFoundException) throw new NotFound(`${email} is not a member of the team.`);
      throw err;
    };

  return {
    async member(email) {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username: email })).catch(missing(email));
      return memberOf(poolUser(user), await groupsOf(user.Username ?? email));
    },
    async teamGroups(email) {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username: email })).catch(missing(email));
      return (await groupsOf(user.Username ?? email)).filter((g): g is TeamGroup =>
        (TEAM_GROUPS as readonly string[]).includes(g),
      );
    },
    async page(limit, cognitoToken) {
      const out = await client.send(new ListUsersCommand({ UserPoolId, Limit: limit, PaginationToken: cognitoToken }));
      const users = await Promise.all(
        (out.Users ?? []).map(async (u: UserType) => memberOf(poolUser(u), await groupsOf(u.Username ?? ''))),
      );
      return { users, next: out.PaginationToken };
    },
    async enabledAdmins() {
      const emails: string[] = [];
      let NextToken: string | undefined;
      do {
        const out = await client.send(
          new ListUsersInGroupCommand({ UserPoolId, GroupName: 'ADMINS', Limit: 60, NextToken }),
        );
        for (const u of out.Users ?? []) if (u.Enabled !== false) emails.push(memberOf(poolUser(u), ['ADMINS']).email);
        NextToken = out.NextToken;
      } while (NextToken);
      return emails;
    },
    async create(email, name, group, password, steps) {
      await steps.run('create the user', async () => {
        try {
          // SUPPRESS: the invitation is our mail (run.ts), on AWS as locally.
          await client.send(
            new AdminCreateUserCommand({
              UserPoolId,
              Username: email,
              MessageAction: 'SUPPRESS',
              TemporaryPassword: password,
              UserAttributes: [
                { Name: 'email', Value: email },
                { Name: 'email_verified', Value: 'true' },
                { Name: 'name', Value: name },
              ],
            }),
          );
        } catch (err) {
          if (err instanceof UsernameExistsException)
            throw new Conflict(`${email} is already a member of the team.`, 'ALREADY_MEMBER');
          throw err;
        }
      });
      await steps.run(`add to group ${group}`, () =>
        client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: group })),
      );
    },
    async moveTo(email, group, steps) {
      // The pool's own username, not the email: cognito-local 5.3.0's AdminListGroupsForUser
      // matches only that (AWS takes either).
      const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username: email })).catch(missing(email));
      const from = await groupsOf(user.Username ?? email);
      // Into the new group first: a failure between the two calls leaves the member with more
      // rights than asked for (an admin sees it and moves them again), never with none.
      await steps.run(`add to group ${group}`, () =>
        client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: email, GroupName: group })),
      );
      for (const old of from.filter((g) => g !== group && (TEAM_GROUPS as readonly string[]).includes(g))) {
        await steps.run(`remove from group ${old}`, () =>
          client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: email, GroupName: old })),
        );
      }
    },
    async disable(email) {
      await client.send(new AdminDisableUserCommand({ UserPoolId, Username: email })).catch(missing(email));
    },
    async enable(email) {
      await client.send(new AdminEnableUserCommand({ UserPoolId, Username: email })).catch(missing(email));
    },
    async setTemporaryPassword(email, password) {
      await client
        .send(new AdminSetUserPasswordCommand({ UserPoolId, Username: email, Password: password, Permanent: false }))
        .catch(missing(email));
    },
    async userId(email) {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username: email })).catch(missing(email));
      const sub = poolUser(user).attributes.sub;
      if (!sub) throw new Error(`the user pool gave ${email} no sub`);
      return sub;
    },
    async signOutEverywhere(email) {
      await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username: email })).catch(missing(email));
    },
  };
}
