import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { RosterEntry } from '../graphql/types';
import { formatCents } from '../lib/domain/money';
import { toRefundCents } from '../lib/domain/cancelled-money';
import { EventTitles } from '../lib/controllers/event-titles';
import { navigateOnClick } from '../lib/controllers/navigate';
import { can, type CurrentUser } from '../lib/domain/roles';
import { controls } from '../styles/shared';

/**
 * Finds a patron across events by the start of their name, their email, or their phone's last
 * digits (findPatrons, issue 15 §5). Each match links to its event (for those who see events) and
 * to the patron's payments (for those who may read a patron's payment history), and names the event by
 * title and day. What a match owes is its balance, but nothing on a cancelled sailing (what it holds
 * is to refund) and nothing on a booking moved to another sailing (its money went with it).
 * More matches than a page say so and can be shown; a failed search says why and keeps the last
 * answer off the screen, so nothing stale passes for the answer to the new query.
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
  private titles = new EventTitles(this, () => ({ api: this.api, ids: (this.found ?? []).flatMap((e) => [e.eventId, e.movedTo]) }));

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  @state() private query = '';
  @state() private found: RosterEntry[] | null = null;
  @state() private nextToken: string | null = null;
  @state() private error = '';
  @state() private busy = false;

  private async search(event: SubmitEvent) {
    event.preventDefault();
    const query = (new FormData(event.target as HTMLFormElement).get('query') as string).trim();
    this.found = null;
    this.nextToken = null;
    this.error = '';
    if (query.length < 2) {
      this.error = 'Type at least 2 characters of a name, an email or a phone number.';
      return;
    }
    this.query = query;
    await this.load(null);
  }

  private async load(token: string | null) {
    if (!this.api) return;
    this.busy = true;
    try {
      const page = await this.api.findPatrons(this.query, token);
      this.found = [...(token ? (this.found ?? []) : []), ...page.items];
      this.nextToken = page.nextToken ?? null;
    } catch (thrown) {
      this.found = null;
      this.nextToken = null;
      this.error = describeError(thrown);
    } finally {
      this.busy = false;
    }
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
        can.seeEvents(this.user) ? html`<a href="/events/${encodeURIComponent(e.eventId)}" @click=${navigateOnClick}>The event</a>` : null,
        can.seeAllPayments(this.user) ? html`<a href=${payments} @click=${navigateOnClick}>Payments</a>` : null,
      ].filter((link) => link !== null).map((link, i) => (i ? html` · ${link}` : link))}
    </li>`;
  }

  override render() {
    return html`
      <form role="search" @submit=${this.search}>
        <label>Find a patron <input type="search" name="query" maxlength="100" autocomplete="off"
          placeholder="Name, email or phone"></label>
        <button type="submit" ?disabled=${this.busy}>Find</button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.busy && !this.found ? html`<p class="muted" role="status">Searching…</p>` : nothing}
      ${this.found && this.found.length === 0 ? html`<p role="status">No patron matches “${this.query}”.</p>` : nothing}
      ${this.found && this.found.length > 0 ? html`<ul aria-label="Patrons found">${this.found.map((e) => this.renderMatch(e))}</ul>` : nothing}
      ${this.nextToken
        ? html`<p class="muted">More patrons match. <button type="button" ?disabled=${this.busy} @click=${() => this.load(this.nextToken)}>Show more</button></p>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-patron-search': SccPatronSearch;
  }
}
