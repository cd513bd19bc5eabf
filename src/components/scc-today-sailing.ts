import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EventDetail } from '../graphql/types';
import { coveredPeople } from '../../amplify/domain/people';
import { formatEventTime } from '../lib/domain/dates';
import { formatCents } from '../lib/domain/money';
import { navigateOnClick } from '../lib/controllers/navigate';
import { controls } from '../styles/shared';

/**
 * One sailing on the Today screen: when, booked against capacity, who has not signed (or whose
 * waiver covers fewer people than they booked), who still owes money, and one tap to boarding.
 */
@customElement('scc-today-sailing')
export class SccTodaySailing extends LitElement {
  static override styles = [
    controls,
    css`
      article { display: grid; gap: 0.5rem; padding: 1rem; border: 1px solid var(--_line); border-radius: 12px; }
      h3 { margin: 0; font-size: 1.125rem; }
      h4 { margin: 0.25rem 0 0; font-size: 1rem; }
      ul { margin: 0; padding-left: 1.25rem; }
      .booked { margin: 0; font-weight: 600; }
      .full { color: var(--_danger); }
      a.button { background: var(--_accent); color: #fff; width: 100%; }
    `,
  ];

  @property({ attribute: false }) detail?: EventDetail;

  override render() {
    if (!this.detail) return nothing;
    const { event: e } = this.detail;
    // A patron moved to another sailing signs, pays and boards there: not theirs to chase here.
    const roster = this.detail.roster.filter((r) => r.status !== 'MOVED');
    // Issue 17 §3: a cancelled sailing boards no one; its page resolves the patrons.
    if (e.status === 'CANCELLED') {
      return html`<article aria-labelledby="t">
        <h3 id="t">${e.title}</h3>
        <div class="hint">${formatEventTime(e.startsAt, e.endsAt)}${e.boat ? ` · ${e.boat}` : ''}</div>
        <p class="booked full">Cancelled: ${e.cancelReason}</p>
        <a href="/events/${encodeURIComponent(e.id)}" @click=${navigateOnClick}>Refunds and moves for ${e.title}</a>
      </article>`;
    }
    const unsigned = roster.filter((r) => coveredPeople(r) < r.partySize);
    const owing = roster.filter((r) => r.balanceCents > 0);
    const booked = e.headCount ?? roster.reduce((s, r) => s + r.partySize, 0);
    return html`<article aria-labelledby="t">
      <h3 id="t"><a href="/events/${encodeURIComponent(e.id)}" @click=${navigateOnClick}>${e.title}</a></h3>
      <div class="hint">${formatEventTime(e.startsAt, e.endsAt)}${e.boat ? ` · ${e.boat}` : ''}</div>
      <p class="booked ${booked >= e.capacity ? 'full' : ''}">${booked} booked of ${e.capacity} · ${roster.length} ${roster.length === 1 ? 'party' : 'parties'}</p>
      <h4>Not signed (${unsigned.length})</h4>
      ${
        unsigned.length
          ? html`<ul class="unsigned">${unsigned.map(
              (r) =>
                html`<li>${r.name}${
                  r.waiverSignedAt
                    ? html` <span class="hint">(waiver covers ${coveredPeople(r)} of ${r.partySize})</span>`
                    : r.partySize > 1
                      ? html` <span class="hint">(party of ${r.partySize})</span>`
                      : nothing
                }</li>`,
            )}</ul>`
          : html`<p class="hint">Everyone booked is covered by a waiver.</p>`
      }
      <h4>Owes money (${owing.length})</h4>
      ${
        owing.length
          ? html`<ul class="owing">${owing.map((r) => html`<li>${r.name} <strong>${formatCents(r.balanceCents)}</strong></li>`)}</ul>`
          : html`<p class="hint">Everyone has paid.</p>`
      }
      <a class="button" href="/events/${encodeURIComponent(e.id)}/boarding" @click=${navigateOnClick}
        aria-label="Start boarding: ${e.title}">Start boarding</a>
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-today-sailing': SccTodaySailing;
  }
}
