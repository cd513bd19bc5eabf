import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { EventDetail, PaymentSource } from '../graphql/types';
import { sccEvent } from '../events';
import { formatCents } from '../lib/money';
import { formatEventTime } from '../lib/dates';
import { can, type CurrentUser } from '../lib/roles';
import { navigateOnClick } from '../lib/navigate';
import { RetryWhenOnline, loadFailed } from '../lib/load';
import { LiveEvents, liveNotice } from '../lib/live';
import { controls } from '../styles/shared';
import './scc-roster';
import './scc-payment-history';
import './scc-event-form';
import type { SccEventForm } from './scc-event-form';

/**
 * One event with its roster and its payments; the page behind `/events/<id>`.
 *
 * @fires scc-open-payment - "Log payment" was pressed; detail `{ eventId }`.
 * @fires scc-navigate - The back link was followed.
 */
@customElement('scc-event-detail')
export class SccEventDetail extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr); }
      header { display: grid; gap: 0.5rem; min-height: 9rem; }
      h1 { margin: 0; font-size: 1.5rem; }
      .facts { display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; margin: 0; padding: 0; list-style: none; }
      .skeleton { height: 8rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  private detail = new Task(this, {
    task: async ([api, id]) => (api && id ? api.getEvent(id) : initialState),
    args: () => [this.api, this.eventId, this.revision] as const,
  });

  private online = new RetryWhenOnline(this, () => [this.detail]);

  /** Issue 16 §1: another user's change to this event, its roster or payments reloads the page. */
  private live = new LiveEvents(this, () => ({ api: this.api, eventIds: this.eventId ? [this.eventId] : [] }));

  @query('scc-event-form') private eventForm?: SccEventForm;
  @query('scc-payment-history') private history?: HTMLElement;

  /** Narrows the payment history to one patron (from a roster row's "History"). */
  @state() private historyEmail = '';

  @property() eventId = '';

  private source?: PaymentSource;

  // The history reloads when its source changes identity: keep one object per event.
  private get historySource(): PaymentSource {
    if (this.source?.kind !== 'event' || this.source.eventId !== this.eventId) {
      this.source = { kind: 'event', eventId: this.eventId };
    }
    return this.source;
  }

  private async onShowHistory(e: CustomEvent<{ email: string }>) {
    this.historyEmail = e.detail.email;
    await this.updateComplete;
    this.history?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    this.history?.focus();
  }

  override render() {
    return html`
      <a href="/" @click=${navigateOnClick}>← All events</a>
      ${this.detail.render({
        initial: () => this.renderSkeleton(),
        pending: () => (this.detail.value ? this.renderDetail(this.detail.value) : this.renderSkeleton()),
        complete: (d) => (d ? this.renderDetail(d) : html`<h1>Event not found</h1>
          <p>There is no event “${this.eventId}”. It may have been renamed or removed.</p>`),
        error: (error) => html`<h1>Event “${this.eventId}”</h1>${loadFailed('the event', error, this.detail)}`,
      })}
    `;
  }

  private renderSkeleton() {
    return html`<header aria-busy="true"><h1>Loading the event…</h1><div class="skeleton"></div></header>`;
  }

  private renderDetail({ event: e, roster, walkUps }: EventDetail) {
    return html`
      <header>
        <h1>${e.title}</h1>
        <ul class="facts">
          <li>${formatEventTime(e.startsAt, e.endsAt)}</li>
          <li>Boat: ${e.boat || '—'}</li>
          <li>Captain: ${e.captain || 'not assigned'}</li>
          <li>Crew: ${e.crew.length ? e.crew.join(', ') : 'not assigned'}</li>
          <li>Capacity: ${e.capacity}</li>
          <li>Price: ${formatCents(e.priceCents)} per person</li>
        </ul>
        <p>Paid <strong>${formatCents(e.paidCents)}</strong> of ${formatCents(e.dueCents)} ·
          balance <strong>${formatCents(e.balanceCents)}</strong> · waivers cover ${e.waiversSigned} of ${e.headCount ?? '—'} people
          ${this.detail.status === TaskStatus.PENDING
            ? html`<span class="hint" role="status">· updating to the latest…</span>` : nothing}</p>
        ${liveNotice(this.live)}
        <div class="row">
          ${can.logPayment(this.user)
            ? html`<button class="primary" type="button"
                @click=${() => this.dispatchEvent(sccEvent('scc-open-payment', { eventId: e.id }))}>Log payment</button>`
            : nothing}
          ${can.editEvent(this.user)
            ? html`<button type="button" @click=${() => this.eventForm?.show()}>Edit event</button>
                <scc-event-form .event=${e}></scc-event-form>`
            : nothing}
        </div>
      </header>
      <scc-roster .event=${e} .entries=${roster} .walkUps=${walkUps ?? []} @scc-show-history=${this.onShowHistory}></scc-roster>
      <div>
        ${this.historyEmail
          ? html`<p class="row">Showing payments of ${this.historyEmail} for this event only.
              <button type="button" @click=${() => (this.historyEmail = '')}>Show everyone’s</button>
              ${can.seeAllPayments(this.user)
                ? html`<a href="/payments?patron=${encodeURIComponent(this.historyEmail)}" @click=${navigateOnClick}>All their payments</a>`
                : nothing}</p>`
          : nothing}
        <scc-payment-history tabindex="-1" heading=${this.historyEmail ? `Payments of ${this.historyEmail}` : 'Payments'}
          .source=${this.historySource} patronEmail=${this.historyEmail}></scc-payment-history>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-event-detail': SccEventDetail;
  }
}
