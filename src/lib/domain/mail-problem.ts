import type { RosterEntry } from '../../graphql/types';

/**
 * What the roster says about a booking whose mail did not arrive (the mail-events Lambda records
 * SES's bounces and complaints on the entry): which message, and what crew should do. Null while
 * nothing bounced, or once a later message was delivered.
 */
const MESSAGES: Record<string, string> = {
  receipt: 'Receipt',
  waiverLink: 'Waiver link',
  reminder: 'Reminder',
  cancelNotice: 'Cancellation notice',
};

export function mailProblem(
  entry: Pick<RosterEntry, 'mailProblem' | 'mailProblemKind' | 'mailSuppressed'>,
): string | null {
  if (entry.mailProblem !== 'BOUNCED' && entry.mailProblem !== 'COMPLAINED') return null;
  const what = MESSAGES[entry.mailProblemKind ?? ''] ?? 'Mail';
  const spam = entry.mailProblem === 'COMPLAINED' ? ' (reported as spam)' : '';
  const stopped = entry.mailSuppressed ? '. Nothing more is mailed to it.' : '';
  return `${what}${spam} bounced: check the address${stopped}`;
}

/** What SES reported about a sent receipt, as its history says it after "Receipt sent"; empty while nothing came back. */
const OUTCOMES: Record<string, string> = {
  DELAYED: 'delivery delayed',
  DELIVERED: 'delivered',
  REJECTED: 'rejected by the mail service',
  BOUNCED: 'bounced: check the address',
  COMPLAINED: 'reported as spam',
};

export function receiptOutcome(payment: { notificationDelivery?: string | null }): string {
  return payment.notificationDelivery
    ? `: ${OUTCOMES[payment.notificationDelivery] ?? payment.notificationDelivery.toLowerCase()}`
    : '';
}
