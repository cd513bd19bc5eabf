import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { Event } from '../graphql/types';
import { sccEvent } from '../events';
import { addDays, formatDay, today, zoneName } from '../lib/domain/dates';
import { loadFailed } from '../lib/controllers/failed-load';
import { PagedList } from '../lib/controllers/paged-list';
import { eventsKey } from '../lib/offline/offline-store';
import { controls, page } from '../styles/shared';
import { can, type CurrentUser } from '../lib/domain/roles';
import './scc-event-card';
import './scc-event-form';
import type { SccEventForm } from './scc-event-form';

/**
 * Upcoming charters between two dates, each as an `<scc-event-card>`.
 *
 * @fires scc-range-change - A new date range was picked; detail `{ from, to }` (AWSDate).
 * @fires scc-navigate - An admin created an event: its page opens.
 * @csspart grid - The grid of cards.
 */
@customElement('scc-event-list')
export class SccEventList extends LitElement {
  static override styles = [
    controls,
    page,
    css`
      .grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); }
      .skeleton { min-height: 15rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  /** Each range's first page is kept for reading offline, as its user's. */
  private list = new PagedList(this, {
    source: () => [this.api, this.from, this.to, this.user?.email] as const,
    revision: () => this.revision,
    page: ([api, from, to], token) => api?.listEvents(from, to, token),
    offline: ([, from, to, owner]) => (owner ? { owner, key: eventsKey(from, to) } : undefined),
  });

  @query('scc-event-form') private eventForm?: SccEventForm;

  @state() private rangeError = '';

  /** First day shown (AWSDate, the operator's day); today there by default. */
  @property() from = today();
  /** Last day shown (AWSDate); 90 days ahead by default. */
  @property() to = addDays(today(), 90);

  private onRange(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    if (!from || !to || from > to) {
      this.rangeError = 'Pick a start date on or before the end date.';
      return;
    }
    this.rangeError = '';
    this.from = from;
    this.to = to;
    this.dispatchEvent(sccEvent('scc-range-change', { from, to }));
  }

  /** A new event opens on its own page, where patrons are added. */
  private onCreated(e: CustomEvent<{ event: Event }>) {
    this.dispatchEvent(sccEvent('scc-navigate', { path: `/events/${encodeURIComponent(e.detail.event.id)}` }));
  }

  override render() {
    return html`
      <div class="row"><h1>Charters</h1>
        ${
          can.editEvent(this.user)
            ? html`<button type="button" @click=${() => this.eventForm?.show()}>New event</button>
              <scc-event-form @scc-event-changed=${this.onCreated}></scc-event-form>`
            : nothing
        }
      </div>
      <form class="filters" @submit=${this.onRange} aria-label="Date range">
        <label>From <input type="date" name="from" .value=${this.from} required /></label>
        <label>To <input type="date" name="to" .value=${this.to} required /></label>
        <button type="submit">Show</button>
        <span class="hint">Days and times in ${zoneName()}</span>
      </form>
      ${this.rangeError ? html`<p class="error" role="alert">${this.rangeError}</p>` : nothing}
      ${this.list.renderSaved()}
      ${this.list.first.render({
        initial: () => (this.list.loaded ? this.renderCards(this.list.rows, true) : this.renderSkeleton()),
        pending: () => (this.list.loaded ? this.renderCards(this.list.rows, true) : this.renderSkeleton()),
        complete: () => this.renderCards(this.list.rows),
        error: (error) => loadFailed('the charters', error, this.list.first),
      })}
      ${this.list.renderMore('Show more events', 'more charters')}
    `;
  }

  private renderSkeleton() {
    return html`<div class="grid" aria-busy="true" aria-label="Loading events">
      ${[0, 1, 2].map(() => html`<div class="skeleton"></div>`)}</div>`;
  }

  private renderCards(events: readonly Event[], refreshing = false) {
    if (events.length === 0) {
      return html`<p class="muted">No charters between ${formatDay(this.from)} and
        ${formatDay(this.to)}. Pick other dates above.</p>`;
    }
    return html`<div class="grid" part="grid" aria-busy=${refreshing ? 'true' : 'false'}>
      ${events.map((e) => html`<scc-event-card .event=${e}></scc-event-card>`)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-event-list': SccEventList;
  }
}
