import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, isStale } from '../graphql/errors';
import type { RosterEntry } from '../graphql/types';
import { sccEvent } from '../events';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { controls } from '../styles/shared';

/**
 * "Correct the email" for a booking whose mail bounced (ADMINS, CREW): correctPatronEmail moves the
 * booking, its payments and waiver to the corrected address in one transaction; mail to it goes out
 * again. Inline, as the move to another sailing is, so it fits the row on a phone.
 *
 * @fires scc-patron-changed - The address was corrected; detail `{ entry, change: 'updated' }` (the booking under its new address).
 * @fires scc-data-stale - The server refused because the data changed.
 */
@customElement('scc-correct-email')
export class SccCorrectEmail extends LitElement {
  static override styles = [controls, css`:host { display: block; } input { width: 100%; box-sizing: border-box; }`];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @property({ attribute: false }) entry?: RosterEntry;
  @state() private open = false;

  private correcting = new ResettableTask(
    this,
    () =>
      new Task(this, {
        autoRun: false,
        task: async ([entry, newEmail]: readonly [RosterEntry, string]) => {
          const corrected = await this.api!.correctPatronEmail(entry.eventId, entry.email, newEmail);
          this.dispatchEvent(sccEvent('scc-patron-changed', { entry: corrected, change: 'updated' }));
          return corrected;
        },
        onError: (error) => {
          if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
        },
      }),
  );

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const newEmail = (form.elements.namedItem('newEmail') as HTMLInputElement).value.trim();
    if (this.entry && form.reportValidity() && this.correcting.status !== TaskStatus.PENDING)
      void this.correcting.run([this.entry, newEmail]);
  }

  override render() {
    const entry = this.entry;
    if (!entry) return nothing;
    if (this.correcting.status === TaskStatus.COMPLETE) {
      return html`<p class="ok" role="status">Corrected: mail for ${entry.name} now goes to ${this.correcting.value!.email}.</p>`;
    }
    if (!this.open)
      return html`<button type="button" @click=${() => (this.open = true)}>Correct the email<span class="visually-hidden"> of ${entry.name}</span></button>`;
    const id = `new-email-${entry.email.replace(/[^a-z0-9]/gi, '-')}`;
    return html`
      <form class="stack" @submit=${this.onSubmit}>
        <label for=${id}>Corrected email for ${entry.name}</label>
        <input id=${id} name="newEmail" type="email" required autocomplete="off" .value=${entry.email}>
        ${
          this.correcting.status === TaskStatus.ERROR
            ? html`<p class="error" role="alert">${describeError(this.correcting.error, {
                Conflict:
                  'Not corrected: that address is already booked on this sailing, or this booking changed. What is shown is now the latest.',
              })}</p>`
            : nothing
        }
        <div class="actions">
          <button type="button" @click=${() => (this.open = false)}>Cancel</button>
          <button type="submit" class="primary" ?disabled=${this.correcting.status === TaskStatus.PENDING}>
            ${this.correcting.status === TaskStatus.PENDING ? 'Correcting…' : 'Correct'}</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-correct-email': SccCorrectEmail;
  }
}
