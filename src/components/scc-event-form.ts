import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { allPages } from '../lib/controllers/paged-list';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { CreateEventInput, Event, UpdateEventInput } from '../graphql/types';
import { sccEvent } from '../events';
import { centsToPlain, formatCents, parseMoney } from '../lib/domain/money';
import { addDays, formatEventTime, toAwsDate, toZoneTime, zoneDateTimeToIso, zoneName } from '../lib/domain/dates';
import { atPrice, overlaps, type Overlap, type Slot } from '../lib/domain/event-checks';
import { controls } from '../styles/shared';
import { DialogForm } from '../lib/controllers/dialog';
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

type Input = { create: CreateEventInput } | { update: UpdateEventInput };
type Fields = CreateEventInput & Slot;
type Control = 'title' | 'date' | 'start' | 'end' | 'boat' | 'captain' | 'crew' | 'capacity' | 'price';

/** The input fields the server may refuse by name, and the control each is typed in. */
const CONTROLS: Record<string, FieldControl<Control>> = {
  title: { id: 'title', label: 'Title' },
  startsAt: { id: 'start', label: 'The start' },
  endsAt: { id: 'end', label: 'The end' },
  boat: { id: 'boat', label: 'Boat' },
  captain: { id: 'captain', label: 'Captain' },
  crew: { id: 'crew', label: 'Crew' },
  capacity: { id: 'capacity', label: 'Capacity' },
  priceCents: { id: 'price', label: 'Price' },
};

/**
 * Creates an event, or edits one: title, date and times, boat, captain, crew, capacity, price (admins).
 * Times are the operator's wall times. Before saving it warns of another event on the same boat or
 * with the same captain at the same time (saving again saves anyway); a new price leaves what booked
 * patrons owe as it is, unless the admin asks to apply it to those booked at the old price.
 *
 * @fires scc-event-changed - The event was saved; detail `{ event }`.
 * @csspart dialog - The dialog.
 */
@customElement('scc-event-form')
export class SccEventForm extends LitElement {
  static override styles = [
    controls,
    css`
    /* minmax(0, 1fr): at 375 px a long message wraps inside its column instead of widening the form. */
    .two { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem; }
    .error { overflow-wrap: anywhere; }
    .notice { border-left: 4px solid var(--_danger); padding: 0.25rem 0.75rem; }
    .notice p { margin: 0.25rem 0; }
    .notice ul { margin: 0.25rem 0; padding-left: 1.25rem; }
    .check { display: flex; gap: 0.5rem; align-items: flex-start; }
    .check label { font-weight: 400; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private saving = new ResettableTask(this, () => this.saveTask());

  private dialog = new DialogForm('event');
  @query('form') private form!: HTMLFormElement;

  @state() private errors: FormErrors<Control> = noErrors();
  /** The overlap check of the last times, boat and captain submitted. */
  @state() private checked?: { key: string; found: Overlap[]; failed: string };
  @state() private priceChanged = false;

  /** The event being edited; none to create one. */
  @property({ attribute: false }) event?: Event;

  private saveTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([fields, applyPrice]: readonly [Fields, boolean]) => {
        if (!(await this.clearedOverlaps(fields))) return undefined;
        const id = this.event?.id;
        const input: Input = id ? { update: { id, ...fields } } : { create: fields };
        const event =
          'create' in input ? await this.api!.createEvent(input.create) : await this.api!.updateEvent(input.update);
        const before = this.event;
        let missed: string[] = [];
        try {
          missed = applyPrice && before ? await this.applyPrice(before, fields.priceCents) : [];
        } finally {
          // Only now: a page reloaded before the new dues are written would show the old ones.
          this.dispatchEvent(sccEvent('scc-event-changed', { event }));
        }
        if (missed.length)
          this.errors = {
            form: `The event is saved, but the new price could not be applied to: ${missed.join('; ')}.`,
            fields: {},
          };
        else this.dialog.close();
        return event;
      },
      onError: (error) => {
        this.errors = formErrors(error, CONTROLS, {
          Conflict: this.event
            ? 'More people are booked than that capacity allows. Raise it or move patrons first.'
            : 'An event with this title already exists on that date. Change the title or the date.',
        });
        void focusFirstInvalid(this);
      },
    });
  }

  /**
   * Whether to go on saving: yes when no other event shares the boat or captain at that time, or
   * when the admin was already warned about these very times, boat and captain and saves again.
   */
  private async clearedOverlaps(fields: Fields): Promise<boolean> {
    const key = JSON.stringify([fields.startsAt, fields.endsAt ?? null, fields.boat, fields.captain]);
    if (this.checked?.key === key) return true;
    if (!fields.boat && !fields.captain) return true;
    const day = toAwsDate(fields.startsAt);
    let found: Overlap[] = [];
    let failed = '';
    try {
      // Events start at most a day before or after one they overlap; every page of those days.
      const nearby = await allPages((token) => this.api!.listEvents(addDays(day, -1), addDays(day, 1), token));
      found = overlaps({ ...fields, id: this.event?.id }, nearby);
    } catch (error) {
      failed = describeError(error);
    }
    this.checked = { key, found, failed };
    return found.length === 0 && !failed;
  }

  /** The new price for each patron booked at the old one (price × party size): whom it missed. */
  private async applyPrice(before: Event, priceCents: number): Promise<string[]> {
    const detail = await this.api!.getEvent(before.id);
    const missed: string[] = [];
    for (const entry of atPrice(detail?.roster ?? [], before.priceCents)) {
      try {
        await this.api!.updatePatron({
          eventId: before.id,
          email: entry.email,
          amountDueCents: priceCents * entry.partySize,
        });
      } catch (error) {
        missed.push(`${entry.name} (${describeError(error)})`);
      }
    }
    return missed;
  }

  private async onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.saving.status === TaskStatus.PENDING) return;
    const data = new FormData(this.form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const capacity = Number(text('capacity'));
    const price = parseMoney(text('price') || '0', { allowZero: true });
    // Times are the operator's wall times, whatever zone this device is in.
    const startsAt = zoneDateTimeToIso(text('date'), text('start'));
    const endsAt = text('end') ? zoneDateTimeToIso(text('date'), text('end')) : undefined;
    const errors: FieldErrors<Control> = {};
    if (!text('title')) errors.title = 'Give the event a title.';
    if (!text('date')) errors.date = 'Pick the date.';
    if (!text('start')) errors.start = 'Pick the start time.';
    else if (text('date') && !startsAt) errors.start = 'That is not a time on that day.';
    if (startsAt && endsAt && endsAt <= startsAt)
      errors.end = 'The end time must be after the start time, on the same day.';
    if (!Number.isInteger(capacity) || capacity < 1)
      errors.capacity = 'Capacity is a whole number of people, at least 1.';
    // updateEvent refuses a capacity below the people booked (BELOW_BOOKED), as this form loaded them.
    else if (this.event?.headCount != null && capacity < this.event.headCount) {
      errors.capacity = `${this.event.headCount} people are booked: capacity cannot go below that.`;
    }
    if (!price.ok) errors.price = price.error;
    this.errors = fieldErrors(errors);
    if (Object.keys(errors).length || !startsAt || !price.ok) return focusFirstInvalid(this);
    const fields: Fields = {
      title: text('title'),
      startsAt,
      ...(endsAt ? { endsAt } : {}),
      boat: text('boat'),
      captain: text('captain'),
      crew: text('crew')
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      capacity,
      priceCents: price.cents,
    };
    await this.saving.run([fields, data.get('applyPrice') === 'yes']);
  }

  private onPriceInput(e: InputEvent) {
    const price = parseMoney((e.target as HTMLInputElement).value || '0', { allowZero: true });
    this.priceChanged = Boolean(this.event && price.ok && price.cents !== this.event.priceCents);
  }

  /** Opens the form: filled from `event` to edit it, empty to create one. */
  async show() {
    this.errors = noErrors();
    this.checked = undefined;
    this.priceChanged = false;
    this.saving.reset();
    this.dialog.open();
    await this.updateComplete;
  }

  override render() {
    const e = this.event;
    const pending = this.saving.status === TaskStatus.PENDING;
    const zone = zoneName();
    return html`
      ${this.dialog.render({
        heading: e ? 'Edit event' : 'New event',
        fields: html`
          ${this.renderInput('title', 'Title', e?.title ?? '')}
          ${this.renderInput('date', 'Date', e ? toAwsDate(e.startsAt) : '', { type: 'date' })}
          <div class="two">
            ${this.renderInput('start', html`Starts <span class="hint">(${zone})</span>`, e ? toZoneTime(e.startsAt) : '', { type: 'time' })}
            ${this.renderInput('end', html`Ends <span class="hint">(${zone})</span>`, e?.endsAt ? toZoneTime(e.endsAt) : '', { type: 'time' })}
          </div>
          ${this.renderInput('boat', 'Boat', e?.boat ?? '')}
          ${this.renderInput('captain', 'Captain', e?.captain ?? '')}
          ${this.renderInput('crew', html`Crew <span class="hint">(names separated by commas)</span>`, e?.crew.join(', ') ?? '')}
          <div class="two">
            <div class="field">
              <label for="capacity">Capacity (people)</label>
              <input id="capacity" name="capacity" type="number" min="1" inputmode="numeric" value=${e?.capacity ?? ''}
                aria-invalid=${invalid(this.errors.fields.capacity)} aria-describedby=${helpId('capacity')} />
              ${fieldHelp('capacity', this.errors.fields.capacity)}
            </div>
            <div class="field">
              <label for="price">Price per person</label>
              <input id="price" name="price" inputmode="decimal" value=${e ? centsToPlain(e.priceCents) : ''}
                placeholder="50.00" @input=${this.onPriceInput}
                aria-invalid=${invalid(this.errors.fields.price)} aria-describedby=${helpId('price')} />
              ${fieldHelp('price', this.errors.fields.price)}
            </div>
          </div>
          ${e && this.priceChanged && e.rosterCount > 0 ? this.renderPriceNotice(e) : nothing}
          ${this.checked?.found.length || this.checked?.failed ? this.renderOverlaps(this.checked) : nothing}`,
        errors: this.errors,
        submit: this.checked?.found.length || this.checked?.failed ? 'Save anyway' : e ? 'Save event' : 'Create event',
        busyLabel: 'Saving…',
        busy: pending,
        disabled: !this.api,
        onSubmit: (ev) => void this.onSubmit(ev),
      })}
    `;
  }

  /** A labelled text-like control with its message below. */
  private renderInput(id: Control, label: string | TemplateResult, value: string, { type = 'text' } = {}) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${id} type=${type} value=${value}
        aria-invalid=${invalid(this.errors.fields[id])} aria-describedby=${helpId(id)} />
      ${fieldHelp(id, this.errors.fields[id])}
    </div>`;
  }

  private renderPriceNotice(e: Event) {
    const parties = `${e.rosterCount} ${e.rosterCount === 1 ? 'party' : 'parties'}`;
    return html`<div class="notice" role="status">
      <p>A new price does not change what the ${parties} already booked owe (${formatCents(e.priceCents)} a person when they booked).</p>
      <div class="check"><input type="checkbox" id="applyPrice" name="applyPrice" value="yes" />
        <label for="applyPrice">Apply the new price to those booked at ${formatCents(e.priceCents)} a person (amounts agreed by hand stay as they are)</label></div>
    </div>`;
  }

  private renderOverlaps({ found, failed }: { found: Overlap[]; failed: string }) {
    return html`<div class="notice" role="alert">
      ${
        failed
          ? html`<p>Other events on this boat or with this captain could not be checked: ${failed}</p>`
          : html`<p>This overlaps:</p>
          <ul>${found.map(
            ({ event, shared }) => html`<li>${event.title}, ${formatEventTime(event.startsAt, event.endsAt)}:
            same ${shared.join(' and ')}${shared.includes('boat') ? ` (${event.boat})` : ''}${shared.includes('captain') ? ` (Capt. ${event.captain})` : ''}</li>`,
          )}</ul>`
      }
      <p>Save anyway, or change the times, the boat or the captain.</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-event-form': SccEventForm;
  }
}
