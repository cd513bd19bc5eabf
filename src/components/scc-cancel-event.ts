import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { isStale } from '../graphql/errors';
import type { Event } from '../graphql/types';
import { sccEvent } from '../events';
import {
  fieldErrors,
  fieldHelp,
  focusFirstInvalid,
  formErrors,
  invalid,
  noErrors,
  withoutField,
  type FormErrors,
} from '../lib/form-errors';
import { DialogForm } from '../lib/controllers/dialog';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { controls } from '../styles/shared';

/**
 * "Cancel sailing" on an event's page (ADMINS only): a confirmation with a required reason,
 * then cancelEvent, which marks the sailing CANCELLED and emails each patron the notice. The page
 * reloads (`scc-event-changed`) and shows the cancelled sailing; a refusal reloads it too.
 *
 * @fires scc-event-changed - The sailing was cancelled; detail `{ event }`.
 * @fires scc-data-stale - The server refused because the event changed.
 */
@customElement('scc-cancel-event')
export class SccCancelEvent extends LitElement {
  static override styles = [controls];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @property({ attribute: false }) event?: Event;

  private dialog = new DialogForm('cancel');
  @state() private errors: FormErrors<'cancel-reason'> = noErrors();

  private cancelling = new ResettableTask(
    this,
    () =>
      new Task(this, {
        autoRun: false,
        task: async ([eventId, reason]: readonly [string, string]) => {
          const cancellation = await this.api!.cancelEvent(eventId, reason);
          this.dialog.close();
          this.dispatchEvent(sccEvent('scc-event-changed', { event: cancellation.event }));
          return cancellation;
        },
        onError: (error) => {
          this.errors = formErrors(
            error,
            {},
            { Conflict: 'This sailing was already cancelled or changed. Close this to see the latest.' },
          );
          if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
        },
      }),
  );

  private open() {
    this.errors = noErrors();
    this.cancelling.reset();
    this.dialog.open();
  }

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    this.errors = fieldErrors(
      reason ? {} : { 'cancel-reason': 'Say why the sailing is cancelled: the patrons are told.' },
    );
    if (!reason) return void focusFirstInvalid(this);
    if (this.cancelling.status !== TaskStatus.PENDING) void this.cancelling.run([this.event!.id, reason]);
  }

  override render() {
    const e = this.event;
    if (!e) return nothing;
    const pending = this.cancelling.status === TaskStatus.PENDING;
    return html`
      <button type="button" class="danger" @click=${this.open}>Cancel sailing</button>
      ${this.dialog.render({
        heading: 'Cancel this sailing?',
        intro: html`<p>${e.title} takes no more bookings, payments or check-ins, and each of its ${e.rosterCount} patrons is emailed the
          reason. Each must then be refunded or moved to another sailing. This cannot be undone.</p>`,
        fields: html`
          <div class="field">
            <label for="cancel-reason">Reason</label>
            <textarea id="cancel-reason" name="reason" rows="2" required aria-invalid=${invalid(this.errors.fields['cancel-reason'])}
              aria-describedby="cancel-reason-help" @input=${() => (this.errors = withoutField(this.errors, 'cancel-reason'))}></textarea>
            ${fieldHelp('cancel-reason', this.errors.fields['cancel-reason'], 'For example: small craft advisory, high winds.')}
          </div>`,
        errors: this.errors,
        cancel: 'Keep the sailing',
        submit: 'Cancel sailing',
        busyLabel: 'Cancelling…',
        busy: pending,
        disabled: !this.api,
        danger: true,
        onSubmit: (ev) => this.onSubmit(ev),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-cancel-event': SccCancelEvent;
  }
}
