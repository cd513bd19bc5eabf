import { formatDay, formatWhen } from '../dates';
import { oneLine } from './ses';

/**
 * The payment receipt as HTML and plain text (pure: no I/O, so it is tested on its own). Every
 * value from the database is escaped: names and titles are typed by people. Dates are in the
 * operator's time zone (`timeZone`, the Lambda's TIME_ZONE), as the dashboard shows them. The
 * payment's notes are the crew's internal notes ("paid by her brother"): they stay off the receipt.
 */
export interface ReceiptInput {
  payment: {
    id: string;
    /** the event it was paid for: where its delivery is recorded */
    eventId?: string;
    patronName: string;
    patronEmail: string;
    amountCents: number;
    currency?: string;
    method: string;
    receivedAt: string;
    loggedBy: string;
    notes?: string | null;
    /** a REFUND's receipt says Refund, with its reason */
    kind?: string | null;
    reason?: string | null;
  };
  /** a CANCELLED event's receipt owes nothing */
  event: { title: string; startsAt: string; boat?: string | null; status?: string | null };
  /** the patron's roster entry; absent if they were removed meanwhile */
  patron?: { balanceCents: number; amountDueCents?: number; paidCents?: number; status?: string | null } | null;
}

export interface Receipt {
  subject: string;
  html: string;
  text: string;
}

const METHOD_NAMES: Record<string, string> = {
  CARD: 'Card',
  CASH: 'Cash',
  CHECK: 'Check',
  ACH: 'Bank transfer (ACH)',
  OTHER: 'Other',
};

export function formatCents(cents: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * What the patron still owes, or on a cancelled sailing what is still to come back to them: its
 * stored balance still counts the price of a sailing that will not sail (a full refund raises it
 * back to what was due), which no one owes.
 */
function balanceRow(event: ReceiptInput['event'], patron: NonNullable<ReceiptInput['patron']>): [string, string] {
  if (event.status !== 'CANCELLED') return ['Balance remaining', formatCents(patron.balanceCents)];
  const held = patron.status === 'MOVED' ? 0 : Math.max(0, patron.paidCents ?? 0);
  return held > 0
    ? ['Still to refund', formatCents(held)]
    : ['Balance remaining', 'Nothing is owed: the sailing was cancelled'];
}

export function renderReceipt({ payment, event, patron }: ReceiptInput, timeZone: string): Receipt {
  const refund = payment.kind === 'REFUND';
  const rows: [string, string][] = [
    ['Event', event.title],
    ['Date', formatWhen(event.startsAt, timeZone)],
    ...(event.boat ? [['Vessel', event.boat] as [string, string]] : []),
    [refund ? 'Amount refunded' : 'Amount paid', formatCents(payment.amountCents)],
    ['Method', METHOD_NAMES[payment.method] ?? payment.method],
    ...(refund && payment.reason ? [['Reason', payment.reason] as [string, string]] : []),
    [refund ? 'Refunded' : 'Received', formatDay(payment.receivedAt, timeZone)],
    ...(patron ? [balanceRow(event, patron)] : []),
    ['Logged by', payment.loggedBy],
    ['Receipt number', payment.id],
  ];
  // A header line: a title typed with line breaks must not start new header lines.
  const subject = `${refund ? 'Refund' : 'Receipt'}: ${formatCents(payment.amountCents)} for ${oneLine(event.title)}`;
  const thanks = refund
    ? 'We have refunded you. Here is your refund receipt.'
    : 'Thank you for your payment. Here is your receipt.';
  const text = [
    `Hello ${payment.patronName},`,
    '',
    thanks,
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    'Ship Captain Crew',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: system-ui, sans-serif; color: #1b2a3a; max-width: 36rem; margin: 0 auto; padding: 1rem;">
<h1 style="font-size: 1.25rem;">${refund ? 'Refund receipt' : 'Payment receipt'}</h1>
<p>Hello ${escapeHtml(payment.patronName)},</p>
<p>${thanks}</p>
<table style="border-collapse: collapse; width: 100%;">
${rows.map(([k, v]) => `<tr><th scope="row" style="text-align: left; padding: .25rem .5rem .25rem 0;">${escapeHtml(k)}</th><td style="padding: .25rem 0;">${escapeHtml(v)}</td></tr>`).join('\n')}
</table>
<p>Ship Captain Crew</p>
</body></html>`;
  return { subject, html, text };
}
