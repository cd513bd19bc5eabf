import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { EventDetail, PaymentSource } from '../graphql/types';
import { sccEvent } from '../events';
import { formatCents } from '../lib/domain/money';
import { owedCents } from '../lib/domain/cancelled-money';
import { formatEventTime } from '../lib/domain/dates';
import { can, type CurrentUser } from '../lib/domain/roles';
import { navigateOnClick } from '../lib/controllers/navigate';
import { recordsPath } from '../lib/controllers/route';
import { RetryWhenOnline, loadFailed, savedNotice } from '../lib/controllers/failed-load';
import { eventKey, loadOrSaved, savedWhileLoading, type Loaded } from '../lib/offline/offline-store';
import { outbox } from '../lib/offline/outbox';
import { OutboxWatch } from '../lib/controllers/outbox-watch';
import { LiveEvents, liveNotice } from '../lib/controllers/live';
import { controls } from '../styles/shared';
import './scc-roster';
import './scc-payment-history';
import './scc-event-form';
import './scc-cancel-event';
import './scc-cancelled-sailing';
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

  /**
   * The event, kept in IndexedDB for reading offline: with no connection the saved copy shows,
   * marked with when it was saved. Until the first load answers (aws-amplify loading, a slow link)
   * the saved copy shows too, marked as such (`early`).
   */
  private detail = new Task(this, {
    task: async ([api, id, owner]): Promise<
      (Loaded<EventDetail | null | undefined> & { owner: string }) | typeof initialState
    > => {
      if (!id || !owner) return initialState;
      if (this.early?.id !== id || this.early.owner !== owner) void this.showSavedWhileLoading(owner, id);
      if (!api) return initialState;
      return { ...(await loadOrSaved(owner, eventKey(id), () => api.getEvent(id))), owner };
    },
    args: () => [this.api, this.eventId, this.user?.email, this.revision] as const,
  });

  private online = new RetryWhenOnline(this, () => [this.detail]);
  /** Payments this person logged here that wait for signal: the totals shown do not count them yet. */
  private outbox = new OutboxWatch(this, () => this.user?.email, outbox);

  /** Issue 16 §1: another user's change to this event, its roster or payments reloads the page. */
  private live = new LiveEvents(this, () => ({ api: this.api, eventIds: this.eventId ? [this.eventId] : [] }));

  @query('scc-event-form') private eventForm?: SccEventForm;
  @query('scc-payment-history') private history?: HTMLElement;

  /** The saved copy of event `id`, on screen until its first load answers. */
  @state() private early?: { id: string; owner: string; loaded: Loaded<EventDetail> };

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

  private async showSavedWhileLoading(owner: string, id: string) {
    const saved = await savedWhileLoading<EventDetail>(owner, eventKey(id));
    const loading = this.detail.status === TaskStatus.INITIAL || this.detail.status === TaskStatus.PENDING;
    if (saved && loading && this.eventId === id) this.early = { id, owner, loaded: saved };
  }

  /** What to show while loading: this event's last load, else its saved copy, else what was shown before; only ever this user's. */
  private whileLoading() {
    const owner = this.user?.email;
    const last = this.detail.value?.owner === owner ? this.detail.value : undefined;
    if (last?.value?.event.id === this.eventId) return last;
    return (this.early?.id === this.eventId && this.early.owner === owner ? this.early.loaded : undefined) ?? last;
  }

  private async onShowHistory(e: CustomEvent<{ email: string }>) {
    this.historyEmail = e.detail.email;
    await this.updateComplete;
    this.history?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    this.history?.focus();
  }

  override render() {
    return html`
      <a href="/events" @click=${navigateOnClick}>← All events</a>
      ${this.detail.render({
        initial: () => this.renderLoading(),
        pending: () => this.renderLoading(),
        complete: (d) =>
          d.value
            ? this.renderDetail(d)
            : html`<h1>Event not found</h1>
          <p>There is no event “${this.eventId}”. It may have been renamed or removed.</p>`,
        error: (error) => html`<h1>Event “${this.eventId}”</h1>${loadFailed('the event', error, this.detail)}`,
      })}
    `;
  }

  private renderLoading() {
    const shown = this.whileLoading();
    return shown?.value ? this.renderDetail(shown) : this.renderSkeleton();
  }

  private renderSkeleton() {
    return html`<header aria-busy="true"><h1>Loading the event…</h1><div class="skeleton"></div></header>`;
  }

  private pendingByPatron(eventId: string): Record<string, number> {
    const pending: Record<string, number> = {};
    for (const w of this.outbox.waiting(eventId))
      pending[w.input.patronEmail] = (pending[w.input.patronEmail] ?? 0) + w.input.amountCents;
    return pending;
  }

  private renderWaiting(eventId: string) {
    const waiting = this.outbox.waiting(eventId);
    if (!waiting.length) return nothing;
    const cents = waiting.reduce((sum, w) => sum + w.input.amountCents, 0);
    return html`<p class="pending" role="status">${formatCents(cents)} in ${waiting.length === 1 ? '1 payment' : `${waiting.length} payments`}
      waiting for signal: pending, not counted in the paid total or the balances above.</p>`;
  }

  private renderDetail({ value, saved }: Loaded<EventDetail | null | undefined>) {
    const { event: e, roster, walkUps, claims } = value!;
    // Issue 17 §3: a cancelled sailing takes no payment, booking or check-in; its patrons are resolved instead.
    const cancelled = e.status === 'CANCELLED';
    return html`
      ${saved ? savedNotice(saved, this.detail) : nothing}
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
        <p>${
          cancelled
            ? // Nothing is owed on a cancelled sailing: what it still holds is money to refund (src/lib/domain/cancelled-money.ts).
              html`Cancelled: nothing owed · <strong>${formatCents(e.paidCents)}</strong> still to refund`
            : html`Paid <strong>${formatCents(e.paidCents)}</strong> of ${formatCents(e.dueCents)} ·
          balance <strong>${formatCents(e.balanceCents)}</strong>`
        } · waivers cover ${e.waiversSigned} of ${e.headCount ?? '—'} people
          ${
            this.detail.status === TaskStatus.PENDING
              ? html`<span class="hint" role="status">· updating to the latest…</span>`
              : nothing
          }</p>
        ${this.renderWaiting(e.id)}
        ${liveNotice(this.live)}
        <div class="row">
          ${
            can.logPayment(this.user) && owedCents(e, e.balanceCents) > 0
              ? // logPayment refuses every payment once nothing is owed, and all of them on a cancelled sailing.
                html`<button class="primary" type="button"
                @click=${() => this.dispatchEvent(sccEvent('scc-open-payment', { eventId: e.id }))}>Log payment</button>`
              : nothing
          }
          ${
            can.seeEvents(this.user)
              ? // Every sailing's, past ones too: last week's manifest is what an insurer asks for.
                html`<a href="/events/${encodeURIComponent(e.id)}/boarding" @click=${navigateOnClick}>Boarding</a>
                <a href="/events/${encodeURIComponent(e.id)}/manifest" @click=${navigateOnClick}>Manifest</a>`
              : nothing
          }
          ${
            can.seeRecords(this.user)
              ? html`<a href=${recordsPath({ eventId: e.id })} @click=${navigateOnClick}>Records: signed waivers, audit trail</a>`
              : nothing
          }
          ${
            can.editEvent(this.user)
              ? // Kept on a cancelled sailing: updateEvent takes it (test/api/cancelled-moved.test.ts), unlike its bookings.
                html`<button type="button" @click=${() => this.eventForm?.show()}>Edit event</button>
                <scc-event-form .event=${e}></scc-event-form>`
              : nothing
          }
          ${can.cancelEvent(this.user) && !cancelled ? html`<scc-cancel-event .event=${e}></scc-cancel-event>` : nothing}
        </div>
      </header>
      ${
        cancelled
          ? html`<scc-cancelled-sailing .event=${e} .entries=${roster}></scc-cancelled-sailing>`
          : html`<scc-roster .event=${e} .entries=${roster} .walkUps=${walkUps ?? []} .claims=${claims ?? []} .pendingCents=${this.pendingByPatron(e.id)}
            @scc-show-history=${this.onShowHistory}></scc-roster>`
      }
      <div>
        ${
          this.historyEmail
            ? html`<p class="row">Showing payments of ${this.historyEmail} for this event only.
              <button type="button" @click=${() => (this.historyEmail = '')}>Show everyone’s</button>
              ${
                can.seeAllPayments(this.user)
                  ? html`<a href="/payments?patron=${encodeURIComponent(this.historyEmail)}" @click=${navigateOnClick}>All their payments</a>`
                  : nothing
              }</p>`
            : nothing
        }
        <scc-payment-history tabindex="-1" heading=${this.historyEmail ? `Payments of ${this.historyEmail}` : 'Payments'}
          .source=${this.historySource} patronEmail=${this.historyEmail} eventStartsAt=${e.startsAt}></scc-payment-history>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-event-detail': SccEventDetail;
  }
}
