import { LitElement, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { Event, UpdateEventInput } from '../graphql/types';
import { sccEvent } from '../events';
import { controls } from '../styles/shared';
import { openFormDialog } from '../lib/dialog';

/**
 * Edits an event's title, boat, captain, crew and capacity (admins).
 *
 * @fires scc-event-changed - The event was saved; detail `{ event }`.
 * @csspart dialog - The dialog.
 */
@customElement('scc-event-form')
export class SccEventForm extends LitElement {
  static override styles = [controls];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private saving = this.saveTask();

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form!: HTMLFormElement;

  @state() private error = '';

  @property({ attribute: false }) event?: Event;

  private saveTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([input]: readonly [UpdateEventInput]) => {
        const event = await this.api!.updateEvent(input);
        this.dispatchEvent(sccEvent('scc-event-changed', { event }));
        this.dialog.close();
        return event;
      },
    });
  }

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (!this.event || this.saving.status === TaskStatus.PENDING) return;
    const data = new FormData(this.form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const capacity = Number(text('capacity'));
    if (!text('title')) this.error = 'Give the event a title.';
    else if (!Number.isInteger(capacity) || capacity < 1) this.error = 'Capacity is a whole number of people, at least 1.';
    else this.error = '';
    if (this.error) return;
    void this.saving.run([{
      id: this.event.id,
      title: text('title'),
      boat: text('boat'),
      captain: text('captain'),
      crew: text('crew').split(',').map((c) => c.trim()).filter(Boolean),
      capacity,
    }]);
  }

  async show() {
    this.error = '';
    this.removeController(this.saving);
    this.saving = this.saveTask();
    await openFormDialog(this, () => this.form, () => this.dialog);
  }

  override render() {
    const e = this.event;
    const pending = this.saving.status === TaskStatus.PENDING;
    return html`
      <dialog part="dialog" aria-labelledby="event-heading">
        <h2 id="event-heading">Edit event</h2>
        <form class="stack" novalidate @submit=${this.onSubmit}>
          <label>Title <input name="title" value=${e?.title ?? ''} /></label>
          <label>Boat <input name="boat" value=${e?.boat ?? ''} /></label>
          <label>Captain <input name="captain" value=${e?.captain ?? ''} /></label>
          <label>Crew <span class="hint">(names separated by commas)</span>
            <input name="crew" value=${e?.crew.join(', ') ?? ''} /></label>
          <label>Capacity (people) <input name="capacity" type="number" min="1" inputmode="numeric" value=${e?.capacity ?? ''} /></label>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          ${this.saving.status === TaskStatus.ERROR
            ? html`<p class="error" role="alert">${describeError(this.saving.error, {
                Conflict: 'More people are booked than that capacity allows. Raise it or move patrons first.',
              })}</p>`
            : nothing}
          <div class="actions">
            <button type="button" @click=${() => this.dialog.close()}>Cancel</button>
            <button class="primary" type="submit" ?disabled=${pending || !this.api}>${pending ? 'Saving…' : 'Save event'}</button>
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
