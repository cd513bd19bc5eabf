import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { isStale } from '../graphql/errors';
import { PAYMENT_METHODS, type LogPaymentInput, type PaymentMethod, type RosterEntry } from '../graphql/types';
import type { PaymentRequest } from '../events';
import { sccEvent } from '../events';
import { centsToPlain, formatCents, parseMoney } from '../lib/domain/money';
import { formatDateTime, receivedAtFromDateInput, toAwsDate } from '../lib/domain/dates';
import { RetryWhenOnline, loadFailed } from '../lib/controllers/failed-load';
import { navigateOnClick } from '../lib/controllers/navigate';
import { controls } from '../styles/shared';
import {
  fieldErrors,
  focusFirstInvalid,
  formErrors,
  invalid,
  noErrors,
  withoutField,
  type FormErrors,
} from '../lib/form-errors';
import { DialogForm } from '../lib/controllers/dialog';
import type { CurrentUser } from '../lib/domain/roles';
import { PaymentOutbox } from '../lib/controllers/payment-outbox';
import { overBalance } from '../lib/domain/payment-checks';
import './scc-payment-receipt';

const LOG_ERRORS = {
  Conflict:
    'That is more than the patron still owes: someone may have just logged a payment. The balance above is now the latest; check it and try again.',
  NotFound: 'This patron is no longer on the roster. The list of patrons above is now the latest.',
  Busy: 'Another change to this event was being saved at the same moment, so the payment is not confirmed. Press "Log payment" again: it will not be logged twice.',
  Network:
    'Cannot reach the server, so the payment is not confirmed. Press "Log payment" again: it will not be logged twice.',
};

/**
 * Logs a payment a patron made. Each opening gets one idempotency key, so a double click or a retry
 * after a network error records the payment once. On success it can email the patron a receipt.
 * Each opening, and each refusal, loads the roster again, so the balance shown is the latest.
 * Without signal it works from the roster as last loaded (saying when) and puts the payment in the
 * outbox (src/lib/offline/outbox.ts), which sends it, with the same key, when the connection returns.
 *
 * @fires scc-data-stale - The server refused the payment because the data changed: views reload.
 * @fires scc-payment-logged - The payment was recorded; detail `{ payment }`.
 * @fires scc-payment-queued - No signal: the payment waits in the outbox; detail `{ key, eventId }`.
 * @fires scc-receipt-sent - The receipt email was attempted (by its `<scc-payment-receipt>`); detail `{ notification }`.
 * @csspart dialog - The modal dialog.
 */
@customElement('scc-payment-modal')
export class SccPaymentModal extends LitElement {
  static override styles = [
    controls,
    css`
      .balance { min-height: 1.25rem; }
      .result { display: grid; gap: 0.75rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  private detail = new Task(this, {
    task: async ([api, eventId], { signal }) => {
      if (!api || !eventId) return initialState;
      // No signal: the roster as this person last loaded it on this phone, marked with its time.
      const detail = await this.offline.load(api, eventId);
      signal.throwIfAborted();
      return detail;
    },
    // The revision reloads balances after any payment, so a second payment checks the latest one.
    args: () => [this.api, this.eventId, this.revision] as const,
  });

  private online = new RetryWhenOnline(this, () => [this.detail]);
  private offline = new PaymentOutbox(this, () => this.user?.email);

  private save = new ResettableTask(this, () => this.saveTask());

  private dialog = new DialogForm('payment');
  @query('form') private form?: HTMLFormElement;

  /** The key sent with every attempt made from this opening of the modal. */
  @state() idempotencyKey = '';
  @state() private errors: FormErrors<'patron' | 'amount'> = noErrors();
  @state() private selectedEmail = '';
  @state() private wantsReceipt = true;
  /** The person typed an amount in this opening: it is theirs, never filled over. */
  private amountTyped = false;
  /** Whom, owing what, the amount was last filled for. */
  private filledFor = '';

  @property() eventId = '';
  @property() patronEmail = '';

  private saveTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([input]: readonly [LogPaymentInput]) => {
        const result = await this.offline.send(this.api!, input, {
          patronName: this.selected?.name ?? input.patronEmail,
          eventTitle: this.detail.value?.event.title ?? input.eventId,
          receipt: this.wantsReceipt,
        });
        const payment = result.payment;
        if (payment) this.dispatchEvent(sccEvent('scc-payment-logged', { payment }));
        return result;
      },
      onError: (error) => {
        this.errors = formErrors(error, {}, LOG_ERRORS);
        // A refusal means the balance on screen was stale: show the latest here and everywhere.
        if (!isStale(error)) return;
        void this.detail.run();
        this.dispatchEvent(sccEvent('scc-data-stale', { error }));
      },
    });
  }

  private waitingCents(email: string): number {
    return this.offline.waitingCents(this.eventId, email);
  }

  /**
   * Whom logPayment takes a payment from: a patron still booked here (a MOVED entry is refused with
   * PATRON_MOVED: their booking is on the new sailing now). A cancelled sailing takes none at all.
   */
  private get roster(): RosterEntry[] {
    if (this.cancelled) return [];
    return (this.detail.value?.roster ?? []).filter((r) => r.status !== 'MOVED');
  }

  /** logPayment refuses every payment on a cancelled sailing: its money goes back through refunds. */
  private get cancelled(): boolean {
    return this.detail.value?.event.status === 'CANCELLED';
  }

  private get selected(): RosterEntry | undefined {
    return this.roster.find((r) => r.email === this.selectedEmail);
  }

  private onPatronChange(e: Event) {
    this.selectedEmail = (e.target as HTMLSelectElement).value;
    this.errors = withoutField(this.errors, 'patron');
  }

  private async onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.save.status === TaskStatus.PENDING || this.save.status === TaskStatus.COMPLETE) return;
    const data = new FormData(this.form!);
    const patron = this.selected;
    const amount = parseMoney(String(data.get('amount') ?? ''));
    const amountError = !amount.ok
      ? amount.error
      : patron
        ? overBalance(patron, amount.cents, this.waitingCents(patron.email))
        : '';
    this.errors = fieldErrors({
      patron: patron ? undefined : 'Choose the patron who paid.',
      amount: amountError || undefined,
    });
    if (!patron || !amount.ok || amountError) {
      return focusFirstInvalid(this);
    }
    const notes = String(data.get('notes') ?? '').trim();
    await this.save.run([
      {
        idempotencyKey: this.idempotencyKey,
        eventId: this.eventId,
        patronEmail: patron.email,
        amountCents: amount.cents,
        method: data.get('method') as PaymentMethod,
        receivedAt: receivedAtFromDateInput(String(data.get('receivedAt') ?? '')),
        ...(notes ? { notes } : {}),
        // What this screen read: logPayment writes in one request when they still hold.
        patronName: patron.name,
        eventStartsAt: this.detail.value?.event.startsAt,
      },
    ]);
  }

  /** Opens the modal for one event (and patron, if known) with a fresh idempotency key. */
  show(request: PaymentRequest = { eventId: this.eventId }) {
    this.eventId = request.eventId;
    this.patronEmail = request.patronEmail ?? '';
    this.selectedEmail = this.patronEmail;
    this.idempotencyKey = crypto.randomUUID();
    this.errors = noErrors();
    this.wantsReceipt = true;
    this.amountTyped = false;
    this.filledFor = '';
    // No earlier opening's result shows.
    this.save.reset();
    this.dialog.open();
    // The roster may have changed since the last opening (or failed to load then): load it again.
    void this.detail.run();
  }

  close() {
    this.dialog.close();
  }

  /**
   * Most payments settle what is owed: the amount starts as what the chosen patron still owes (less
   * what already waits for signal), and follows a newer balance until the person types their own.
   */
  override updated() {
    const patron = this.selected;
    const input = this.form?.querySelector<HTMLInputElement>('input[name=amount]');
    if (!patron || !input || this.amountTyped || this.detail.status !== TaskStatus.COMPLETE) return;
    const owed = Math.max(0, patron.balanceCents - this.waitingCents(patron.email));
    const filledFor = `${patron.email} ${owed}`;
    if (filledFor === this.filledFor) return;
    this.filledFor = filledFor;
    input.value = owed > 0 ? centsToPlain(owed) : '';
  }

  override render() {
    const done = this.save.status === TaskStatus.COMPLETE;
    const sending = this.save.status === TaskStatus.PENDING;
    const loading = this.detail.status === TaskStatus.PENDING;
    // Only a roster loaded just now may be paid against: not while it reloads, nor after it failed.
    const ready = this.detail.status === TaskStatus.COMPLETE && !!this.detail.value;
    return this.dialog.render({
      heading: 'Log a payment',
      closeButton: true,
      intro: done ? nothing : this.renderIntro(ready),
      outcome: done
        ? this.renderResult()
        : this.cancelled
          ? this.renderCancelled(this.detail.value!.event.id)
          : nothing,
      fields: this.renderFields(loading),
      errors: this.errors,
      submit: this.offline.loadedAt ? 'Save for sending' : 'Log payment',
      busyLabel: 'Logging…',
      busy: sending,
      disabled: !this.api || !ready,
      onSubmit: (e) => void this.onSubmit(e),
    });
  }

  private renderIntro(ready: boolean) {
    const event = this.detail.value?.event;
    return html`
      ${
        this.detail.status === TaskStatus.ERROR
          ? loadFailed('the patrons of this event', this.detail.error, this.detail)
          : html`<p class="muted">${event ? event.title : 'Loading the event…'}</p>`
      }
      ${
        this.offline.loadedAt && ready
          ? html`<p class="pending" role="status">No signal. Balances as loaded ${formatDateTime(this.offline.loadedAt.toISOString())};
            the payment will wait on this phone and be sent when signal returns.</p>`
          : nothing
      }
    `;
  }

  private renderCancelled(eventId: string) {
    return html`<p role="status">Sailing cancelled: it takes no payments. Money is given back as refunds on
        <a href="/events/${encodeURIComponent(eventId)}" @click=${(e: MouseEvent) => {
          navigateOnClick(e);
          this.close();
        }}>its page</a>.</p>
      <div class="actions"><button class="primary" type="button" @click=${this.close}>Close</button></div>`;
  }

  private renderFields(loading: boolean) {
    const event = this.detail.value?.event;
    const patron = this.selected;
    const { patron: patronError, amount: amountError } = this.errors.fields;
    return html`
        <div class="field">
          <label for="patron">Patron</label>
          <select id="patron" name="patron" required aria-invalid=${invalid(patronError)}
            aria-describedby="patron-help" @change=${this.onPatronChange}>
            <option value="">${loading && !event ? 'Loading patrons…' : 'Choose a patron'}</option>
            ${this.roster.map(
              (r) => html`<option value=${r.email} ?selected=${r.email === this.selectedEmail}
              ?disabled=${r.balanceCents <= 0}>${r.name} (${r.email})${r.balanceCents <= 0 ? ' · owes nothing' : ''}</option>`,
            )}
          </select>
          <span id="patron-help" class="balance ${patronError ? 'error' : 'hint'}">
            ${
              patronError ||
              (patron && loading
                ? 'Checking the latest balance…'
                : patron
                  ? `Still owes ${formatCents(patron.balanceCents)} of ${formatCents(patron.amountDueCents)}${
                      this.waitingCents(patron.email)
                        ? ` · ${formatCents(this.waitingCents(patron.email))} of it waits for signal`
                        : ''
                    }`
                  : this.detail.status === TaskStatus.COMPLETE && this.roster.length === 0
                    ? 'No patrons on this event yet: add them on the event’s page first.'
                    : '')
            }
          </span>
        </div>
        <div class="field">
          <label for="amount">Amount (dollars)</label>
          <input id="amount" name="amount" inputmode="decimal" autocomplete="off" required
            aria-invalid=${invalid(amountError)} aria-describedby="amount-help"
            @input=${() => {
              this.errors = withoutField(this.errors, 'amount');
              this.amountTyped = true;
            }} />
          <span id="amount-help" class="balance ${amountError ? 'error' : 'hint'}">
            ${amountError || 'For example 25, 25.50 or $1,250.00'}
          </span>
        </div>
        <label>Method
          <select name="method" required>
            ${PAYMENT_METHODS.map((m) => html`<option value=${m.value}>${m.label}</option>`)}
          </select>
        </label>
        <label>Received on
          <input type="date" name="receivedAt" value=${toAwsDate(new Date())} max=${toAwsDate(new Date())} />
        </label>
        <label>Notes <span class="hint">(optional: check number, who handed it over)</span>
          <textarea name="notes" rows="2"></textarea>
        </label>
        <label class="check">
          <input type="checkbox" name="receipt" checked
            @change=${(e: Event) => (this.wantsReceipt = (e.target as HTMLInputElement).checked)} />
          Email a receipt to the patron
        </label>
    `;
  }

  private renderResult() {
    const { payment, queued } = this.save.value!;
    const method = (m: PaymentMethod) => PAYMENT_METHODS.find((p) => p.value === m)?.label.toLowerCase();
    return html`
      <div class="result">
        ${
          payment
            ? html`<p class="ok" role="status">Logged ${formatCents(payment.amountCents)} ${method(payment.method)} from ${payment.patronName}.</p>
            ${this.wantsReceipt ? html`<scc-payment-receipt .payment=${payment}></scc-payment-receipt>` : nothing}`
            : html`<p class="pending" role="status">No signal: ${formatCents(queued!.input.amountCents)} ${method(queued!.input.method)}
            from ${queued!.patronName} is saved on this phone, not yet recorded. It will be sent when signal returns;
            the bar at the top shows what waits and how it ends${queued!.receipt ? ' (the receipt goes then)' : ''}.</p>`
        }
        <div class="actions"><button class="primary" type="button" @click=${this.close}>Done</button></div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-payment-modal': SccPaymentModal;
  }
}
