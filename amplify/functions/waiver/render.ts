import { esc, formatWhen, markdownToHtml, page } from './html';
import { MAX_MINORS, type FieldErrors, type WaiverForm } from './validate';

/**
 * The waiver Lambda's HTML, as pure functions of their inputs: no I/O, no clock. Every value that
 * came from a person or from the table goes through `esc` (or the Markdown renderer, which escapes).
 */

export interface EventView {
  id: string;
  title: string;
  startsAt: string;
  boat?: string | null;
}

export interface WaiverPageInput {
  event: EventView;
  /** The form's own path (`/g/<id>/waiver`), posted back to. */
  path: string;
  waiverText: string;
  /** SHA-256 of waiverText, posted back so the text signed is provably the text shown. */
  waiverVersion: string;
  /** The form's one-time token: the same form sent twice is one signature. */
  token: string;
  form: WaiverForm;
  errors: FieldErrors;
  timeZone: string;
  /** A personal link's token: posted back with the form, and the email it names is locked. */
  personalToken?: string;
}

/** The element id a field's error links to. */
export function fieldId(field: string): string {
  const minor = /^minors\.(\d+)\.(name|dateOfBirth)$/.exec(field);
  if (minor) return `minor-${minor[1]}-${minor[2] === 'name' ? 'name' : 'dob'}`;
  // The token has no input of its own: its error points at the button that sends it again.
  if (field === 'token') return 'sign';
  return field;
}

interface InputSpec {
  id: string;
  name: string;
  label: string;
  type: 'text' | 'email' | 'tel' | 'date';
  value: string;
  autocomplete: string;
  error?: string;
  hint?: string;
  required?: boolean;
  readonly?: boolean;
}

function input(spec: InputSpec): string {
  const described = [spec.hint ? `${spec.id}-hint` : '', spec.error ? `${spec.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    `<label for="${esc(spec.id)}">${esc(spec.label)}</label>` +
    (spec.hint ? `<p class="hint" id="${esc(spec.id)}-hint">${esc(spec.hint)}</p>` : '') +
    `<input type="${spec.type}" id="${esc(spec.id)}" name="${esc(spec.name)}" value="${esc(spec.value)}"` +
    ` autocomplete="${esc(spec.autocomplete)}"${spec.required ? ' required' : ''}${spec.readonly ? ' readonly' : ''}` +
    (described ? ` aria-describedby="${described}"` : '') +
    (spec.error ? ' aria-invalid="true"' : '') +
    '>' +
    (spec.error ? `<p class="error" id="${esc(spec.id)}-error">${esc(spec.error)}</p>` : '')
  );
}

function eventHeader(event: EventView, timeZone: string): string {
  const meta = [formatWhen(event.startsAt, timeZone), event.boat ? `aboard ${event.boat}` : '']
    .filter(Boolean)
    .join(' · ');
  return `<header><p class="brand">Ship Captain Crew · Waiver</p><h1>${esc(event.title)}</h1><p class="meta">${esc(meta)}</p></header>`;
}

function errorSummary(errors: FieldErrors): string {
  const entries = Object.entries(errors);
  if (entries.length === 0) return '';
  const items = entries
    .map(([field, message]) => `<li><a href="#${esc(fieldId(field))}">${esc(message)}</a></li>`)
    .join('');
  return (
    '<div class="summary" role="alert" aria-labelledby="summary-title">' +
    `<h2 id="summary-title">Please fix ${entries.length === 1 ? 'this' : `these ${entries.length}`} to sign</h2>` +
    `<ul>${items}</ul></div>`
  );
}

function minorRows(form: WaiverForm, errors: FieldErrors): string {
  const rows: string[] = [];
  for (let i = 0; i < MAX_MINORS; i++) {
    const row = form.minors[i] ?? { name: '', dateOfBirth: '' };
    rows.push(
      `<fieldset><legend>Minor ${i + 1}</legend>` +
        input({
          id: `minor-${i}-name`,
          name: 'minorName',
          label: 'Full name',
          type: 'text',
          value: row.name,
          autocomplete: 'off',
          error: errors[`minors.${i}.name`],
        }) +
        input({
          id: `minor-${i}-dob`,
          name: 'minorDateOfBirth',
          label: 'Date of birth',
          type: 'date',
          value: row.dateOfBirth,
          autocomplete: 'off',
          error: errors[`minors.${i}.dateOfBirth`],
        }) +
        '</fieldset>',
    );
  }
  const open =
    form.minors.some((m) => m.name || m.dateOfBirth) || Object.keys(errors).some((k) => k.startsWith('minors'));
  return (
    `<details id="minors"${open ? ' open' : ''}><summary>Signing for minors in your party? (up to ${MAX_MINORS})</summary>` +
    '<p class="hint">As their parent or legal guardian, you sign for each child under 18 you list here.</p>' +
    (errors.minors ? `<p class="error" id="minors-error">${esc(errors.minors)}</p>` : '') +
    rows.join('') +
    '</details>'
  );
}

export function renderWaiverPage(p: WaiverPageInput): string {
  const { event, form, errors } = p;
  const body =
    eventHeader(event, p.timeZone) +
    errorSummary(errors) +
    '<section aria-labelledby="text-title"><h2 id="text-title">Release of liability</h2>' +
    `<div class="text" tabindex="0">${markdownToHtml(p.waiverText)}</div></section>` +
    `<form method="post" action="${esc(p.personalToken ? `${p.path}?t=${encodeURIComponent(p.personalToken)}` : p.path)}" novalidate>` +
    `<input type="hidden" name="waiverVersion" value="${esc(p.waiverVersion)}">` +
    `<input type="hidden" name="token" value="${esc(p.token)}">` +
    '<h2>Your details</h2>' +
    input({
      id: 'name',
      name: 'name',
      label: 'Full name',
      type: 'text',
      value: form.name,
      autocomplete: 'name',
      error: errors.name,
      required: true,
    }) +
    input({
      id: 'email',
      name: 'email',
      label: 'Email',
      type: 'email',
      value: form.email,
      autocomplete: 'email',
      error: errors.email,
      hint: p.personalToken
        ? 'This link is for your booking: we email you a copy of what you sign.'
        : 'We email you a copy of what you sign.',
      required: true,
      readonly: !!p.personalToken,
    }) +
    input({
      id: 'phone',
      name: 'phone',
      label: 'Phone',
      type: 'tel',
      value: form.phone,
      autocomplete: 'tel',
      error: errors.phone,
      required: true,
    }) +
    input({
      id: 'dateOfBirth',
      name: 'dateOfBirth',
      label: 'Date of birth',
      type: 'date',
      value: form.dateOfBirth,
      autocomplete: 'bday',
      error: errors.dateOfBirth,
      hint: 'You must be 18 or older to sign.',
      required: true,
    }) +
    minorRows(form, errors) +
    '<h2>Sign</h2>' +
    `<div class="check"><input type="checkbox" id="agree" name="agree" value="yes"${form.agree ? ' checked' : ''} required` +
    (errors.agree ? ' aria-invalid="true" aria-describedby="agree-error"' : '') +
    '><label for="agree">I have read and agree to this waiver, for myself and for the minors I listed.</label></div>' +
    (errors.agree ? `<p class="error" id="agree-error">${esc(errors.agree)}</p>` : '') +
    input({
      id: 'signature',
      name: 'signature',
      label: 'Signature',
      type: 'text',
      value: form.signature,
      autocomplete: 'off',
      error: errors.signature,
      hint: 'Type your full name to sign.',
      required: true,
    }) +
    '<button type="submit" id="sign">Sign waiver</button></form>';
  return page(`Waiver: ${event.title}`, body);
}

export interface ConfirmationInput {
  event: EventView;
  path: string;
  waiverId: string;
  timeZone: string;
}

export function renderConfirmation(c: ConfirmationInput): string {
  const body =
    eventHeader(c.event, c.timeZone) +
    '<div class="ok" role="status"><h2>Waiver signed</h2>' +
    '<p>Thank you. Your signed waiver is recorded and a copy is on its way to your email.</p>' +
    `<p>Reference: <strong>${esc(c.waiverId)}</strong></p></div>` +
    `<p><a href="${esc(c.path)}">Sign for someone else</a></p>`;
  return page(`Waiver signed: ${c.event.title}`, body);
}

export interface EndedInput {
  event: EventView;
  path: string;
  timeZone: string;
}

/** An event that has ended takes no more signatures, and says so instead of showing the form. */
export function renderEndedPage(e: EndedInput): string {
  const body =
    eventHeader(e.event, e.timeZone) +
    '<div class="summary" role="alert"><h2>This event has ended</h2>' +
    '<p>Waivers for this event can no longer be signed. If you are sailing on another date, ask the crew for that event’s waiver link.</p></div>';
  return page(`Event ended: ${e.event.title}`, body);
}

const ERRORS: Record<number, [string, string]> = {
  400: ['Bad request', 'This waiver link or form is not valid. Check the link you were sent.'],
  403: ['Forbidden', 'This request did not come through the site.'],
  404: [
    'Waiver not found',
    'No event matches this waiver link. Check the link you were sent, or ask the crew for a new one.',
  ],
  405: ['Method not allowed', 'This page can only be viewed or signed.'],
  410: [
    'Event ended',
    'Waivers for this event can no longer be signed. If you are sailing on another date, ask the crew for that event’s waiver link.',
  ],
  429: [
    'Too many signatures',
    'Too many waivers were signed from this connection, or for this event, in the last hour, and this one was not recorded. Please try again later, or ask the crew.',
  ],
  413: ['Too much data', 'The form was too large to accept. Shorten what you typed and try again.'],
  500: ['Something went wrong', 'We could not record your waiver. Please try again in a minute.'],
  503: [
    'Temporarily unavailable',
    'The waiver service cannot be reached right now, and nothing was recorded. Please try again in a minute.',
  ],
};

/** A failure's page; `retry`, when given, is the waiver's own path, offered as a Retry link. */
export function renderErrorPage(status: number, retry?: string): string {
  const [title, text] = ERRORS[status] ?? ERRORS[500]!;
  const link = retry ? `<p><a href="${esc(retry)}">Retry</a></p>` : '';
  return page(title, `<p class="brand">Ship Captain Crew · Waiver</p><h1>${esc(title)}</h1><p>${esc(text)}</p>${link}`);
}

/** A cancelled sailing says so instead of showing the form. */
export function renderCancelledPage(e: EndedInput): string {
  const body =
    eventHeader(e.event, e.timeZone) +
    '<div class="summary" role="alert"><h2>This sailing was cancelled</h2>' +
    '<p>It will not sail, so there is no waiver to sign. The operator will be in touch about a refund or another date.</p></div>';
  return page(`Sailing cancelled: ${e.event.title}`, body);
}

export interface MovedInput extends EndedInput {
  /** The sailing the booking was moved to, if it can still be read. */
  to: EventView | undefined;
}

/** A booking moved to another sailing (rebookPatron) is signed for there, not on the old one. */
export function renderMovedPage(m: MovedInput): string {
  const to = m.to
    ? `<p>Your booking is now on <strong>${esc(m.to.title)}</strong>, ${esc(formatWhen(m.to.startsAt, m.timeZone))}. ` +
      `<a href="/g/${esc(encodeURIComponent(m.to.id))}/waiver">Sign the waiver for that sailing</a>.</p>`
    : '<p>Ask the crew for the waiver link of your new sailing.</p>';
  const body =
    eventHeader(m.event, m.timeZone) +
    '<div class="summary" role="alert"><h2>Your booking was moved to another sailing</h2>' +
    '<p>Nothing was signed for this sailing.</p>' +
    to +
    '</div>';
  return page(`Booking moved: ${m.event.title}`, body);
}
