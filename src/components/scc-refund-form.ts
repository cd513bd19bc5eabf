import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, isStale } from '../graphql/errors';
import { PAYMENT_METHODS, type Payment, type PaymentMethod, type RefundPaymentInput } from '../graphql/types';
import { sccEvent } from '../events';
import { centsToPlain, formatCents, parseMoney } from '../lib/money';
import { fieldHelp, focusFirstInvalid, invalid, serverFieldError, type FieldErrors } from '../lib/form-errors';
import { ResettableTask } from '../lib/resettable-task';
import { controls } from '../styles/shared';

type Field = 'amount' | 'method' | 'reason';

/** What is being refunded: one payment (`refundOf`), or all a patron paid for an event. */
export interface RefundRequest {
  eventId: string;
  patronEmail: string;
  patronName: string;
  /** the most that may be given back: what remains of the payment, or what the patron paid */
  refundableCents: number;
  refundOf?: string;
  method?: PaymentMethod;
}

/** A payment's refund request: what remains of it after the refunds already recorded. */
export const refundOfPayment = (p: Payment): RefundRequest => ({
  eventId: p.eventId, patronEmail: p.patronEmail, patronName: p.patronName,
  refundableCents: p.amountCents - (p.refundedCents ?? 0), refundOf: p.id, method: p.method,
});

const SERVER_FIELDS = {
  amountCents: { id: 'amount', label: 'Amount' },
  method: { id: 'method', label: 'Method' },
  reason: { id: 'reason', label: 'Reason' },
} as const;

const REFUND_ERRORS = {
  Conflict: 'That is more than remains to refund: someone may have just refunded or moved this money. The payments shown are now the latest; check them and try again.',
  NotFound: 'This payment or patron is no longer there. The payments shown are now the latest.',
  Busy: 'Another change to this event was being saved at the same moment, so the refund is not confirmed. Press "Refund" again: it will not be refunded twice.',
  Network: 'Cannot reach the server, so the refund is not confirmed. Press "Refund" again: it will not be refunded twice.',
};

/**
 * Gives money back (issue 17 §3): an amount (at most what remains refundable), its method and a
 * required reason. Each opening gets one idempotency key, as the payment modal does, so a double
 * click or a retry after a network error refunds once. After success it offers the refund receipt.
 * A refusal because the data changed makes every view reload (`scc-data-stale`).
 *
 * @fires scc-payment-logged - The refund was recorded; detail `{ payment }` (the refund).
 * @fires scc-data-stale - The server refused because the data changed.
 * @fires scc-receipt-sent - The refund receipt was attempted.
 */
@customElement('scc-refund-form')
export class SccRefundForm extends LitElement {
  static override styles = [controls, css`header { display: flex; justify-content: space-between; align-items: start; gap: 1rem; }`];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('form') private form?: HTMLFormElement;

  /** The key sent with every attempt made from this opening. */
  @state() idempotencyKey = '';
  @state() private request?: RefundRequest;
  @state() private errors: FieldErrors<Field> = {};

  private save = new ResettableTask(this, () => new Task(this, {
    autoRun: false,
    task: async ([input]: readonly [RefundPaymentInput]) => {
      const refund = await this.api!.refundPayment(input);
      this.dispatchEvent(sccEvent('scc-payment-logged', { payment: refund }));
      return refund;
    },
    onError: (error) => {
      this.errors = serverFieldError(error, SERVER_FIELDS) ?? {};
      if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
    },
  }));

  private receipt = new ResettableTask(this, () => new Task(this, {
    autoRun: false,
    task: async ([refund]: readonly [Payment]) => {
      const notification = await this.api!.notifyPatron(refund.eventId, refund.id);
      this.dispatchEvent(sccEvent('scc-receipt-sent', { notification }));
      if (notification.status === 'FAILED') throw new Error(notification.error ?? 'the mail server refused it.');
      return notification;
    },
  }));

  /** Opens the form with a fresh idempotency key, the amount set to all that remains refundable. */
  async show(request: RefundRequest) {
    this.request = request;
    this.idempotencyKey = crypto.randomUUID();
    this.errors = {};
    this.save.reset();
    this.receipt.reset();
    await this.updateComplete;
    this.form?.reset();
    this.dialog.showModal();
  }

  close() {
    this.dialog.close();
  }

  private async onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const r = this.request;
    if (!r || this.save.status === TaskStatus.PENDING || this.save.status === TaskStatus.COMPLETE) return;
    const data = new FormData(this.form!);
    const amount = parseMoney(String(data.get('amount') ?? ''));
    const reason = String(data.get('reason') ?? '').trim();
    const errors: FieldErrors<Field> = {};
    if (!amount.ok) errors.amount = amount.error;
    else if (amount.cents > r.refundableCents) errors.amount = `At most ${formatCents(r.refundableCents)} remains to refund.`;
    if (!reason) errors.reason = 'Say why the money is given back.';
    this.errors = errors;
    if (Object.keys(errors).length || !amount.ok) return focusFirstInvalid(this);
    const notes = String(data.get('notes') ?? '').trim();
    await this.save.run([{
      idempotencyKey: this.idempotencyKey, eventId: r.eventId, patronEmail: r.patronEmail,
      amountCents: amount.cents, method: data.get('method') as PaymentMethod, reason,
      ...(r.refundOf ? { refundOf: r.refundOf } : {}), ...(notes ? { notes } : {}),
    }]);
  }

  override render() {
    return html`
      <dialog aria-labelledby="refund-heading">
        <header>
          <h2 id="refund-heading">Refund</h2>
          <button type="button" @click=${this.close} aria-label="Close">✕</button>
        </header>
        ${this.request ? (this.save.status === TaskStatus.COMPLETE ? this.renderResult(this.save.value!) : this.renderForm(this.request)) : nothing}
      </dialog>
    `;
  }

  private renderForm(r: RefundRequest) {
    const sending = this.save.status === TaskStatus.PENDING;
    const clear = (id: Field) => () => (this.errors = { ...this.errors, [id]: undefined });
    return html`
      <p>${r.patronName} (${r.patronEmail}): ${formatCents(r.refundableCents)} may be refunded${r.refundOf ? ' from this payment' : ''}.</p>
      <form class="stack" novalidate @submit=${this.onSubmit}>
        <div class="field">
          <label for="amount">Amount (dollars)</label>
          <input id="amount" name="amount" inputmode="decimal" autocomplete="off" required .defaultValue=${centsToPlain(r.refundableCents)}
            aria-invalid=${invalid(this.errors.amount)} aria-describedby="amount-help" @input=${clear('amount')} />
          ${fieldHelp('amount', this.errors.amount, 'All that remains, or less for a partial refund.')}
        </div>
        <div class="field">
          <label for="method">Method</label>
          <select id="method" name="method" aria-invalid=${invalid(this.errors.method)} aria-describedby="method-help">
            ${PAYMENT_METHODS.map((m) => html`<option value=${m.value} ?selected=${m.value === r.method}>${m.label}</option>`)}
          </select>
          ${fieldHelp('method', this.errors.method, 'How the money goes back.')}
        </div>
        <div class="field">
          <label for="reason">Reason</label>
          <textarea id="reason" name="reason" rows="2" required aria-invalid=${invalid(this.errors.reason)}
            aria-describedby="reason-help" @input=${clear('reason')}></textarea>
          ${fieldHelp('reason', this.errors.reason, 'For example: sailing cancelled for weather.')}
        </div>
        <div class="field">
          <label for="notes">Notes (optional)</label>
          <textarea id="notes" name="notes" rows="2"></textarea>
        </div>
        ${this.save.status === TaskStatus.ERROR && !Object.values(this.errors).some(Boolean)
          ? html`<p class="error" role="alert">${describeError(this.save.error, REFUND_ERRORS)}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${this.close}>Cancel</button>
          <button class="primary danger" type="submit" ?disabled=${sending || !this.api}>${sending ? 'Refunding…' : 'Refund'}</button>
        </div>
      </form>
    `;
  }

  private renderResult(refund: Payment) {
    return html`
      <p class="ok" role="status">Refunded ${formatCents(refund.amountCents)} to ${refund.patronName}.</p>
      ${this.receipt.render({
        initial: () => html`<div class="row"><button type="button" @click=${() => void this.receipt.run([refund])}>Email refund receipt</button></div>`,
        pending: () => html`<p role="status">Emailing the refund receipt to ${refund.patronEmail}…</p>`,
        complete: () => html`<p class="ok" role="status">Refund receipt sent to ${refund.patronEmail}.</p>`,
        error: (error) => html`<p class="error" role="alert">The refund receipt was not sent: ${describeError(error, {
          Unknown: error instanceof Error ? error.message : 'the mail server refused it.' })}</p>
          <div class="row"><button type="button" @click=${() => void this.receipt.run([refund])}>Email refund receipt again</button></div>`,
      })}
      <div class="actions"><button class="primary" type="button" @click=${this.close}>Done</button></div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-refund-form': SccRefundForm;
  }
}
