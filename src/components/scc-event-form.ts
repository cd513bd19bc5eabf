import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { CreateEventInput, Event, UpdateEventInput } from '../graphql/types';
import { sccEvent } from '../events';
import { centsToPlain, parseMoney } from '../lib/money';
import { toAwsDate, toZoneTime, zoneDateTimeToIso, zoneName } from '../lib/dates';
import { controls } from '../styles/shared';
import { openFormDialog } from '../lib/dialog';

type Input = { create: CreateEventInput } | { update: UpdateEventInput };

/**
 * Creates an event, or edits one: title, date and times, boat, captain, crew, capacity, price (admins).
 *
 * @fires scc-event-changed - The event was saved; detail `{ event }`.
 * @csspart dialog - The dialog.
 */
@customElement('scc-event-form')
export class SccEventForm extends LitElement {
  static override styles = [controls, css`.two { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; }`];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private saving = this.saveTask();

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form!: HTMLFormElement;

  @state() private error = '';

  /** The event being edited; none to create one. */
  @property({ attribute: false }) event?: Event;

  private saveTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([input]: readonly [Input]) => {
        const event = 'create' in input ? await this.api!.createEvent(input.create) : await this.api!.updateEvent(input.update);
        this.dispatchEvent(sccEvent('scc-event-changed', { event }));
        this.dialog.close();
        return event;
      },
    });
  }

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.saving.status === TaskStatus.PENDING) return;
    const data = new FormData(this.form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const capacity = Number(text('capacity'));
    const price = parseMoney(text('price') || '0', { allowZero: true });
    // Times are the operator's wall times, whatever zone this device is in.
    const startsAt = zoneDateTimeToIso(text('date'), text('start'));
    const endsAt = text('end') ? zoneDateTimeToIso(text('date'), text('end')) : undefined;
    if (!text('title')) this.error = 'Give the event a title.';
    else if (!startsAt) this.error = 'Pick the date and the start time.';
    else if (endsAt && endsAt <= startsAt) this.error = 'The end time must be after the start time, on the same day.';
    else if (!Number.isInteger(capacity) || capacity < 1) this.error = 'Capacity is a whole number of people, at least 1.';
    else if (!price.ok) this.error = `Price: ${price.error}`;
    else this.error = '';
    if (this.error || !startsAt || !price.ok) return;
    const fields = {
      title: text('title'),
      startsAt,
      ...(endsAt ? { endsAt } : {}),
      boat: text('boat'),
      captain: text('captain'),
      crew: text('crew').split(',').map((c) => c.trim()).filter(Boolean),
      capacity,
      priceCents: price.cents,
    };
    void this.saving.run([this.event ? { update: { id: this.event.id, ...fields } } : { create: fields }]);
  }

  /** Opens the form: filled from `event` to edit it, empty to create one. */
  async show() {
    this.error = '';
    this.removeController(this.saving);
    this.saving = this.saveTask();
    await openFormDialog(this, () => this.form, () => this.dialog);
  }

  override render() {
    const e = this.event;
    const pending = this.saving.status === TaskStatus.PENDING;
    const zone = zoneName();
    return html`
      <dialog part="dialog" aria-labelledby="event-heading">
        <h2 id="event-heading">${e ? 'Edit event' : 'New event'}</h2>
        <form class="stack" novalidate @submit=${this.onSubmit}>
          <label>Title <input name="title" value=${e?.title ?? ''} /></label>
          <label>Date <input name="date" type="date" value=${e ? toAwsDate(e.startsAt) : ''} /></label>
          <div class="two">
            <label>Starts <span class="hint">(${zone})</span>
              <input name="start" type="time" value=${e ? toZoneTime(e.startsAt) : ''} /></label>
            <label>Ends <span class="hint">(${zone})</span>
              <input name="end" type="time" value=${e?.endsAt ? toZoneTime(e.endsAt) : ''} /></label>
          </div>
          <label>Boat <input name="boat" value=${e?.boat ?? ''} /></label>
          <label>Captain <input name="captain" value=${e?.captain ?? ''} /></label>
          <label>Crew <span class="hint">(names separated by commas)</span>
            <input name="crew" value=${e?.crew.join(', ') ?? ''} /></label>
          <div class="two">
            <label>Capacity (people) <input name="capacity" type="number" min="1" inputmode="numeric" value=${e?.capacity ?? ''} /></label>
            <label>Price per person <input name="price" inputmode="decimal" value=${e ? centsToPlain(e.priceCents) : ''} placeholder="50.00" /></label>
          </div>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          ${this.saving.status === TaskStatus.ERROR
            ? html`<p class="error" role="alert">${describeError(this.saving.error, {
                Conflict: e
                  ? 'More people are booked than that capacity allows. Raise it or move patrons first.'
                  : 'An event with this title already exists on that date. Change the title or the date.',
              })}</p>`
            : nothing}
          <div class="actions">
            <button type="button" @click=${() => this.dialog.close()}>Cancel</button>
            <button class="primary" type="submit" ?disabled=${pending || !this.api}>
              ${pending ? 'Saving…' : e ? 'Save event' : 'Create event'}</button>
          </div>
        </form>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-event-form': SccEventForm;
  }
}
