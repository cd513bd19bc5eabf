import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { ResettableTask } from '../lib/resettable-task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, isStale, refusal } from '../graphql/errors';
import type { RosterEntry } from '../graphql/types';
import { sccEvent } from '../events';
import { centsToPlain, formatCents, parseMoney } from '../lib/money';
import { controls } from '../styles/shared';
import { openFormDialog } from '../lib/dialog';
import { isEmail } from '../lib/email';

type Fields = { name?: string; email?: string; partySize?: string; amountDue?: string };

/** Why addPatron or updatePatron refused, in words: the server says which case it is (errorInfo.reason). */
export function refusalWords(error: unknown, editing: boolean, email: string, partySize: number): string {
  const info = refusal(error);
  switch (info.reason) {
    case 'ALREADY_ON_ROSTER':
      return `${email} is already on this event’s roster. Close this and use Edit on their row to change their entry.`;
    case 'NO_ROOM':
      // An edit keeps the places the party already holds: what is left is room for more people.
      if (editing) {
        return info.placesLeft === 0
          ? `The boat is full: all ${info.capacity} places are taken, so the party cannot grow to ${partySize}.`
          : `Not enough room: a party of ${partySize} does not fit, only ${info.placesLeft} more of ${info.capacity} places are left.`;
      }
      return info.placesLeft === 0
        ? `The boat is full: all ${info.capacity} places are taken.`
        : `Not enough room: a party of ${partySize} does not fit, only ${info.placesLeft} of ${info.capacity} places are left.`;
    case 'DUE_BELOW_PAID':
      return `The amount due cannot be less than the ${formatCents(Number(info.paidCents))} already paid: void payments first.`;
    case 'EVENT_CHANGED':
      return editing
        ? 'Someone else changed this patron or the event while this was being saved (an edit, a payment or a booking), so nothing was changed. Try again.'
        : 'The event changed while this was being saved (another booking or an edit), so the patron was not added. Try again.';
    default:
      return editing
        ? 'The change could not be saved: the patron or the event changed. Reload and try again.'
        : 'The patron could not be added: the event changed. Reload and try again.';
  }
}

/**
 * Adds a patron to an event's roster, or edits one (name, phone, party size, amount due, notes).
 *
 * @fires scc-patron-changed - The roster entry was saved; detail `{ entry, change }`.
 * @csspart dialog - The dialog.
 */
@customElement('scc-patron-form')
export class SccPatronForm extends LitElement {
  static override styles = [controls, css`.two { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; }`];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private saving = new ResettableTask(this, () => this.saveTask());

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form!: HTMLFormElement;

  @state() private errors: Fields = {};
  /** What was last sent, for the words of a refusal. */
  private submitted: Record<string, unknown> = {};

  @property() eventId = '';
  /** The entry being edited; none when adding. */
  @property({ attribute: false }) entry?: RosterEntry;
  /** The event's price per person, for the default amount due. */
  @property({ type: Number }) priceCents = 0;

  private saveTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([values]: readonly [Record<string, unknown>]) => {
        const editing = !!this.entry;
        const entry = editing
          ? await this.api!.updatePatron(values as any)
          : await this.api!.addPatron(values as any);
        this.dispatchEvent(sccEvent('scc-patron-changed', { entry, change: editing ? 'updated' : 'added' }));
        this.dialog.close();
        return entry;
      },
      onError: (error) => {
        // The roster behind the form was out of date: every view reloads it.
        if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
      },
    });
  }

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.saving.status === TaskStatus.PENDING) return;
    const data = new FormData(this.form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const errors: Fields = {};
    const name = text('name');
    const email = this.entry?.email ?? text('email').toLowerCase();
    const partySize = Number(text('partySize') || '1');
    if (!name) errors.name = 'Enter the patron’s name.';
    if (!isEmail(email)) errors.email = 'Enter an email address like jo@example.com.';
    if (!Number.isInteger(partySize) || partySize < 1) errors.partySize = 'Party size is a whole number, at least 1.';
    const due = text('amountDue') ? parseMoney(text('amountDue')) : undefined;
    if (due && !due.ok && text('amountDue') !== '0') errors.amountDue = due.error;
    this.errors = errors;
    if (Object.keys(errors).length) return;
    const values: Record<string, unknown> = { eventId: this.eventId, email, name, partySize };
    if (text('phone') || this.entry) values.phone = text('phone');
    if (text('notes') || this.entry) values.notes = text('notes');
    if (text('amountDue') === '0') values.amountDueCents = 0;
    else if (due?.ok) values.amountDueCents = due.cents;
    this.submitted = values;
    void this.saving.run([values]);
  }

  /** Opens the form: empty to add, or filled from `entry` to edit. */
  async show(entry?: RosterEntry) {
    this.entry = entry;
    this.errors = {};
    this.saving.reset();
    await openFormDialog(this, () => this.form, () => this.dialog);
  }

  override render() {
    const e = this.entry;
    const pending = this.saving.status === TaskStatus.PENDING;
    const field = (key: keyof Fields) => ({ invalid: this.errors[key] ? 'true' : 'false', help: this.errors[key] });
    return html`
      <dialog part="dialog" aria-labelledby="patron-heading">
        <h2 id="patron-heading">${e ? `Edit ${e.name}` : 'Add a patron'}</h2>
        <form class="stack" novalidate @submit=${this.onSubmit}>
          <label>Name
            <input name="name" autocomplete="name" value=${e?.name ?? ''} aria-invalid=${field('name').invalid} />
            ${this.errors.name ? html`<span class="error">${this.errors.name}</span>` : nothing}
          </label>
          ${e ? html`<p class="muted">Email: ${e.email}</p>` : html`
            <label>Email
              <input name="email" type="email" autocomplete="email" aria-invalid=${field('email').invalid} />
              ${this.errors.email ? html`<span class="error">${this.errors.email}</span>` : nothing}
            </label>`}
          <label>Phone <span class="hint">(optional)</span>
            <input name="phone" type="tel" autocomplete="tel" value=${e?.phone ?? ''} />
          </label>
          <div class="two">
            <label>Party size
              <input name="partySize" type="number" min="1" inputmode="numeric" value=${e?.partySize ?? 1}
                aria-invalid=${field('partySize').invalid} />
              ${this.errors.partySize ? html`<span class="error">${this.errors.partySize}</span>` : nothing}
            </label>
            <label>Amount due
              <input name="amountDue" inputmode="decimal" value=${e ? centsToPlain(e.amountDueCents) : ''}
                placeholder=${`${formatCents(this.priceCents)} each`} aria-invalid=${field('amountDue').invalid} />
              ${this.errors.amountDue ? html`<span class="error">${this.errors.amountDue}</span>` : nothing}
            </label>
          </div>
          <label>Notes <span class="hint">(optional)</span>
            <textarea name="notes" rows="2" .defaultValue=${e?.notes ?? ''}></textarea>
          </label>
          ${this.saving.status === TaskStatus.ERROR
            ? html`<p class="error" role="alert">${describeError(this.saving.error, {
                Conflict: refusalWords(this.saving.error, !!e, String(this.submitted.email ?? ''), Number(this.submitted.partySize ?? 1)),
              })}</p>`
            : nothing}
          <div class="actions">
            <button type="button" @click=${() => this.dialog.close()}>Cancel</button>
            <button class="primary" type="submit" ?disabled=${pending || !this.api}>
              ${pending ? 'Saving…' : e ? 'Save changes' : 'Add patron'}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-patron-form': SccPatronForm;
  }
}
