import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { ResettableTask } from '../lib/resettable-task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { CreateEventInput, Event, Page, UpdateEventInput } from '../graphql/types';
import { sccEvent } from '../events';
import { centsToPlain, formatCents, parseMoney } from '../lib/money';
import { addDays, formatEventTime, toAwsDate, toZoneTime, zoneDateTimeToIso, zoneName } from '../lib/dates';
import { atPrice, overlaps, type Overlap, type Slot } from '../lib/event-checks';
import { controls } from '../styles/shared';
import { openFormDialog } from '../lib/dialog';

type Input = { create: CreateEventInput } | { update: UpdateEventInput };
type Fields = CreateEventInput & Slot;

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
  static override styles = [controls, css`
    .two { display: grid; grid-template-columns: 1fr 1fr; gap: 0.75rem; }
    .notice { border-left: 4px solid var(--_danger); padding: 0.25rem 0.75rem; }
    .notice p { margin: 0.25rem 0; }
    .notice ul { margin: 0.25rem 0; padding-left: 1.25rem; }
    .check { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: 400; }
  `];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private saving = new ResettableTask(this, () => this.saveTask());

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form!: HTMLFormElement;

  @state() private error = '';
  /** The overlap check of the last times, boat and captain submitted. */
  @state() private checked?: { key: string; found: Overlap[]; failed: string };
  @state() private priceChanged = false;
  @state() private notice = '';

  /** The event being edited; none to create one. */
  @property({ attribute: false }) event?: Event;

  private saveTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([fields, applyPrice]: readonly [Fields, boolean]) => {
        if (!(await this.clearedOverlaps(fields))) return undefined;
        const id = this.event?.id;
        const input: Input = id ? { update: { id, ...fields } } : { create: fields };
        const event = 'create' in input ? await this.api!.createEvent(input.create) : await this.api!.updateEvent(input.update);
        const before = this.event;
        let missed: string[] = [];
        try {
          missed = applyPrice && before ? await this.applyPrice(before, fields.priceCents) : [];
        } finally {
          // Only now: a page reloaded before the new dues are written would show the old ones.
          this.dispatchEvent(sccEvent('scc-event-changed', { event }));
        }
        if (missed.length) this.notice = `The event is saved, but the new price could not be applied to: ${missed.join('; ')}.`;
        else this.dialog.close();
        return event;
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
      const nearby: Event[] = [];
      let token: string | null | undefined = null;
      do {
        const page: Page<Event> = await this.api!.listEvents(addDays(day, -1), addDays(day, 1), token);
        nearby.push(...page.items);
        token = page.nextToken;
      } while (token);
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
        await this.api!.updatePatron({ eventId: before.id, email: entry.email, amountDueCents: priceCents * entry.partySize });
      } catch (error) {
        missed.push(`${entry.name} (${describeError(error)})`);
      }
    }
    return missed;
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
    const fields: Fields = {
      title: text('title'),
      startsAt,
      ...(endsAt ? { endsAt } : {}),
      boat: text('boat'),
      captain: text('captain'),
      crew: text('crew').split(',').map((c) => c.trim()).filter(Boolean),
      capacity,
      priceCents: price.cents,
    };
    void this.saving.run([fields, data.get('applyPrice') === 'yes']);
  }

  private onPriceInput(e: InputEvent) {
    const price = parseMoney((e.target as HTMLInputElement).value || '0', { allowZero: true });
    this.priceChanged = Boolean(this.event && price.ok && price.cents !== this.event.priceCents);
  }

  /** Opens the form: filled from `event` to edit it, empty to create one. */
  async show() {
    this.error = '';
    this.checked = undefined;
    this.priceChanged = false;
    this.notice = '';
    this.saving.reset();
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
            <label>Price per person <input name="price" inputmode="decimal" value=${e ? centsToPlain(e.priceCents) : ''}
              placeholder="50.00" @input=${this.onPriceInput} /></label>
          </div>
          ${e && this.priceChanged && e.rosterCount > 0 ? this.renderPriceNotice(e) : nothing}
          ${this.checked?.found.length || this.checked?.failed ? this.renderOverlaps(this.checked) : nothing}
          ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing}
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
              ${pending ? 'Saving…' : this.checked?.found.length || this.checked?.failed ? 'Save anyway' : e ? 'Save event' : 'Create event'}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private renderPriceNotice(e: Event) {
    const parties = `${e.rosterCount} ${e.rosterCount === 1 ? 'party' : 'parties'}`;
    return html`<div class="notice" role="status">
      <p>A new price does not change what the ${parties} already booked owe (${formatCents(e.priceCents)} a person when they booked).</p>
      <label class="check"><input type="checkbox" name="applyPrice" value="yes" />
        Apply the new price to those booked at ${formatCents(e.priceCents)} a person (amounts agreed by hand stay as they are)</label>
    </div>`;
  }

  private renderOverlaps({ found, failed }: { found: Overlap[]; failed: string }) {
    return html`<div class="notice" role="alert">
      ${failed
        ? html`<p>Other events on this boat or with this captain could not be checked: ${failed}</p>`
        : html`<p>This overlaps:</p>
          <ul>${found.map(({ event, shared }) => html`<li>${event.title}, ${formatEventTime(event.startsAt, event.endsAt)}:
            same ${shared.join(' and ')}${shared.includes('boat') ? ` (${event.boat})` : ''}${shared.includes('captain') ? ` (Capt. ${event.captain})` : ''}</li>`)}</ul>`}
      <p>Save anyway, or change the times, the boat or the captain.</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-event-form': SccEventForm;
  }
}
