import type { MailMessage } from '../mailer/ses';
import type { Directory } from './directory';
import type { AuditChange, TeamLock } from './lock';
import { renderPasswordMail } from './mail';
import { decodeCursor, keepsAnAdmin, pageOf, temporaryPassword, type Change, type Member } from './members';
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
  /** Whether the member's refresh tokens were revoked (disable, reset); false where the pool cannot. */
  signedOut?: boolean;
}

export type TeamAnswer = MemberAnswer | { items: Member[]; nextToken: string | null };

/** What an audit record keeps of a member: who, which group, enabled, Cognito status. */
const image = (m: Member | null) => (m ? { email: m.email, name: m.name, group: m.group, enabled: m.enabled, status: m.status } : null);

export async function runTeamRequest(deps: TeamDeps, request: TeamRequest): Promise<TeamAnswer> {
  if (request.action === 'list') {
    const cursor = decodeCursor(request.nextToken);
    const { users, next } = await deps.directory.page(request.limit, cursor.p);
    const page = pageOf(users, cursor, request.limit, next);
    return { items: page.items, nextToken: page.next };
  }
  const holder = deps.newId();
  await deps.lock.acquire(holder);
  let audit: AuditChange | null = null;
  try {
    const { answer, before, after } = await change(deps, request);
    if (after) audit = { id: holder, operation: OPERATIONS[request.action], actor: request.actor, at: deps.now().toISOString(), before: image(before), after: image(after) };
    return answer;
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

async function change(deps: TeamDeps, request: Exclude<TeamRequest, { action: 'list' }>): Promise<Outcome> {
  const { directory } = deps;
  const password = deps.password ?? (() => temporaryPassword());
  if (request.action === 'invite') {
    const secret = password();
    await directory.create(request.email, request.name, request.group, secret);
    const after = await directory.member(request.email);
    const mail = await sendPassword(deps, { kind: 'invite', name: request.name, email: request.email, group: request.group, password: secret });
    return { answer: { ...after, ...mail }, before: null, after };
  }

  const before = await directory.member(request.email);
  const wanted: Change = request.action === 'setGroup' ? { kind: 'setGroup', group: request.group } : { kind: request.action };
  keepsAnAdmin(before, wanted, await directory.enabledAdmins());

  if (request.action === 'setGroup') {
    if (before.group === request.group) return { answer: before, before, after: null };
    await directory.moveTo(request.email, request.group);
  } else if (request.action === 'enable') {
    if (before.enabled) return { answer: before, before, after: null };
    await directory.enable(request.email);
  } else if (request.action === 'disable') {
    if (!before.enabled) return { answer: before, before, after: null };
    await directory.disable(request.email);
    const signedOut = await directory.signOutEverywhere(request.email);
    const after = await directory.member(request.email);
    return { answer: { ...after, signedOut }, before, after };
  } else {
    const secret = password();
    await directory.setTemporaryPassword(request.email, secret);
    const signedOut = await directory.signOutEverywhere(request.email);
    const after = await directory.member(request.email);
    const mail = await sendPassword(deps, { kind: 'reset', name: after.name, email: after.email, group: after.group ?? '', password: secret });
    return { answer: { ...after, signedOut, ...mail }, before, after };
  }
  const after = await directory.member(request.email);
  return { answer: after, before, after };
}

async function sendPassword(deps: TeamDeps, mail: Parameters<typeof renderPasswordMail>[0]): Promise<Pick<MemberAnswer, 'mailStatus' | 'mailError'>> {
  const rendered = renderPasswordMail({ ...mail, dashboardUrl: deps.dashboardUrl });
  try {
    await deps.sendMail({ to: [mail.email], subject: rendered.subject, html: rendered.html, text: rendered.text });
    return { mailStatus: 'SENT' };
  } catch (err) {
    deps.log?.('temporary password mail not sent', { to: mail.email, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    return { mailStatus: 'FAILED', mailError: deps.mailFailure(err) };
  }
}
