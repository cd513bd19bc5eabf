import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { Boarding } from '../graphql/types';
import { boardingList, type Person } from '../lib/domain/boarding';
import { formatDateTime, formatEventTime } from '../lib/domain/dates';
import { formatCents } from '../lib/domain/money';
import { isCancelled, owedCents, toRefundCents } from '../lib/domain/cancelled-money';
import { navigateOnClick } from '../lib/controllers/navigate';
import { loadFailed } from '../lib/controllers/failed-load';
import { controls } from '../styles/shared';

/**
 * The passenger manifest, the page behind `/events/<id>/manifest`: the list a captain
 * leaves ashore. Each person (adult or minor, party, waiver and its signing, balance, checked in),
 * the totals, the boat, captain and crew, and when it was printed, in the operator's zone. Printed
 * with the browser's own print (a print stylesheet hides the app's chrome; see index.html's @page).
 */
/**
 * The text a person's waiver agreed to: the first 12 hex digits of its SHA-256 (as git shortens a
 * hash; the whole is in the cell's title and in the signed record), or "—" when there is no waiver
 * or it was signed before the version was kept on the booking.
 */
function waiverVersionLabel(p: Person): string {
  return p.waiver && p.entry.waiverSignedAt && p.entry.waiverVersion ? p.entry.waiverVersion.slice(0, 12) : '—';
}

/** People to a printed page: a captain's manifest is read a page at a time, each with its headings. */
export const PER_PAGE = 30;

function sheets(people: Person[]): Person[][] {
  const out: Person[][] = [];
  for (let i = 0; i < people.length; i += PER_PAGE) out.push(people.slice(i, i + PER_PAGE));
  return out.length ? out : [[]];
}

@customElement('scc-manifest-page')
export class SccManifestPage extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      h1 { font-size: 1.4rem; margin: 0; }
      table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
      th, td { border-bottom: 1px solid var(--_line); padding: 0.25rem 0.375rem; text-align: left; vertical-align: top; }
      td.num, th.num { text-align: right; }
      .sheet + .sheet { margin-top: 1rem; }
      /* A phone: each person a card, every column labelled and on screen (no hidden scroll area). */
      @media screen and (max-width: 40rem) {
        table, tbody, tr, td { display: block; }
        thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        tr { border-bottom: 1px solid var(--_line); padding: 0.375rem 0; }
        td { border: 0; padding: 0.0625rem 0; text-align: left; overflow-wrap: anywhere; }
        td.num { text-align: left; }
        td:empty { display: none; }
        td[data-label]::before { content: attr(data-label) ': '; font-weight: 600; }
        td.name { font-weight: 600; }
        td.name::before { content: none; }
      }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.125rem 1rem; margin: 0.5rem 0; }
      dt { font-weight: 600; }
      dd { margin: 0; }
      .totals { font-weight: 600; }
      @media print {
        .screen-only { display: none !important; }
        table { font-size: 9pt; }
        tr { break-inside: avoid; }
        /* Thirty people to a printed page, each page with its own column headings. */
        .sheet + .sheet { break-before: page; margin-top: 0; }
      }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private manifest = new Task(this, {
    task: async ([api, id]) =>
      api && id ? { boarding: await api.boarding(id), at: new Date().toISOString() } : initialState,
    args: () => [this.api, this.eventId] as const,
  });

  @property() eventId = '';

  override render() {
    return this.manifest.render({
      initial: () => html`<p aria-busy="true">Loading the manifest…</p>`,
      pending: () => html`<p aria-busy="true">Loading the manifest…</p>`,
      complete: (m) => (m.boarding ? this.renderManifest(m.boarding, m.at) : html`<h1>Event not found</h1>`),
      error: (error) => loadFailed('the manifest', error, this.manifest),
    });
  }

  private renderManifest(b: Boarding, at: string) {
    const e = b.event;
    const people = boardingList(b);
    const aboard = people.filter((p) => p.checkIn).length;
    const minors = people.filter((p) => p.minor).length;
    const unwaivered = people.filter((p) => !p.waiver).length;
    // Nothing is owed on a cancelled sailing (src/lib/domain/cancelled-money.ts): its column and total say what is to refund.
    const cancelled = isCancelled(e);
    const balance = b.roster.reduce((s, r) => s + (cancelled ? toRefundCents(r) : owedCents(e, r.balanceCents)), 0);
    const walkUps = people.filter((p) => p.walkUp).length;
    const money = cancelled ? 'To refund' : 'Balance';
    return html`
      <p class="row screen-only">
        <a href="/events/${encodeURIComponent(e.id)}" @click=${navigateOnClick}>← Event details</a>
        <button class="primary" type="button" @click=${() => window.print()}>Print</button>
      </p>
      <h1>Passenger manifest: ${e.title}</h1>
      <dl>
        <dt>Sailing</dt><dd>${formatEventTime(e.startsAt, e.endsAt)}</dd>
        <dt>Boat</dt><dd>${e.boat || '—'}</dd>
        <dt>Captain</dt><dd>${e.captain || 'not assigned'}</dd>
        <dt>Crew</dt><dd>${e.crew.length ? e.crew.join(', ') : 'not assigned'}</dd>
        <dt>Printed</dt><dd class="printed">${formatDateTime(at)}</dd>
      </dl>
      ${sheets(people).map(
        (sheet) => html`<table class="sheet">
        <thead><tr><th>Name</th><th>Age</th><th>Party</th><th>Waiver</th><th>Waiver version</th><th class="num">${money}</th><th>Checked in</th></tr></thead>
        <tbody>
          ${sheet.map(
            (p) => html`<tr>
            <td class="name">${p.name}</td>
            <td data-label="Age">${p.minor ? 'Minor' : 'Adult'}</td>
            <td data-label="Party">${p.walkUp ? `${p.entry.name} (walk-up, not booked)` : `${p.entry.name} (${p.entry.partySize})`}</td>
            <td data-label="Waiver">${p.waiver && p.entry.waiverSignedAt ? `Signed ${formatDateTime(p.entry.waiverSignedAt)}${p.entry.waiverSignedBy ? ` by ${p.entry.waiverSignedBy}` : ''}` : 'NOT SIGNED'}</td>
            <td data-label="Waiver version" class="version" title=${p.waiver && p.entry.waiverVersion ? `SHA-256 ${p.entry.waiverVersion}` : ''}>${waiverVersionLabel(p)}</td>
            <td data-label=${money} class="num">${p.person === 'patron' && !p.walkUp ? formatCents(cancelled ? toRefundCents(p.entry) : owedCents(e, p.entry.balanceCents)) : ''}</td>
            <td data-label="Checked in">${p.checkIn ? `Yes, ${formatDateTime(p.checkIn.checkedInAt)}` : 'No'}</td>
          </tr>`,
          )}
        </tbody>
      </table>`,
      )}
      <p class="totals">Totals: ${people.length} people (${people.length - minors} adults, ${minors} minors${walkUps ? `, ${walkUps} of them walk-ups` : ''}) of ${e.capacity} capacity ·
        ${aboard} checked in · ${unwaivered} without a waiver · ${cancelled ? `sailing cancelled: nothing owed, ${formatCents(balance)} to refund` : `balance due ${formatCents(balance)}`}</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-manifest-page': SccManifestPage;
  }
}
