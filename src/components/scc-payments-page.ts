import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PAYMENT_METHODS, type PaymentMethod, type PaymentSource } from '../graphql/types';
import { sccEvent } from '../events';
import { addDays, dayRange, today, zoneName } from '../lib/domain/dates';
import { isEmail } from '../lib/domain/email';
import { navigateOnClick } from '../lib/controllers/navigate';
import { recordsPath } from '../lib/controllers/route';
import { controls, page } from '../styles/shared';
import './scc-patron-search';
import './scc-payment-history';

/** "Jun 1, 2025" for an AWSDate: a calendar day as typed, whatever the zones of browser and operator. */
const dayLabel = (day: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

/**
 * The bookkeeper's view behind `/payments`: all payments between two dates (optionally one method),
 * or one patron's payments across events. Patrons are found by email (their payments are filed
 * under it); anything else in `?patron=` is explained on the page, never sent.
 *
 * @fires scc-navigate - A new search was made (the query goes into the URL so reload keeps it).
 */
@customElement('scc-payments-page')
export class SccPaymentsPage extends LitElement {
  static override styles = [controls, page];

  @state() private error = '';

  /** First and last day (AWSDate): whole days in the operator's zone; the last 30 days by default. */
  @property() from = addDays(today(), -30);
  @property() to = today();
  @property() method: PaymentMethod | '' = '';
  /** When set, shows this patron's payments across events instead of a date range. */
  @property() patron = '';

  private cached?: { key: string; source: PaymentSource };

  // One source object per search, so the history reloads only when the search changes.
  private get source(): PaymentSource {
    const key = [this.from, this.to, this.method, this.patron].join('|');
    if (this.cached?.key !== key) {
      const range = dayRange(this.from, this.to);
      const source: PaymentSource = this.patron
        ? { kind: 'patron', email: this.patron.toLowerCase(), ...range }
        : { kind: 'between', ...range, ...(this.method ? { method: this.method } : {}) };
      this.cached = { key, source };
    }
    return this.cached.source;
  }

  private onSearch(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(data.get(k) ?? '').trim();
    if (!get('from') || !get('to') || get('from') > get('to')) {
      this.error = 'Pick a start date on or before the end date.';
      return;
    }
    this.error = '';
    const query = new URLSearchParams({ from: get('from'), to: get('to') });
    if (get('method')) query.set('method', get('method'));
    if (get('patron')) query.set('patron', get('patron'));
    this.dispatchEvent(sccEvent('scc-navigate', { path: `/payments?${query}` }));
  }

  /** What an empty result means, in the terms of the search. */
  private get emptyWords(): string {
    const method = PAYMENT_METHODS.find((m) => m.value === this.method)?.label.toLowerCase();
    const who = this.patron ? ` from ${this.patron}` : method ? ` by ${method}` : '';
    return `No payments${who} between ${dayLabel(this.from)} and ${dayLabel(this.to)}.`;
  }

  private renderResults() {
    if (this.patron && !isEmail(this.patron)) {
      return html`<p class="error" role="alert">“${this.patron}” is not an email address. A patron’s payments are
        found by the email they were logged under, like jo@example.com: type it in “Patron email” above, or
        leave it empty to see everyone’s payments.</p>`;
    }
    return html`${
      this.patron
        ? html`<p><a href=${recordsPath({ patron: this.patron.toLowerCase() })} @click=${navigateOnClick}>Records of ${this.patron}: every change about them</a></p>`
        : nothing
    }
      <scc-payment-history .source=${this.source} empty=${this.emptyWords}
      heading=${this.patron ? `Payments of ${this.patron}` : 'Payments in this period'}></scc-payment-history>`;
  }

  override render() {
    return html`
      <h1>Payments</h1>
      <form class="filters" @submit=${this.onSearch} aria-label="Search payments">
        <label>From <input type="date" name="from" .value=${this.from} required /></label>
        <label>To <input type="date" name="to" .value=${this.to} required /></label>
        <label>Method
          <select name="method">
            <option value="">Any method</option>
            ${PAYMENT_METHODS.map((m) => html`<option value=${m.value} ?selected=${m.value === this.method}>${m.label}</option>`)}
          </select>
        </label>
        <label>Patron email <span class="hint">(optional)</span>
          <input type="email" name="patron" .value=${this.patron} autocomplete="off" /></label>
        <button type="submit">Search</button>
        <span class="hint">Days run midnight to midnight, ${zoneName()}</span>
      </form>
      <details ?open=${Boolean(this.patron && !isEmail(this.patron))}>
        <summary>Not sure of the email? Find the patron by name or phone</summary>
        <scc-patron-search></scc-patron-search>
      </details>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.renderResults()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-payments-page': SccPaymentsPage;
  }
}
