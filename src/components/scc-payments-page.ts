import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PAYMENT_METHODS, type PaymentMethod, type PaymentSource } from '../graphql/types';
import { sccEvent } from '../events';
import { addDays, dayRange, today, zoneName } from '../lib/dates';
import { controls, page } from '../styles/shared';
import './scc-payment-history';

/**
 * The bookkeeper's view behind `/payments`: all payments between two dates (optionally one method),
 * or one patron's payments across events.
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
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <scc-payment-history .source=${this.source}
        heading=${this.patron ? `Payments of ${this.patron}` : 'Payments in this period'}></scc-payment-history>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-payments-page': SccPaymentsPage;
  }
}
