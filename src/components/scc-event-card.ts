import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { userContext } from '../graphql/context';
import type { Event } from '../graphql/types';
import { can, type CurrentUser } from '../lib/domain/roles';
import { formatCents } from '../lib/domain/money';
import { isCancelled, owedCents } from '../lib/domain/cancelled-money';
import { formatEventTime } from '../lib/domain/dates';
import { sccEvent } from '../events';
import { controls } from '../styles/shared';
import { navigateOnClick } from '../lib/controllers/navigate';

/**
 * One charter at a glance: when, which boat, who crews it, how full it is, how much is paid and how
 * many waivers are signed.
 *
 * @fires scc-open-payment - "Log payment" was pressed; detail `{ eventId }`.
 * @fires scc-navigate - The title link was followed; detail `{ path }`.
 * @csspart card - The card's outer box.
 * @csspart progress - The paid/due bar.
 */
@customElement('scc-event-card')
export class SccEventCard extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      article {
        border: 1px solid var(--_line); border-radius: 12px; padding: 1rem; background: var(--_surface);
        display: grid; gap: 0.5rem; min-height: 15rem;
      }
      h2 { margin: 0; font-size: 1.15rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 0.75rem; margin: 0; }
      dt { color: var(--_muted); }
      dd { margin: 0; }
      .bar { height: 0.5rem; border-radius: 4px; background: #e2e8f0; overflow: hidden; }
      .bar > span { display: block; height: 100%; background: var(--_ok); }
      .money { display: flex; justify-content: space-between; gap: 0.5rem; flex-wrap: wrap; }
      footer { margin-top: auto; }
    `,
  ];

  @consume({ context: userContext, subscribe: true })
  @property({ attribute: false })
  user?: CurrentUser;

  @property({ attribute: false }) event?: Event;

  private onLogPayment() {
    if (this.event) this.dispatchEvent(sccEvent('scc-open-payment', { eventId: this.event.id }));
  }

  override render() {
    const e = this.event;
    if (!e) return nothing;
    const paidShare = e.dueCents > 0 ? Math.min(100, Math.round((e.paidCents / e.dueCents) * 100)) : 0;
    const crew = [e.captain ? `Capt. ${e.captain}` : '', ...e.crew].filter(Boolean).join(', ');
    return html`
      <article part="card" aria-labelledby="title">
        <h2 id="title">
          <a href="/events/${encodeURIComponent(e.id)}" @click=${navigateOnClick}>${e.title}</a>
        </h2>
        <dl>
          <dt>When</dt><dd>${formatEventTime(e.startsAt, e.endsAt)}</dd>
          <dt>Boat</dt><dd>${e.boat || '—'}</dd>
          <dt>Crew</dt><dd>${crew || 'Not assigned yet'}</dd>
          <dt>Booked</dt><dd>${e.headCount ?? '—'} of ${e.capacity} · ${e.rosterCount} ${e.rosterCount === 1 ? 'party' : 'parties'}</dd>
          <dt>Waivers</dt><dd>${e.waiversSigned} of ${e.headCount ?? '—'} people covered</dd>
        </dl>
        ${
          isCancelled(e)
            ? // Nothing is owed on a cancelled sailing; what it still holds is to refund (src/lib/domain/cancelled-money.ts).
              html`<div class="money"><span>Cancelled: nothing owed</span>
              <span class=${e.paidCents > 0 ? 'muted' : 'ok'}>${e.paidCents > 0 ? `${formatCents(e.paidCents)} to refund` : 'All refunded or moved'}</span></div>`
            : html`<div class="money">
          <span>Paid <strong>${formatCents(e.paidCents)}</strong> of ${formatCents(e.dueCents)}</span>
          <span class=${e.balanceCents > 0 || e.dueCents === 0 ? 'muted' : 'ok'}>
            ${e.dueCents === 0 ? 'Nothing due yet' : e.balanceCents > 0 ? `${formatCents(e.balanceCents)} due` : 'Paid in full'}
          </span>
        </div>`
        }
        ${
          isCancelled(e)
            ? nothing
            : html`<div class="bar" part="progress" role="progressbar" aria-label="Paid of amount due"
          aria-valuemin="0" aria-valuemax="100" aria-valuenow=${paidShare}
          aria-valuetext="${paidShare}% paid">
          <span style="width: ${paidShare}%"></span>
        </div>`
        }
        <footer class="row">
          ${
            can.logPayment(this.user) && owedCents(e, e.balanceCents) > 0
              ? html`<button class="primary" @click=${this.onLogPayment}>Log payment<span
                class="visually-hidden"> for ${e.title}</span></button>`
              : nothing
          }
          <a class="button" href="/events/${encodeURIComponent(e.id)}" @click=${navigateOnClick}>
            Roster<span class="visually-hidden"> of ${e.title}</span></a>
        </footer>
      </article>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-event-card': SccEventCard;
  }
}
