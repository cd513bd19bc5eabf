import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { TaskStatus } from '@lit/task';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { RosterEntry } from '../graphql/types';
import { formatCents } from '../lib/domain/money';
import { toRefundCents } from '../lib/domain/cancelled-money';
import { EventTitles } from '../lib/controllers/event-titles';
import { PagedList } from '../lib/controllers/paged-list';
import { navigateOnClick } from '../lib/controllers/navigate';
import { can, type CurrentUser } from '../lib/domain/roles';
import { controls } from '../styles/shared';

/**
 * Finds a patron across events by the start of their name, their email, or their phone's last
 * digits (findPatrons). Each match links to its event (for those who see events) and
 * to the patron's payments (for those who may read a patron's payment history), and names the event by
 * title and day. What a match owes is its balance, but nothing on a cancelled sailing (what it holds
 * is to refund) and nothing on a booking moved to another sailing (its money went with it).
 * More matches than a page say so and can be shown (the dashboard's one paged list); a failed search
 * says why and keeps the last answer off the screen, so nothing stale passes for the answer to the
 * new query.
 */
@customElement('scc-patron-search')
export class SccPatronSearch extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
      ul { list-style: none; padding: 0; margin: 0.5rem 0 0; }
      li { padding: 0.5rem 0; border-bottom: 1px solid var(--_line); overflow-wrap: anywhere; }
      .muted { color: var(--_muted); font-size: 0.875rem; }
      .error { color: var(--scc-danger, #b42318); }
    `,
  ];

  /** Each match's event (and where a moved booking went), by title and day, and whether it was cancelled. */
  private titles = new EventTitles(this, () => ({
    api: this.api,
    ids: this.found.flatMap((e) => [e.eventId, e.movedTo]),
  }));

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  /** What was searched for: '' while there is nothing to search. */
  @state() private query = '';
  /** Each Find searches again, the same words included (both counters only grow, so their sum does too). */
  @state() private searches = 0;
  @state() private error = '';

  private list = new PagedList(this, {
    source: () => [this.api, this.query] as const,
    revision: () => this.revision + this.searches,
    page: ([api, query], token) => (api && query ? api.findPatrons(query, token) : undefined),
  });

  /** The matches of the current search, once its first page is in. */
  private get found(): readonly RosterEntry[] {
    return this.list.loaded && this.query ? this.list.rows : [];
  }

  private get busy(): boolean {
    return this.list.first.status === TaskStatus.PENDING;
  }

  private async search(event: SubmitEvent) {
    event.preventDefault();
    const query = (new FormData(event.target as HTMLFormElement).get('query') as string).trim();
    this.error = '';
    if (query.length < 2) {
      this.query = '';
      this.error = 'Type at least 2 characters of a name, an email or a phone number.';
      return;
    }
    this.query = query;
    this.searches += 1;
  }

  private owed(e: RosterEntry): string {
    if (e.status === 'MOVED') return `moved to ${this.titles.label(e.movedTo ?? '')}`;
    if (this.titles.summary(e.eventId)?.status !== 'CANCELLED') return `balance ${formatCents(e.balanceCents)}`;
    const held = toRefundCents(e);
    return `sailing cancelled: nothing owed${held ? `, ${formatCents(held)} to refund` : ''}`;
  }

  private renderMatch(e: RosterEntry) {
    const payments = `/payments?${new URLSearchParams({ patron: e.email })}`;
    return html`<li>
      <strong>${e.name}</strong> · ${e.email}${e.phone ? html` · ${e.phone}` : nothing}
      <div class="muted">
        ${this.titles.label(e.eventId)} · party of ${e.partySize}, ${this.owed(e)}, ${e.waiverSignedAt ? 'waiver signed' : 'waiver not signed'}
      </div>
      ${[
        can.seeEvents(this.user)
          ? html`<a href="/events/${encodeURIComponent(e.eventId)}" @click=${navigateOnClick}>The event</a>`
          : null,
        can.seeAllPayments(this.user) ? html`<a href=${payments} @click=${navigateOnClick}>Payments</a>` : null,
      ]
        .filter((link) => link !== null)
        .map((link, i) => (i ? html` · ${link}` : link))}
    </li>`;
  }

  override render() {
    const failed = this.query && this.list.first.status === TaskStatus.ERROR;
    const found = this.query && this.list.loaded && !failed ? this.found : null;
    return html`
      <form role="search" @submit=${this.search}>
        <label>Find a patron <input type="search" name="query" maxlength="100" autocomplete="off"
          placeholder="Name, email or phone"></label>
        <button type="submit" ?disabled=${this.busy}>Find</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${failed ? html`<p class="error" role="alert">${describeError(this.list.first.error)}</p>` : nothing}
      ${this.busy && !found ? html`<p class="muted" role="status">Searching…</p>` : nothing}
      ${found && found.length === 0 && !this.busy ? html`<p role="status">No patron matches “${this.query}”.</p>` : nothing}
      ${found && found.length > 0 ? html`<ul aria-label="Patrons found">${found.map((e) => this.renderMatch(e))}</ul>` : nothing}
      ${found && this.list.hasMore ? html`<p class="muted">More patrons match.</p>` : nothing}
      ${found ? this.list.renderMore('Show more', 'more patrons') : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-patron-search': SccPatronSearch;
  }
}
