import type { MailMessage } from '../mailer/ses';
import { Conflict } from '../errors';
import type { RevokeAccess } from './access';
import type { Directory, Steps } from './directory';
import type { TeamChange, TeamLock } from './lock';
import { renderPasswordMail } from './mail';
import {
  decodeCursor,
  keepsAnAdmin,
  pageOf,
  temporaryPassword,
  type Change,
  type Member,
  type TeamGroup,
} from './members';
import type { TeamRequest } from './request';

/**
 * What the Team page asks, done against the pool: a list reads it; every change takes the team
 * lock (lock.ts), reads the member and the enabled admins as they are now, refuses what would
 * leave no enabled admin, makes the Cognito calls, and releases the lock with its audit record.
 *
 * Temporary passwords go out as our own mail (SES; aws-ses-v2-local's viewer locally), on AWS as
 * locally, rather than Cognito's invitation message: one path, tested here as it runs there; a
 * reset has no Cognito message at all (AdminResetUserPassword mails a code for a forgot-password
 * flow the dashboard does not have, and cognito-local 5.3.0 lacks it); and Cognito's own sender is
 * limited to 50 mails a day unless wired to SES anyway. A mail that fails is an outcome on the
 * answer (mailStatus FAILED), not an error: the member exists, and "reset password" sends another.
 */
export interface TeamDeps {
  directory: Directory;
  lock: TeamLock;
  revokeAccess: RevokeAccess;
  sendMail: (message: MailMessage) => Promise<{ messageId: string }>;
  mailFailure: (err: unknown) => string;
  newId: () => string;
  now: () => Date;
  password?: () => string;
  dashboardUrl?: string;
  log?: (message: string, detail: Record<string, unknown>) => void;
}

export interface MemberAnswer extends Member {
  mailStatus?: 'SENT' | 'FAILED';
  mailError?: string;
  /** Whether the member's sessions were ended (a move, a disable, a reset). */
  signedOut?: boolean;
  /**
   * The member's `sub`, for the resolver to close their open subscriptions with (not in the
   * GraphQL type, so never shown).
   */
  userId?: string;
}

export type TeamAnswer = MemberAnswer | { items: Member[]; nextToken: string | null };

/** What an audit record keeps of a member: who, which group, enabled, Cognito status. */
const image = (m: Member | null) =>
  m ? { email: m.email, name: m.name, group: m.group, enabled: m.enabled, status: m.status } : null;

/**
 * A change Cognito took only in part: its first call(s) were made, a later one was refused.
 *
 * Recorded, not undone: the undo would be one more call to the service that has just refused one,
 * as likely to fail, and a failed undo leaves a third state no one asked for and no one recorded.
 * The pool is the truth, so the change's audit record keeps what the pool holds now with the steps
 * done and the step that failed, and the admin is told the same in a Conflict. Making the
 * change again finishes it (each step is idempotent: adding to a group one is in, disabling a
 * disabled user), which is how the AWS console leaves an admin with Cognito's own partial changes.
 */
export class PartialChange extends Conflict {
  constructor(
    readonly done: readonly string[],
    readonly failed: string,
    options: { cause: unknown },
  ) {
    // Not retryable: a retryable Conflict tells clients nothing was written (src/graphql/errors.ts).
    super(`Only part of this change was made: ${done.join(', ')} done; ${failed} failed.`, 'PARTIAL_CHANGE', false);
    this.cause = options.cause;
  }
}

/** Steps that report a failure after the first as a PartialChange; a first failure is the change refused whole. */
function steps(): Steps {
  const done: string[] = [];
  return {
    async run(what, call) {
      let out;
      try {
        out = await call();
      } catch (err) {
        if (done.length) throw new PartialChange([...done], what, { cause: err });
        throw err;
      }
      done.push(what);
      return out;
    },
  };
}

/** What to do about a change made in part: making it again finishes it, except where it cannot. */
const PARTIAL_NEXT: Record<ChangeRequest['action'], string> = {
  invite: 'Give them their group with "Change role", or disable them.',
  setGroup: 'Make the change again to finish it.',
  // Disabling again changes nothing: the sessions are what is left, and they end with their ID token.
  disable: 'They cannot sign in again, but a session already open may last until its ID token expires (5 minutes).',
  enable: 'Make the change again to finish it.',
  resetPassword: 'Reset the password again: the one set was not mailed.',
};

/** What the admin reads of a partial change: what was done, what failed, where the member stands now, what to do. */
function partialMessage(
  partial: PartialChange,
  request: ChangeRequest,
  now: Member | null,
  groups: TeamGroup[] | null,
): string {
  const where =
    now && groups
      ? `${now.email} is now ${groups.length ? `in ${groups.join(' and ')}` : 'in no group'}, ${now.enabled ? 'enabled' : 'disabled'}.`
      : `${request.email} could not be read back from the user pool.`;
  return `${partial.message} ${where} ${PARTIAL_NEXT[request.action]}`;
}

type ChangeRequest = Exclude<TeamRequest, { action: 'list' }>;

export async function runTeamRequest(deps: TeamDeps, request: TeamRequest): Promise<TeamAnswer> {
  if (request.action === 'list') {
    const cursor = decodeCursor(request.nextToken);
    const { users, next } = await deps.directory.page(request.limit, cursor.p);
    const page = pageOf(users, cursor, request.limit, next);
    return { items: page.items, nextToken: page.next };
  }
  const holder = deps.newId();
  await deps.lock.acquire(holder);
  let audit: TeamChange | null = null;
  const record = (before: object | null, after: object | null) => {
    audit = {
      id: holder,
      operation: OPERATIONS[request.action],
      actor: request.actor,
      at: deps.now().toISOString(),
      before,
      after,
    };
  };
  const read: { before: Member | null } = { before: null };
  try {
    const { answer, before, after } = await change(deps, request, read);
    if (after) record(image(before), image(after));
    return answer;
  } catch (err) {
    if (!(err instanceof PartialChange)) throw err;
    const now = await deps.directory.member(request.email).catch(() => null);
    const groups = await deps.directory.teamGroups(request.email).catch(() => null);
    record(image(read.before), {
      ...(image(now) ?? { email: request.email }),
      ...(groups ? { groups } : {}),
      done: err.done,
      failed: err.failed,
    });
    deps.log?.('team change made only in part', {
      action: request.action,
      done: err.done,
      failed: err.failed,
      error: String(err.cause),
    });
    err.message = partialMessage(err, request, now, groups);
    throw err;
  } finally {
    await deps.lock.release(holder, audit);
  }
}

/** The GraphQL field each action serves: an audit record's `operation`. */
const OPERATIONS: Record<Exclude<TeamRequest['action'], 'list'>, string> = {
  invite: 'inviteTeamMember',
  setGroup: 'setTeamMemberGroup',
  disable: 'disableTeamMember',
  enable: 'enableTeamMember',
  resetPassword: 'resetTeamMemberPassword',
};

interface Outcome {
  answer: MemberAnswer;
  before: Member | null;
  /** null: nothing changed (already so), nothing to audit */
  after: Member | null;
}

/** `read.before` is the member as read under the lock, for the record of a change made only in part. */
async function change(deps: TeamDeps, request: ChangeRequest, read: { before: Member | null }): Promise<Outcome> {
  const { directory } = deps;
  const password = deps.password ?? (() => temporaryPassword());
  const step = steps();
  if (request.action === 'invite') {
    const secret = password();
    await directory.create(request.email, request.name, request.group, secret, step);
    const after = await directory.member(request.email);
    const mail = await sendPassword(deps, {
      kind: 'invite',
      name: request.name,
      email: request.email,
      group: request.group,
      password: secret,
    });
    return { answer: { ...after, ...mail }, before: null, after };
  }

  const before = await directory.member(request.email);
  read.before = before;
  const wanted: Change =
    request.action === 'setGroup' ? { kind: 'setGroup', group: request.group } : { kind: request.action };
  keepsAnAdmin(before, wanted, await directory.enabledAdmins());

  if (request.action === 'setGroup') {
    // In that group and no other: a move made in part (added, not removed) is finished by asking again.
    const groups = await directory.teamGroups(request.email);
    if (groups.length === 1 && groups[0] === request.group) return { answer: before, before, after: null };
    // Each change that takes access away reads the member's id first, so that failing to read it changes nothing.
    const userId = await directory.userId(request.email);
    await directory.moveTo(request.email, request.group, step);
    const ended = await endSessions(deps, request.email, userId, step);
    const after = await directory.member(request.email);
    return { answer: { ...after, ...ended }, before, after };
  } else if (request.action === 'enable') {
    if (before.enabled) return { answer: before, before, after: null };
    await directory.enable(request.email);
  } else if (request.action === 'disable') {
    if (!before.enabled) return { answer: before, before, after: null };
    const userId = await directory.userId(request.email);
    await step.run('disable the user', () => directory.disable(request.email));
    const ended = await endSessions(deps, request.email, userId, step);
    const after = await directory.member(request.email);
    return { answer: { ...after, ...ended }, before, after };
  } else {
    const secret = password();
    const userId = await directory.userId(request.email);
    await step.run('set a temporary password', () => directory.setTemporaryPassword(request.email, secret));
    const ended = await endSessions(deps, request.email, userId, step);
    const after = await directory.member(request.email);
    const mail = await sendPassword(deps, {
      kind: 'reset',
      name: after.name,
      email: after.email,
      group: after.group ?? '',
      password: secret,
    });
    return { answer: { ...after, ...ended, ...mail }, before, after };
  }
  const after = await directory.member(request.email);
  return { answer: after, before, after };
}

/**
 * After a move, a disable or a reset: every token the member holds stops working within the
 * second (docs/security-access.md). The API refuses tokens issued before now (the access record,
 * checked on every request: ID tokens are not revocable, and AppSync checks only their signature
 * and expiry), and Cognito revokes their refresh tokens, so no device of theirs gets new tokens
 * without signing in again, with their groups as they now are.
 */
async function endSessions(
  deps: TeamDeps,
  email: string,
  userId: string,
  step: Steps,
): Promise<Pick<MemberAnswer, 'signedOut' | 'userId'>> {
  await step.run('end their sessions in the API', () => deps.revokeAccess(userId, deps.now()));
  await step.run('sign them out everywhere', () => deps.directory.signOutEverywhere(email));
  return { signedOut: true, userId };
}

async function sendPassword(
  deps: TeamDeps,
  mail: Parameters<typeof renderPasswordMail>[0],
): Promise<Pick<MemberAnswer, 'mailStatus' | 'mailError'>> {
  const rendered = renderPasswordMail({ ...mail, dashboardUrl: deps.dashboardUrl });
  try {
    await deps.sendMail({ to: [mail.email], subject: rendered.subject, html: rendered.html, text: rendered.text });
    return { mailStatus: 'SENT' };
  } catch (err) {
    deps.log?.('temporary password mail not sent', {
      to: mail.email,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    });
    return { mailStatus: 'FAILED', mailError: deps.mailFailure(err) };
  }
}
