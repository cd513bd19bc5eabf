import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { CashCount } from '../graphql/types';
import { sccEvent } from '../events';
import { formatDateTime, formatDay } from '../lib/domain/dates';
import {
  fieldErrors,
  fieldHelp,
  focusFirstInvalid,
  formErrors,
  helpId,
  invalid,
  noErrors,
  type FormErrors,
} from '../lib/form-errors';
import { formatCents, parseMoney } from '../lib/domain/money';
import { controls } from '../styles/shared';

type Field = 'counted' | 'count-notes';

/**
 * A day's cash count: the cash expected (the day's recorded cash less cash refunds, from the
 * totals), the cash a person counted, the difference, who counted and when, and every earlier
 * count of the day (a recount is a new count; none is changed or removed). Recording a count
 * needs ADMINS or ACCOUNTING; the page shows this element only to them.
 *
 * @fires scc-cash-counted - A count was recorded: the page reloads the day's counts.
 */
@customElement('scc-cash-count')
export class SccCashCount extends LitElement {
  static override styles = [
    controls,
    css`
    :host { display: grid; gap: 0.75rem; }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 1rem; margin: 0; }
    dt { font-weight: 600; }
    dd { margin: 0; font-variant-numeric: tabular-nums; }
    .short { color: var(--_danger); font-weight: 700; }
    .over { color: var(--_accent); font-weight: 700; }
    .even { color: var(--_ok); font-weight: 700; }
    ol { margin: 0; padding-left: 1.25rem; }
    .moved { margin: 0; padding: 0.5rem; border-left: 4px solid var(--_danger); }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @state() private errors: FormErrors<Field> = noErrors();

  private recording = new Task(this, {
    autoRun: false,
    task: async ([day, cents, expected, notes]: readonly [string, number, number, string | null]) => {
      try {
        const count = await this.api!.recordCashCount(day, cents, expected, notes);
        this.renderRoot.querySelector('form')?.reset();
        this.dispatchEvent(sccEvent('scc-cash-counted', { count }));
        return count;
      } catch (error) {
        this.errors = formErrors<Field>(
          error,
          { countedCents: { id: 'counted', label: 'Cash counted' }, notes: { id: 'count-notes', label: 'Notes' } },
          `The count was not recorded: ${describeError(error)}`,
        );
        void focusFirstInvalid(this);
        throw error;
      }
    },
  });

  /** The operator's day counted (AWSDate). */
  @property() day = '';
  /** The cash the day's totals expect, in cents; undefined while the totals are not all in. */
  @property({ attribute: false }) expectedCents?: number;
  /** The day's counts, in the order they were made (the last is the day's count). */
  @property({ attribute: false }) counts: readonly CashCount[] = [];

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const money = parseMoney(String(data.get('counted') ?? ''), { allowZero: true });
    this.errors = fieldErrors(money.ok ? {} : { counted: money.error });
    if (!money.ok) {
      void focusFirstInvalid(this);
      return;
    }
    const notes = String(data.get('notes') ?? '').trim() || null;
    // The count keeps what was expected as shown: none is recorded before the totals are all in.
    if (this.expectedCents === undefined) return;
    void this.recording.run([this.day, money.cents, this.expectedCents, notes]);
  }

  private difference(counted: number) {
    if (this.expectedCents === undefined) return html`<span class="hint">waiting for the totals</span>`;
    const diff = counted - this.expectedCents;
    if (diff === 0) return html`<span class="even">even</span>`;
    return diff < 0
      ? html`<span class="short">${formatCents(-diff)} short</span>`
      : html`<span class="over">${formatCents(diff)} over</span>`;
  }

  /** A count against an expected amount that has moved since (payments logged or voided after it). */
  private renderMoved(last: CashCount) {
    const then = last.expectedCents;
    if (then == null || this.expectedCents === undefined || then === this.expectedCents) return nothing;
    const diff = last.differenceCents ?? last.countedCents - then;
    const words = diff === 0 ? 'even' : diff < 0 ? `${formatCents(-diff)} short` : `${formatCents(diff)} over`;
    return html`<p class="moved" role="note">When this count was made, ${formatCents(then)} was expected (${words} then);
      ${formatCents(this.expectedCents)} is expected now: payments were logged or voided for this day since the count.</p>`;
  }

  override render() {
    const last = this.counts.at(-1);
    const busy = this.recording.status === TaskStatus.PENDING;
    return html`
      <h2>Cash count · ${formatDay(this.day)}</h2>
      <dl>
        <dt>Expected</dt><dd>${this.expectedCents === undefined ? html`<span class="hint">adding up…</span>` : formatCents(this.expectedCents)}</dd>
        <dt>Counted</dt><dd>${last ? formatCents(last.countedCents) : html`<span class="hint">not counted yet</span>`}</dd>
        ${
          last
            ? html`
          <dt>Difference</dt><dd>${this.difference(last.countedCents)}</dd>
          <dt>Counted by</dt><dd>${last.countedBy}, ${formatDateTime(last.countedAt)}</dd>
          ${last.notes ? html`<dt>Notes</dt><dd>${last.notes}</dd>` : nothing}`
            : nothing
        }
      </dl>
      ${last ? this.renderMoved(last) : nothing}
      ${
        this.counts.length > 1
          ? html`<details><summary>Earlier counts of this day (${this.counts.length - 1})</summary><ol>
        ${this.counts.slice(0, -1).map((c) => html`<li>${formatCents(c.countedCents)} by ${c.countedBy}, ${formatDateTime(c.countedAt)}${c.notes ? ` — ${c.notes}` : ''}</li>`)}
      </ol></details>`
          : nothing
      }
      <form class="stack" @submit=${this.onSubmit} aria-label="Record a cash count" novalidate>
        <label for="counted">${last ? 'Recount: cash counted' : 'Cash counted'}</label>
        <input id="counted" name="counted" inputmode="decimal" autocomplete="off" placeholder="0.00"
          aria-invalid=${invalid(this.errors.fields.counted)} aria-describedby=${helpId('counted')} />
        ${fieldHelp('counted', this.errors.fields.counted, 'Dollars and cents, like 412.50')}
        <label for="count-notes">Notes <span class="hint">(optional)</span></label>
        <textarea id="count-notes" name="notes" rows="2" aria-invalid=${invalid(this.errors.fields['count-notes'])}
          aria-describedby=${helpId('count-notes')}></textarea>
        ${fieldHelp('count-notes', this.errors.fields['count-notes'])}
        <div class="actions"><button class="primary" type="submit" ?disabled=${busy || !this.api || this.expectedCents === undefined}>
          ${busy ? 'Recording…' : 'Record count'}</button></div>
        <p role="status" class="hint">${
          this.recording.status === TaskStatus.COMPLETE && this.recording.value
            ? `Recorded ${formatCents(this.recording.value.countedCents)} for ${formatDay(this.day)}.`
            : ''
        }</p>
        ${this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing}
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-cash-count': SccCashCount;
  }
}
