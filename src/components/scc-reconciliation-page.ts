import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { apiContext, revisionContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { PAYMENT_METHODS, type CashCount } from '../graphql/types';
import { sccEvent } from '../events';
import { addDays, formatDay, toAwsDate, today, zoneName } from '../lib/domain/dates';
import { downloadText } from '../lib/csv/download';
import { RetryWhenOnline, loadFailed } from '../lib/controllers/failed-load';
import { formatCents } from '../lib/domain/money';
import {
  RECONCILED_METHODS,
  cashExpected,
  daysOf,
  type Reconciliation,
  type Takings,
} from '../lib/domain/reconciliation';
import { reconciliationCsv, reconciliationCsvFilename } from '../lib/csv/reconciliation-csv';
import { loadCashCounts, loadReconciliation } from '../lib/controllers/reconciliation-load';
import { controls, page } from '../styles/shared';
import './scc-cash-count';
import './scc-takings-chart';

const methodLabel = (m: string) => PAYMENT_METHODS.find((p) => p.value === m)?.label.replace(/ \(.*\)$/, '') ?? m;

/**
 * Reconciliation, the page behind `/reconciliation` (ADMINS, ACCOUNTING): for a range of the
 * operator's days, the takings per day × method, per event and in all, refunds apart; a chart of
 * them; a day's cash count; and the CSV the bookkeeping script also prints. The totals come from the
 * daily takings the API keeps per event and day (docs/takings.md), not from every payment; they are
 * shown only once every page of them is in (until then the page says how many pages it has read),
 * so a sum on screen is never part of one.
 *
 * @fires scc-navigate - A new range was picked (it goes into the URL so reload keeps it).
 */
@customElement('scc-reconciliation-page')
export class SccReconciliationPage extends LitElement {
  static override styles = [
    controls,
    page,
    css`
    section { display: grid; gap: 0.5rem; }
    h2 { margin: 0.5rem 0 0; font-size: 1.25rem; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; font-variant-numeric: tabular-nums; min-width: 100%; }
    th, td { padding: 0.375rem 0.5rem; border-bottom: 1px solid var(--_line); text-align: right; white-space: nowrap; }
    th:first-child, td:first-child { text-align: left; position: sticky; left: 0; background: var(--_surface); }
    tfoot td, tfoot th { font-weight: 700; border-top: 2px solid var(--_ink); }
    .refund { color: var(--_danger); }
    .summary { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0; }
    .summary div { display: grid; }
    .summary dt { font-size: 0.875rem; color: var(--_muted); }
    .summary dd { margin: 0; font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  /** Pages of daily takings read so far by the load in progress. */
  @state() private read = 0;
  @state() private error = '';
  /** Cash counts recorded here since the last load, so a count shows without reloading the totals. */
  @state() private counted = 0;

  private totals = new Task(this, {
    task: async ([api, from, to]) => {
      if (!api) return initialState;
      this.read = 0;
      return loadReconciliation(api, from, to, (n) => (this.read = n));
    },
    args: () => [this.api, this.from, this.to, this.revision] as const,
  });

  private counts = new Task(this, {
    task: async ([api, from, to]) => (api ? loadCashCounts(api, from, to) : initialState),
    args: () => [this.api, this.from, this.to, this.revision, this.counted] as const,
  });

  /** The events' titles and days, by id: asked 100 at a time once the totals name the events. */
  private titles = new Task(this, {
    task: async ([api, totals]) => {
      const ids = totals instanceof Object && 'events' in totals ? totals.events.map((e) => e.eventId) : [];
      if (!api || !ids.length) return new Map<string, { title: string; day: string }>();
      const chunks = Array.from({ length: Math.ceil(ids.length / 100) }, (_, i) => ids.slice(i * 100, i * 100 + 100));
      const found = (await Promise.all(chunks.map((c) => api.eventTitles(c)))).flat();
      return new Map(
        found.flatMap((e) => (e ? [[e.id, { title: e.title, day: toAwsDate(e.startsAt) }] as const] : [])),
      );
    },
    args: () => [this.api, this.totals.status === TaskStatus.COMPLETE ? this.totals.value : undefined] as const,
  });

  private online = new RetryWhenOnline(this, () => [this.totals, this.counts, this.titles]);

  /** First and last day (AWSDate), the operator's; the last 7 days by default. */
  @property() from = addDays(today(), -6);
  @property() to = today();
  /** The day whose cash count is shown; the range's last day up to today by default. */
  @property() day = '';

  /** The range's days that can be counted (up to today); none while the range is not one. */
  private get countableDays(): string[] {
    try {
      return daysOf(this.from, this.to).filter((d) => d <= today());
    } catch {
      return [];
    }
  }

  private onSearch(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    try {
      daysOf(from, to);
    } catch (error) {
      this.error = from && to ? (error as Error).message : 'Pick a start and an end date.';
      return;
    }
    this.error = '';
    this.dispatchEvent(sccEvent('scc-navigate', { path: `/reconciliation?${new URLSearchParams({ from, to })}` }));
  }

  private onDay(e: Event) {
    const day = (e.target as HTMLSelectElement).value;
    this.dispatchEvent(
      sccEvent('scc-navigate', {
        path: `/reconciliation?${new URLSearchParams({ from: this.from, to: this.to, day })}`,
      }),
    );
  }

  private cells(t: Takings) {
    return html`${RECONCILED_METHODS.map((m) => html`<td>${formatCents(t.takings[m])}</td>`)}
      <td class="refund">${t.refundsCents ? `−${formatCents(t.refundsCents)}` : formatCents(0)}</td><td>${formatCents(t.netCents)}</td>`;
  }

  private renderTotals(r: Reconciliation) {
    const byDay = this.counts.value instanceof Map ? this.counts.value : undefined;
    const counted = (day: string) => byDay?.get(day)?.at(-1)?.countedCents;
    return html`
      <dl class="summary" aria-label="Totals of the range">
        <div><dt>Takings</dt><dd>${formatCents(r.takingsCents)}</dd></div>
        <div><dt>Refunds</dt><dd class=${r.refundsCents ? 'refund' : ''}>${formatCents(r.refundsCents)}</dd></div>
        <div><dt>Net</dt><dd>${formatCents(r.netCents)}</dd></div>
      </dl>
      <p class="hint">${r.counted} payments and refunds counted${r.voided ? `; ${r.voided} voided not counted` : ''}${
        r.moved ? `; ${r.moved} moved to another sailing counted there` : ''
      }.${
        r.lateEntries
          ? ` ${r.lateEntries} were received on an earlier day than they were logged: they count on the day logged.`
          : ''
      }</p>
      <section aria-labelledby="chart-h"><h2 id="chart-h">Takings by day</h2><scc-takings-chart .totals=${r}></scc-takings-chart></section>
      <section aria-labelledby="days-h"><h2 id="days-h">By day and method</h2>
        <div class="scroll" tabindex="0" role="region" aria-label="Table of takings by day"><table>
          <thead><tr><th scope="col">Day</th>${RECONCILED_METHODS.map((m) => html`<th scope="col">${methodLabel(m)}</th>`)}
            <th scope="col">Refunds</th><th scope="col">Net</th><th scope="col">Cash counted</th></tr></thead>
          <tbody>${r.days.map(
            (d) => html`<tr><th scope="row">${formatDay(d.day)}</th>${this.cells(d)}
            <td>${counted(d.day) === undefined ? '—' : formatCents(counted(d.day)!)}</td></tr>`,
          )}</tbody>
          <tfoot><tr><th scope="row">All days</th>${this.cells(r)}<td></td></tr></tfoot>
        </table></div>
      </section>
      <section aria-labelledby="events-h"><h2 id="events-h">By event</h2>
        ${
          r.events.length
            ? html`<div class="scroll" tabindex="0" role="region" aria-label="Table of takings by event"><table>
          <thead><tr><th scope="col">Event</th>${RECONCILED_METHODS.map((m) => html`<th scope="col">${methodLabel(m)}</th>`)}
            <th scope="col">Refunds</th><th scope="col">Net</th></tr></thead>
          <tbody>${r.events.map(
            (e) => html`<tr><th scope="row"><a href="/events/${encodeURIComponent(e.eventId)}"
            @click=${this.follow}>${this.eventName(e.eventId)}</a></th>${this.cells(e)}</tr>`,
          )}</tbody>
        </table></div>`
            : html`<p class="hint">No payments logged on these days.</p>`
        }
      </section>
      <div class="row"><button type="button" @click=${() => downloadText(reconciliationCsvFilename(r), reconciliationCsv(r))}>Export CSV</button>
        <span class="hint">The same file as <code>examples/payment-history.ts --totals</code>.</span></div>
    `;
  }

  /** An event's title and sailing day (the operator's); its id until the titles are in, or if it has none. */
  private eventName(id: string) {
    const found = this.titles.value?.get(id);
    if (found) return html`${found.title} <span class="hint">· ${formatDay(found.day)}</span>`;
    const why =
      this.titles.status === TaskStatus.ERROR
        ? 'title not loaded'
        : this.titles.status === TaskStatus.PENDING
          ? 'loading its title'
          : 'no such event';
    return html`${id} <span class="hint">(${why})</span>`;
  }

  private follow(e: MouseEvent) {
    e.preventDefault();
    this.dispatchEvent(
      sccEvent('scc-navigate', { path: (e.currentTarget as HTMLAnchorElement).getAttribute('href')! }),
    );
  }

  private renderCashCount() {
    const days = this.countableDays;
    const day = days.includes(this.day) ? this.day : days.at(-1);
    if (!day) return nothing;
    const whole = this.totals.status === TaskStatus.COMPLETE ? this.totals.value : undefined;
    const expected = whole ? whole.days.find((d) => d.day === day) : undefined;
    const counts: CashCount[] = this.counts.value instanceof Map ? (this.counts.value.get(day) ?? []) : [];
    return html`<section aria-label="Cash count">
      ${
        days.length > 1
          ? html`<label>Day to count <select @change=${this.onDay}>
        ${days.map((d) => html`<option value=${d} ?selected=${d === day}>${formatDay(d)}</option>`)}</select></label>`
          : nothing
      }
      ${this.counts.status === TaskStatus.ERROR ? loadFailed('the cash counts', this.counts.error, this.counts) : nothing}
      <scc-cash-count day=${day} .expectedCents=${expected ? cashExpected(expected) : undefined}
        .counts=${counts} @scc-cash-counted=${() => (this.counted += 1)}></scc-cash-count>
    </section>`;
  }

  override render() {
    return html`
      <h1>Reconciliation</h1>
      <form class="filters" @submit=${this.onSearch} aria-label="Pick the days">
        <label>From <input type="date" name="from" .value=${this.from} required /></label>
        <label>To <input type="date" name="to" .value=${this.to} required /></label>
        <button type="submit">Show</button>
        <span class="hint">Days run midnight to midnight, ${zoneName()}; a payment counts on the day it was logged.</span>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.totals.render({
        initial: () => html`<p aria-busy="true">Loading…</p>`,
        pending: () => html`<p role="status" aria-busy="true">Adding up the takings of these days:
          ${this.read} ${this.read === 1 ? 'page' : 'pages'} read so far. Totals appear when all of them are in.</p>`,
        complete: (r) => (r ? this.renderTotals(r) : nothing),
        error: (error) => loadFailed('the totals (no partial sums are shown)', error, this.totals),
      })}
      ${this.renderCashCount()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-reconciliation-page': SccReconciliationPage;
  }
}
