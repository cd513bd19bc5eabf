import { compose, type OutreachEmail } from '../outreach/email';

/**
 * The email carrying a temporary password: to someone invited to the team, or to a member whose
 * password an admin reset. Pure; the password appears in the mail only (never in a log, the
 * table or the GraphQL answer).
 */
export interface PasswordMail {
  kind: 'invite' | 'reset';
  name: string | null;
  email: string;
  group: string;
  password: string;
  /** The dashboard's address, when the deployment names it. */
  dashboardUrl?: string;
}

const ROLE: Record<string, string> = { ADMINS: 'an admin', CREW: 'crew', ACCOUNTING: 'accounting' };

export function renderPasswordMail(mail: PasswordMail): OutreachEmail {
  const where = mail.dashboardUrl ? 'the dashboard (link below)' : 'the Ship Captain Crew dashboard';
  const steps = [
    `Sign in to ${where} with your email address, ${mail.email}, and this temporary password: ${mail.password}`,
    'You will be asked to choose your own password straight away. The temporary password works once.',
  ];
  const link = mail.dashboardUrl ? { url: mail.dashboardUrl, label: 'Open the dashboard' } : null;
  const greeting = `Hello${mail.name ? ` ${mail.name}` : ''},`;
  if (mail.kind === 'invite') {
    return compose(
      'You are invited to Ship Captain Crew',
      greeting,
      [`You have been added to the team as ${ROLE[mail.group] ?? mail.group}.`, ...steps],
      link,
    );
  }
  return compose(
    'Your Ship Captain Crew password was reset',
    greeting,
    [
      'An admin reset your password, and signed you out everywhere.',
      ...steps,
      'If you did not expect this, tell an admin.',
    ],
    link,
  );
}
