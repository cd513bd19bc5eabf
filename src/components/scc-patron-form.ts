import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { isStale, refusal } from '../graphql/errors';
import type { AddPatronInput, RosterEntry } from '../graphql/types';
import { sccEvent } from '../events';
import { centsToPlain, formatCents, parseMoney } from '../lib/domain/money';
import { controls } from '../styles/shared';
import { DialogForm } from '../lib/controllers/dialog';
import { isEmail } from '../lib/domain/email';
import {
  fieldErrors,
  fieldHelp,
  focusFirstInvalid,
  formErrors,
  helpId,
  invalid,
  noErrors,
  type FieldControl,
  type FieldErrors,
  type FormErrors,
} from '../lib/form-errors';

type Control = 'name' | 'email' | 'phone' | 'partySize' | 'amountDue' | 'notes';

/** The input fields the server may refuse by name, and the control each is typed in. */
const CONTROLS: Record<string, FieldControl<Control>> = {
  name: { id: 'name', label: 'Name' },
  email: { id: 'email', label: 'Email' },
  phone: { id: 'phone', label: 'Phone' },
  partySize: { id: 'partySize', label: 'Party size' },
  amountDueCents: { id: 'amountDue', label: 'Amount due' },
  notes: { id: 'notes', label: 'Notes' },
};
/** An edit shows the email as text, not as a control: a refusal of it is shown for the whole form. */
const { email: _email, ...EDIT_CONTROLS } = CONTROLS;

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
  static override styles = [
    controls,
    css`
    /* minmax(0, 1fr): at 375 px a long message wraps inside its column instead of widening the form. */
    .two { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem; }
    .error { overflow-wrap: anywhere; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private saving = new ResettableTask(this, () => this.saveTask());

  private dialog = new DialogForm('patron');
  @query('form') private form!: HTMLFormElement;

  @state() private errors: FormErrors<Control> = noErrors();
  /** What was last sent, for the words of a refusal. */
  private submitted?: AddPatronInput;

  @property() eventId = '';
  /** The entry being edited; none when adding. */
  @property({ attribute: false }) entry?: RosterEntry;
  /** The event's price per person, for the default amount due. */
  @property({ type: Number }) priceCents = 0;

  private saveTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([input]: readonly [AddPatronInput]) => {
        const editing = !!this.entry;
        // Every field of an addition may also be changed by an edit, email and event naming the entry.
        const entry = editing ? await this.api!.updatePatron(input) : await this.api!.addPatron(input);
        this.dispatchEvent(sccEvent('scc-patron-changed', { entry, change: editing ? 'updated' : 'added' }));
        this.dialog.close();
        return entry;
      },
      onError: (error) => {
        // The roster behind the form was out of date: every view reloads it.
        if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
        this.errors = formErrors(error, this.entry ? EDIT_CONTROLS : CONTROLS, {
          Conflict: refusalWords(error, !!this.entry, this.submitted?.email ?? '', this.submitted?.partySize ?? 1),
        });
        void focusFirstInvalid(this);
      },
    });
  }

  private async onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.saving.status === TaskStatus.PENDING) return;
    const data = new FormData(this.form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const errors: FieldErrors<Control> = {};
    const name = text('name');
    const email = this.entry?.email ?? text('email').toLowerCase();
    const partySize = Number(text('partySize') || '1');
    if (!name) errors.name = 'Enter the patron’s name.';
    if (!isEmail(email)) errors.email = 'Enter an email address like jo@example.com.';
    if (!Number.isInteger(partySize) || partySize < 1) errors.partySize = 'Party size is a whole number, at least 1.';
    // Empty leaves the amount to the server (price × party); 0 is a free place.
    const due = text('amountDue') ? parseMoney(text('amountDue'), { allowZero: true }) : undefined;
    if (due && !due.ok) errors.amountDue = due.error;
    this.errors = fieldErrors(errors);
    if (Object.keys(errors).length) return focusFirstInvalid(this);
    const input: AddPatronInput = {
      eventId: this.eventId,
      email,
      name,
      partySize,
      // An edit sends them even when empty: emptying them clears them.
      ...(text('phone') || this.entry ? { phone: text('phone') } : {}),
      ...(text('notes') || this.entry ? { notes: text('notes') } : {}),
      ...(due?.ok ? { amountDueCents: due.cents } : {}),
    };
    this.submitted = input;
    await this.saving.run([input]);
  }

  /** Opens the form: empty to add, or filled from `entry` to edit. */
  async show(entry?: RosterEntry) {
    this.entry = entry;
    this.errors = noErrors();
    this.saving.reset();
    this.dialog.open();
    await this.updateComplete;
  }

  override render() {
    const e = this.entry;
    const pending = this.saving.status === TaskStatus.PENDING;
    const errors = this.errors.fields;
    return html`
      ${this.dialog.render({
        heading: e ? `Edit ${e.name}` : 'Add a patron',
        fields: html`
          <div class="field">
            <label for="name">Name</label>
            <input id="name" name="name" autocomplete="name" value=${e?.name ?? ''}
              aria-invalid=${invalid(errors.name)} aria-describedby=${helpId('name')} />
            ${fieldHelp('name', errors.name)}
          </div>
          ${
            e
              ? html`<p class="muted">Email: ${e.email}</p>`
              : html`
            <div class="field">
              <label for="email">Email</label>
              <input id="email" name="email" type="email" autocomplete="email"
                aria-invalid=${invalid(errors.email)} aria-describedby=${helpId('email')} />
              ${fieldHelp('email', errors.email)}
            </div>`
          }
          <div class="field">
            <label for="phone">Phone <span class="hint">(optional)</span></label>
            <input id="phone" name="phone" type="tel" autocomplete="tel" value=${e?.phone ?? ''}
              aria-invalid=${invalid(errors.phone)} aria-describedby=${helpId('phone')} />
            ${fieldHelp('phone', errors.phone)}
          </div>
          <div class="two">
            <div class="field">
              <label for="partySize">Party size</label>
              <input id="partySize" name="partySize" type="number" min="1" inputmode="numeric" value=${e?.partySize ?? 1}
                aria-invalid=${invalid(errors.partySize)} aria-describedby=${helpId('partySize')} />
              ${fieldHelp('partySize', errors.partySize)}
            </div>
            <div class="field">
              <label for="amountDue">Amount due</label>
              <input id="amountDue" name="amountDue" inputmode="decimal" value=${e ? centsToPlain(e.amountDueCents) : ''}
                placeholder=${`${formatCents(this.priceCents)} each`}
                aria-invalid=${invalid(errors.amountDue)} aria-describedby=${helpId('amountDue')} />
              ${fieldHelp('amountDue', errors.amountDue)}
            </div>
          </div>
          <div class="field">
            <label for="notes">Notes <span class="hint">(optional)</span></label>
            <textarea id="notes" name="notes" rows="2" .defaultValue=${e?.notes ?? ''}
              aria-invalid=${invalid(errors.notes)} aria-describedby=${helpId('notes')}></textarea>
            ${fieldHelp('notes', errors.notes)}
          </div>`,
        errors: this.errors,
        submit: e ? 'Save changes' : 'Add patron',
        busyLabel: 'Saving…',
        busy: pending,
        disabled: !this.api,
        onSubmit: (ev) => void this.onSubmit(ev),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-patron-form': SccPatronForm;
  }
}
