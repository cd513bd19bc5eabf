import { formatWhen } from '../dates';
import { escapeHtml, formatCents } from '../mailer/receipt';
import { oneLine } from '../mailer/ses';

/**
 * What outreach emails say (pure, tested on its own): the personal waiver link crew send, and the
 * reminder before a sailing. Names and titles are typed by people, so every value is escaped; the
 * sailing's time is in the operator's zone.
 */
export interface OutreachEvent {
  id: string;
  title: string;
  startsAt: string;
  boat?: string | null;
  /** a cancelled sailing's reason, as the office typed it */
  cancelReason?: string | null;
}

export interface OutreachPatron {
  email: string;
  name: string;
  /** still owed, in cents; 0 or absent when paid up */
  balanceCents?: number;
  /** when the waiver covering the booking was signed; absent while unsigned */
  waiverSignedAt?: string | null;
}

export interface OutreachEmail {
  subject: string;
  html: string;
  text: string;
}

/** One plain email (heading, greeting, paragraphs, an optional link), every value escaped; also the team Lambda's. */
export function compose(
  heading: string,
  greeting: string,
  paragraphs: string[],
  link: { url: string; label: string } | null,
): OutreachEmail {
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(link ? [`${link.label}: ${link.url}`, ''] : []),
    'Ship Captain Crew',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(heading)}</title></head>
<body style="font-family: system-ui, sans-serif; color: #1b2a3a; max-width: 36rem; margin: 0 auto; padding: 1rem;">
<h1 style="font-size: 1.25rem;">${escapeHtml(heading)}</h1>
<p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : ''}
<p>Ship Captain Crew</p>
</body></html>`;
  return { subject: heading, html, text };
}

const sailing = (event: OutreachEvent, timeZone: string) =>
  `${event.title}, ${formatWhen(event.startsAt, timeZone)}${event.boat ? ` aboard ${event.boat}` : ''}`;

/** The personal waiver link crew send from the roster. */
export function renderWaiverLinkEmail(
  event: OutreachEvent,
  patron: OutreachPatron,
  url: string,
  timeZone: string,
): OutreachEmail {
  return compose(
    `Please sign your waiver: ${oneLine(event.title)}`,
    `Hello ${patron.name},`,
    [
      `Before you sail on ${sailing(event, timeZone)}, please read and sign the liability waiver, for yourself and any minors in your party.`,
      'This link is yours: it signs the waiver for your booking. Please do not forward it.',
    ],
    { url, label: 'Read and sign the waiver' },
  );
}

/**
 * The reminder before a sailing: what is still open on the booking (an unsigned waiver, money
 * owed), with the personal link when the waiver is what is missing.
 */
export function renderReminderEmail(
  event: OutreachEvent,
  patron: OutreachPatron,
  url: string | null,
  timeZone: string,
): OutreachEmail {
  const open: string[] = [];
  if (!patron.waiverSignedAt) open.push('your liability waiver is not signed yet');
  if ((patron.balanceCents ?? 0) > 0) open.push(`${formatCents(patron.balanceCents!)} is still due on your booking`);
  return compose(
    `Reminder: ${oneLine(event.title)} sails soon`,
    `Hello ${patron.name},`,
    [`You are booked on ${sailing(event, timeZone)}.`, `Before boarding: ${open.join(', and ')}.`],
    url ? { url, label: 'Read and sign the waiver' } : null,
  );
}

/** The notice of a cancelled sailing: the office follows up with a refund or another sailing. */
export function renderCancellationEmail(event: OutreachEvent, patron: OutreachPatron, timeZone: string): OutreachEmail {
  return compose(
    `Cancelled: ${oneLine(event.title)}`,
    `Hello ${patron.name},`,
    [
      `We are sorry: ${sailing(event, timeZone)} is cancelled${event.cancelReason ? ` (${event.cancelReason})` : ''}.`,
      'We will be in touch to refund what you paid or to move your booking, with your payments, to another sailing.',
    ],
    null,
  );
}
