import { oneLine } from '../mailer/ses';
import { esc, formatWhen, markdownToHtml } from './html';
import type { EventView } from './render';
import type { WaiverRecord } from './store';

/** The signer's copy of what they signed (and the operator's, by Bcc). Pure. */
export function renderWaiverEmail(event: EventView, waiver: WaiverRecord, timeZone: string) {
  const when = formatWhen(event.startsAt, timeZone);
  const minors = waiver.minors.map((m) => `${m.name} (born ${m.dateOfBirth})`);
  const details: [string, string][] = [
    ['Event', `${event.title}, ${when}`],
    ['Signed by', waiver.name],
    ['Email', waiver.email],
    ['Phone', waiver.phone],
    ['Date of birth', waiver.dateOfBirth],
    ['Minors', minors.length ? minors.join('; ') : 'none'],
    ['Signed at', formatWhen(waiver.signedAt, timeZone)],
    ['Signature', waiver.signature],
    ['Reference', waiver.id],
    ['Waiver version (SHA-256)', waiver.waiverVersion],
  ];
  const html =
    `<!doctype html><html lang="en"><body><h1>Your signed waiver: ${esc(event.title)}</h1>` +
    `<table>${details.map(([k, v]) => `<tr><th align="left">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>` +
    `<hr>${markdownToHtml(waiver.text)}</body></html>`;
  const text =
    `Your signed waiver: ${event.title}\n\n` +
    details.map(([k, v]) => `${k}: ${v}`).join('\n') +
    `\n\n----\n\n${waiver.text}\n`;
  return { subject: `Signed waiver: ${oneLine(event.title)}`, html, text };
}
