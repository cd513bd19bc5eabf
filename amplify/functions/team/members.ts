import { randomBytes } from 'node:crypto';
import { Conflict, ValidationError } from '../errors';

/**
 * The team as the dashboard sees it, read from the user pool: pure functions over what Cognito
 * answers, so each rule is tested without a pool.
 */
export const TEAM_GROUPS = ['ADMINS', 'CREW', 'ACCOUNTING'] as const;
export type TeamGroup = (typeof TEAM_GROUPS)[number];

export interface Member {
  /** How a member is named everywhere in the API (the pool signs in with email). */
  email: string;
  name: string | null;
  /** The member's one group of TEAM_GROUPS; null for a user in none (made outside the dashboard). */
  group: TeamGroup | null;
  enabled: boolean;
  /** Cognito's UserStatus: FORCE_CHANGE_PASSWORD until an invited member chose a password. */
  status: string;
  createdAt: string | null;
}

/** What Cognito says about a user (ListUsers / AdminGetUser shapes, flattened). */
export interface PoolUser {
  username: string;
  attributes: Record<string, string>;
  enabled: boolean;
  status: string;
  createdAt: Date | null;
}

export function isTeamGroup(value: unknown): value is TeamGroup {
  return typeof value === 'string' && (TEAM_GROUPS as readonly string[]).includes(value);
}

/** A user in several of our groups (made by hand) counts as the most powerful: ADMINS first. */
export function groupOf(groups: readonly string[]): TeamGroup | null {
  return TEAM_GROUPS.find((g) => groups.includes(g)) ?? null;
}

export function memberOf(user: PoolUser, groups: readonly string[]): Member {
  return {
    email: (user.attributes.email ?? user.username).toLowerCase(),
    name: user.attributes.name ?? null,
    group: groupOf(groups),
    enabled: user.enabled,
    status: user.status,
    createdAt: user.createdAt ? user.createdAt.toISOString() : null,
  };
}

export const isEnabledAdmin = (m: Member) => m.enabled && m.group === 'ADMINS';

/** What a change leaves of a member: the part of the state the last-admin rule looks at. */
export type Change =
  { kind: 'setGroup'; group: TeamGroup } | { kind: 'disable' } | { kind: 'enable' } | { kind: 'resetPassword' };

export function applied(member: Member, change: Change): Member {
  if (change.kind === 'setGroup') return { ...member, group: change.group };
  if (change.kind === 'disable') return { ...member, enabled: false };
  if (change.kind === 'enable') return { ...member, enabled: true };
  return { ...member, status: 'FORCE_CHANGE_PASSWORD' };
}

/**
 * The team's one rule: one enabled admin always remains, so nobody can lock the operator out. `enabledAdmins` are the emails of every
 * enabled member of ADMINS as the pool says now, read while the team lock is held (so no other
 * change can alter them until this one is done).
 */
export function keepsAnAdmin(member: Member, change: Change, enabledAdmins: readonly string[]): void {
  if (!isEnabledAdmin(member) || isEnabledAdmin(applied(member, change))) return;
  if (enabledAdmins.some((email) => email !== member.email)) return;
  throw new Conflict(
    `${member.email} is the last admin: make someone else an admin before ${change.kind === 'disable' ? 'disabling' : 'moving'} them.`,
    'LAST_ADMIN',
  );
}

/**
 * A page token: Cognito's own (`p`) plus how many users of that Cognito page were already shown
 * (`skip`). AWS honours ListUsers' Limit, so there `skip` stays 0; cognito-local 5.3.0 ignores
 * Limit and PaginationToken and answers every user at once, which `skip` pages through the same way.
 */
export interface PageCursor {
  p?: string;
  skip: number;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(token: string | null | undefined): PageCursor {
  if (!token) return { skip: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const c = parsed as { p?: unknown; skip?: unknown } | null;
  if (
    !c ||
    typeof c !== 'object' ||
    (c.p !== undefined && typeof c.p !== 'string') ||
    !Number.isInteger(c.skip) ||
    (c.skip as number) < 0
  ) {
    throw new ValidationError('nextToken is not a token this list gave out.');
  }
  return { p: c.p as string | undefined, skip: c.skip as number };
}

/** One page of `limit` from a Cognito answer, and where the next one starts (null: no more). */
export function pageOf<T>(
  users: readonly T[],
  cursor: PageCursor,
  limit: number,
  cognitoNext: string | undefined,
): { items: T[]; next: string | null } {
  const items = users.slice(cursor.skip, cursor.skip + limit);
  if (cursor.skip + limit < users.length)
    return { items, next: encodeCursor({ p: cursor.p, skip: cursor.skip + limit }) };
  return { items, next: cognitoNext ? encodeCursor({ p: cognitoNext, skip: 0 }) : null };
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#%+-=?@';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/**
 * A temporary password meeting Cognito's default policy (8+ characters with a lower-case and an
 * upper-case letter, a digit and a symbol): 16 characters, one of each class then random ones,
 * without look-alikes (l/1, O/0) as a person types it from an email. Cognito would generate one
 * itself, but only when it sends the mail (see run.ts for why we send it).
 */
export function temporaryPassword(bytes: Uint8Array = randomBytes(16)): string {
  if (bytes.length < 16) throw new Error('temporaryPassword needs 16 random bytes');
  const pick = (set: string, b: number) => set[b % set.length]!;
  const chars = [pick(LOWER, bytes[0]!), pick(UPPER, bytes[1]!), pick(DIGITS, bytes[2]!), pick(SYMBOLS, bytes[3]!)];
  for (let i = 4; i < 16; i += 1) chars.push(pick(ALL, bytes[i]!));
  return chars.join('');
}
