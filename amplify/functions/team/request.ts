import { ValidationError } from '../errors';
import { isTeamGroup, type TeamGroup } from './members';

/**
 * What the team resolvers send (amplify/data/resolvers/lib/team.ts): the action, the GraphQL
 * arguments as given, and who asks. Checked here, first, so a bad request changes nothing.
 */
export type TeamRequest =
  | { action: 'list'; actor: string; limit: number; nextToken: string | null }
  | { action: 'invite'; actor: string; email: string; name: string; group: TeamGroup }
  | { action: 'setGroup'; actor: string; email: string; group: TeamGroup }
  | { action: 'disable' | 'enable' | 'resetPassword'; actor: string; email: string };

/** ListUsers answers at most 60 users a page. */
export const MAX_PAGE = 60;
const DEFAULT_PAGE = 25;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Control characters, bidi overrides and markup have no place in a person's name (nor in an email sent to them). */
const NAME_FORBIDDEN = /[\p{Cc}\p{Cs}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd<>]/u;

function email(value: unknown): string {
  const e = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (e.length > 254 || !EMAIL.test(e)) throw new ValidationError('email must be an email address.');
  return e;
}

function group(value: unknown): TeamGroup {
  if (!isTeamGroup(value)) throw new ValidationError('group must be ADMINS, CREW or ACCOUNTING.');
  return value;
}

function name(value: unknown): string {
  const n = typeof value === 'string' ? value.trim() : '';
  if (n === '' || n.length > 100 || NAME_FORBIDDEN.test(n))
    throw new ValidationError('name must be 1-100 characters, without control characters or < >.');
  return n;
}

export function parseTeamRequest(event: unknown): TeamRequest {
  const e = (event ?? {}) as { action?: unknown; actor?: unknown; args?: unknown };
  const args = (e.args && typeof e.args === 'object' ? e.args : {}) as Record<string, unknown>;
  const actor = typeof e.actor === 'string' && e.actor !== '' ? e.actor : '';
  if (!actor) throw new ValidationError('The request names no caller.');
  switch (e.action) {
    case 'list': {
      const limit = args.limit ?? DEFAULT_PAGE;
      if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > MAX_PAGE)
        throw new ValidationError(`limit must be 1-${MAX_PAGE}.`);
      const nextToken = args.nextToken ?? null;
      if (nextToken !== null && (typeof nextToken !== 'string' || nextToken.length > 4096))
        throw new ValidationError('nextToken is not a token this list gave out.');
      return { action: 'list', actor, limit: limit as number, nextToken };
    }
    case 'invite': {
      const input = (args.input && typeof args.input === 'object' ? args.input : {}) as Record<string, unknown>;
      return { action: 'invite', actor, email: email(input.email), name: name(input.name), group: group(input.group) };
    }
    case 'setGroup':
      return { action: 'setGroup', actor, email: email(args.email), group: group(args.group) };
    case 'disable':
    case 'enable':
    case 'resetPassword':
      return { action: e.action, actor, email: email(args.email) };
    default:
      throw new ValidationError('Unknown team action.');
  }
}
