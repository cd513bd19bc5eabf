import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, isStale } from '../graphql/errors';
import { formErrors, noErrors, type FormErrors } from '../lib/form-errors';
import type { Event as Sailing, RosterEntry } from '../graphql/types';
import { sccEvent } from '../events';
import { addDays, formatEventTime, today } from '../lib/domain/dates';
import { formatCents } from '../lib/domain/money';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { controls } from '../styles/shared';

/** How far ahead a patron may be moved: the next half year of sailings. */
const AHEAD_DAYS = 183;

/**
 * "Move to another sailing" for one patron of a cancelled sailing (ADMINS only): choose one
 * of the upcoming scheduled sailings (listEvents), then rebookPatron moves the booking and its
 * payments there in one transaction. Shows the result; a refusal reloads the views.
 *
 * @fires scc-patron-changed - The patron was moved; detail `{ entry, change: 'updated' }` (the entry left behind).
 * @fires scc-data-stale - The server refused because the data changed.
 */
/** Whether the party fits the sailing as loaded: rebookPatron refuses one that does not (NO_ROOM); a count not known is left to it. */
const fits = (s: Sailing, partySize: number) => s.headCount == null || s.capacity - s.headCount >= partySize;

@customElement('scc-rebook-patron')
export class SccRebookPatron extends LitElement {
  static override styles = [controls, css`:host { display: block; } select { max-width: 100%; }`];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @property({ attribute: false }) entry?: RosterEntry;
  @state() private choosing = false;
  @state() private chosen = '';

  /** Upcoming scheduled sailings other than this one, loaded when the choice opens. */
  private sailings = new Task(this, {
    task: async ([api, choosing, from]) => {
      if (!api || !choosing || !from) return initialState;
      const first = today();
      const page = await api.listEvents(first, addDays(first, AHEAD_DAYS));
      const now = new Date().toISOString();
      return page.items.filter((e) => e.id !== from && e.status !== 'CANCELLED' && e.startsAt > now);
    },
    args: () => [this.api, this.choosing, this.entry?.eventId] as const,
  });

  @state() private errors: FormErrors = noErrors();

  private moving = new ResettableTask(
    this,
    () =>
      new Task(this, {
        autoRun: false,
        task: async ([entry, to]: readonly [RosterEntry, string]) => {
          const rebooking = await this.api!.rebookPatron(entry.eventId, entry.email, to);
          this.dispatchEvent(sccEvent('scc-patron-changed', { entry: rebooking.from, change: 'updated' }));
          return rebooking;
        },
        onError: (error) => {
          this.errors = formErrors(
            error,
            {},
            {
              Conflict:
                'The move was refused: that sailing may be full, or this booking changed. What is shown is now the latest.',
            },
          );
          if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
        },
      }),
  );

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (!this.entry || !this.chosen || this.moving.status === TaskStatus.PENDING) return;
    this.errors = noErrors();
    void this.moving.run([this.entry, this.chosen]);
  }

  override render() {
    const entry = this.entry;
    if (!entry) return nothing;
    if (this.moving.status === TaskStatus.COMPLETE) {
      const { to, payments } = this.moving.value!;
      const sailing = (this.sailings.value || []).find((s) => s.id === to.eventId);
      return html`<p class="ok" role="status">Moved ${entry.name} to ${sailing ? `${sailing.title}, ${formatEventTime(sailing.startsAt, sailing.endsAt)}` : to.eventId} with ${payments.length === 1 ? '1 payment' : `${payments.length} payments`}
        (${formatCents(to.paidCents)} paid, ${formatCents(to.balanceCents)} to pay).</p>`;
    }
    if (!this.choosing)
      return html`<button type="button" @click=${() => (this.choosing = true)}>Move to another sailing<span class="visually-hidden"> (${entry.name})</span></button>`;
    const id = `to-${entry.email}`;
    return html`
      <form class="stack" @submit=${this.onSubmit}>
        <label for=${id}>Move ${entry.name} to</label>
        ${this.sailings.render({
          pending: () => html`<p role="status">Loading upcoming sailings…</p>`,
          error: (error) =>
            html`<p class="error" role="alert">Could not load the sailings: ${describeError(error)}</p>`,
          complete: (list) =>
            list.length
              ? html`<select id=${id} @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
                <option value="">Choose a sailing</option>
                ${list.map(
                  (s) =>
                    html`<option value=${s.id} ?disabled=${!fits(s, entry.partySize)}>${s.title}, ${formatEventTime(s.startsAt, s.endsAt)}${
                      fits(s, entry.partySize) ? '' : ` · no room for ${entry.partySize}`
                    }</option>`,
                )}
              </select>`
              : html`<p id=${id}>No upcoming scheduled sailing to move to: create one first, or refund instead.</p>`,
        })}
        ${this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${() => (this.choosing = false)}>Cancel</button>
          <button type="submit" class="primary" ?disabled=${!this.chosen || this.moving.status === TaskStatus.PENDING}>
            ${this.moving.status === TaskStatus.PENDING ? 'Moving…' : 'Move'}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-rebook-patron': SccRebookPatron;
  }
}
