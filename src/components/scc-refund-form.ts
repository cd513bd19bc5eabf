import { LitElement, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, isStale } from '../graphql/errors';
import { DialogForm } from '../lib/controllers/dialog';
import { PAYMENT_METHODS, type Payment, type PaymentMethod, type RefundPaymentInput } from '../graphql/types';
import { sccEvent } from '../events';
import { centsToPlain, formatCents, parseMoney } from '../lib/domain/money';
import type { RefundPart } from '../lib/domain/cancelled-money';
import { formatDate } from '../lib/domain/dates';
import {
  fieldErrors,
  fieldHelp,
  focusFirstInvalid,
  formErrors,
  invalid,
  noErrors,
  withoutField,
  type FieldErrors,
  type FormErrors,
} from '../lib/form-errors';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { can, type CurrentUser } from '../lib/domain/roles';
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
  /** what the screen read: the event's start and the payment's refunds so far; given, the refund is one request */
  eventStartsAt?: string;
  refundedCents?: number;
  /** how the money came in, and so goes back unless the admin chooses otherwise; none known: the admin chooses */
  method?: PaymentMethod;
  /** "Refund all": one refund per payment, each naming it, each back the way it came in */
  parts?: RefundPart[];
}

const methodLabel = (m: PaymentMethod) => PAYMENT_METHODS.find((x) => x.value === m)?.label ?? m;

/** A payment's refund request: what remains of it after the refunds already recorded. */
export const refundOfPayment = (p: Payment, eventStartsAt?: string): RefundRequest => ({
  eventId: p.eventId,
  patronEmail: p.patronEmail,
  patronName: p.patronName,
  refundableCents: p.amountCents - (p.refundedCents ?? 0),
  refundOf: p.id,
  method: p.method,
  ...(eventStartsAt ? { eventStartsAt, refundedCents: p.refundedCents ?? 0 } : {}),
});

const SERVER_FIELDS = {
  amountCents: { id: 'amount', label: 'Amount' },
  method: { id: 'method', label: 'Method' },
  reason: { id: 'reason', label: 'Reason' },
} as const;

const REFUND_ERRORS = {
  Conflict:
    'That is more than remains to refund: someone may have just refunded or moved this money. The payments shown are now the latest; check them and try again.',
  NotFound: 'This payment or patron is no longer there. The payments shown are now the latest.',
  Busy: 'Another change to this event was being saved at the same moment, so the refund is not confirmed. Press "Refund" again: it will not be refunded twice.',
  Network:
    'Cannot reach the server, so the refund is not confirmed. Press "Refund" again: it will not be refunded twice.',
};

/**
 * Gives money back: an amount (at most what remains refundable), its method and a
 * required reason; or, for "Refund all", one refund per payment (`parts`), each in its payment's
 * method unless changed. Each opening gets one idempotency key per refund, as the payment modal does,
 * so a double click or a retry after a network error refunds once, even after some of the refunds
 * of "Refund all" went through. After success it offers the refund receipt(s).
 * A refusal because the data changed makes every view reload (`scc-data-stale`).
 *
 * @fires scc-payment-logged - The refund was recorded; detail `{ payment }` (the refund).
 * @fires scc-data-stale - The server refused because the data changed.
 * @fires scc-receipt-sent - The refund receipt was attempted.
 */
@customElement('scc-refund-form')
export class SccRefundForm extends LitElement {
  static override styles = [controls];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  private dialog = new DialogForm('refund');
  @query('form') private form?: HTMLFormElement;

  /** The key sent with every attempt made from this opening (the first refund's, with `parts`). */
  @state() idempotencyKey = '';
  @state() private request?: RefundRequest;
  @state() private errors: FormErrors<Field> = noErrors();
  /** The keys of the refunds of `parts`, one each, for this opening. */
  private partKeys: string[] = [];
  /** The refunds of this opening recorded so far: said when a later one is refused. */
  @state() private recorded: Payment[] = [];

  private save = new ResettableTask(
    this,
    () =>
      new Task(this, {
        autoRun: false,
        task: async ([inputs]: readonly [RefundPaymentInput[]]) => {
          const refunds: Payment[] = [];
          // One after the other: each is checked against what the ones before it left.
          for (const input of inputs) {
            const refund = await this.api!.refundPayment(input);
            refunds.push(refund);
            this.recorded = [...refunds];
            this.dispatchEvent(sccEvent('scc-payment-logged', { payment: refund }));
          }
          return refunds;
        },
        onError: (error) => {
          const recorded = this.recorded;
          const total = this.request?.parts?.length ?? 1;
          // Some of "Refund all" went through: say so before why the next did not.
          const done = recorded.length
            ? `${recorded.length} of ${total} refunds recorded (${formatCents(recorded.reduce((s, p) => s + p.amountCents, 0))}); the next was refused. `
            : '';
          this.errors = formErrors(error, SERVER_FIELDS, done + describeError(error, REFUND_ERRORS));
          if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
        },
      }),
  );

  private receipt = new ResettableTask(
    this,
    () =>
      new Task(this, {
        autoRun: false,
        task: async ([refunds]: readonly [Payment[]]) => {
          const notifications = [];
          for (const refund of refunds) {
            const notification = await this.api!.notifyPatron(refund.eventId, refund.id);
            this.dispatchEvent(sccEvent('scc-receipt-sent', { notification }));
            if (notification.status === 'FAILED') throw new Error(notification.error ?? 'the mail server refused it.');
            notifications.push(notification);
          }
          return notifications;
        },
      }),
  );

  /** Opens the form with a fresh idempotency key, the amount set to all that remains refundable. */
  async show(request: RefundRequest) {
    this.request = request;
    this.idempotencyKey = crypto.randomUUID();
    this.partKeys = (request.parts ?? []).map((_, i) => (i === 0 ? this.idempotencyKey : crypto.randomUUID()));
    this.recorded = [];
    this.errors = noErrors();
    this.save.reset();
    this.receipt.reset();
    this.dialog.open();
    await this.updateComplete;
  }

  close() {
    this.dialog.close();
  }

  private async onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const r = this.request;
    if (!r || this.save.status === TaskStatus.PENDING || this.save.status === TaskStatus.COMPLETE) return;
    const data = new FormData(this.form!);
    const reason = String(data.get('reason') ?? '').trim();
    const notes = String(data.get('notes') ?? '').trim();
    const errors: FieldErrors<Field> = {};
    if (!reason) errors.reason = 'Say why the money is given back.';
    const common = { eventId: r.eventId, patronEmail: r.patronEmail, reason, ...(notes ? { notes } : {}) };
    if (r.parts) {
      this.errors = fieldErrors(errors);
      if (Object.keys(errors).length) return focusFirstInvalid(this);
      await this.save.run([
        r.parts.map((part, i) => ({
          ...common,
          idempotencyKey: this.partKeys[i]!,
          amountCents: part.cents,
          refundOf: part.refundOf,
          method: (data.get(`method-${i}`) as PaymentMethod | null) ?? part.method,
        })),
      ]);
      return;
    }
    const amount = parseMoney(String(data.get('amount') ?? ''));
    const method = String(data.get('method') ?? '') as PaymentMethod | '';
    if (!amount.ok) errors.amount = amount.error;
    else if (amount.cents > r.refundableCents)
      errors.amount = `At most ${formatCents(r.refundableCents)} remains to refund.`;
    if (!method) errors.method = 'Choose how the money goes back.';
    if (!reason) errors.reason = 'Say why the money is given back.';
    this.errors = fieldErrors(errors);
    if (Object.keys(errors).length || !amount.ok || !method) return focusFirstInvalid(this);
    await this.save.run([
      [
        {
          ...common,
          idempotencyKey: this.idempotencyKey,
          amountCents: amount.cents,
          method,
          ...(r.refundOf ? { refundOf: r.refundOf } : {}),
          // What the screen read: the server writes at once, conditioned on it, and reads only if it changed.
          ...(r.eventStartsAt && r.refundOf
            ? { patronName: r.patronName, eventStartsAt: r.eventStartsAt, refundOfRefundedCents: r.refundedCents ?? 0 }
            : {}),
        },
      ],
    ]);
  }

  override render() {
    const r = this.request;
    const done = this.save.status === TaskStatus.COMPLETE;
    return this.dialog.render({
      heading: 'Refund',
      closeButton: true,
      intro:
        r && !done
          ? html`<p>${r.patronName} (${r.patronEmail}): ${formatCents(r.refundableCents)} may be refunded${
              r.refundOf
                ? ' from this payment'
                : r.parts
                  ? r.parts.length === 1
                    ? ', back the way it was paid'
                    : `, in ${r.parts.length} refunds, each back the way its payment came in`
                  : ''
            }.</p>`
          : nothing,
      outcome: !r ? html`` : done ? this.renderResult(this.save.value!) : nothing,
      fields: r ? this.renderFields(r) : nothing,
      errors: this.errors,
      submit: 'Refund',
      busyLabel: 'Refunding…',
      busy: this.save.status === TaskStatus.PENDING,
      disabled: !this.api,
      danger: true,
      onSubmit: (e) => void this.onSubmit(e),
    });
  }

  private clear(id: Field) {
    return () => (this.errors = withoutField(this.errors, id));
  }

  private renderFields(r: RefundRequest) {
    const errors = this.errors.fields;
    return html`
      ${r.parts ? this.renderParts(r.parts) : this.renderAmount(r)}
      <div class="field">
        <label for="reason">Reason</label>
        <textarea id="reason" name="reason" rows="2" required aria-invalid=${invalid(errors.reason)}
          aria-describedby="reason-help" @input=${this.clear('reason')}></textarea>
        ${fieldHelp('reason', errors.reason, 'For example: sailing cancelled for weather.')}
      </div>
      <div class="field">
        <label for="notes">Notes (optional)</label>
        <textarea id="notes" name="notes" rows="2"></textarea>
      </div>
    `;
  }

  private renderAmount(r: RefundRequest) {
    return html`
      <div class="field">
        <label for="amount">Amount (dollars)</label>
        <input id="amount" name="amount" inputmode="decimal" autocomplete="off" required .defaultValue=${centsToPlain(r.refundableCents)}
          aria-invalid=${invalid(this.errors.fields.amount)} aria-describedby="amount-help" @input=${this.clear('amount')} />
        ${fieldHelp('amount', this.errors.fields.amount, 'All that remains, or less for a partial refund.')}
      </div>
      <div class="field">
        <label for="method">Method</label>
        <select id="method" name="method" required aria-invalid=${invalid(this.errors.fields.method)} aria-describedby="method-help" @change=${this.clear('method')}>
          ${r.method ? nothing : html`<option value="" selected>Choose how the money goes back</option>`}
          ${PAYMENT_METHODS.map((m) => html`<option value=${m.value} ?selected=${m.value === r.method}>${m.label}</option>`)}
        </select>
        ${fieldHelp('method', this.errors.fields.method, r.method ? 'How the money goes back: the way it came in, unless the patron asks otherwise.' : 'How the money goes back.')}
      </div>
    `;
  }

  private renderParts(parts: RefundPart[]) {
    return html`
      <fieldset class="stack">
        <legend>Each payment, and how it goes back</legend>
        ${parts.map(
          (p, i) => html`<div class="field">
          <label for="method-${i}">${formatCents(p.cents)} of the ${methodLabel(p.method).toLowerCase()} payment received ${formatDate(p.receivedAt)}, back by</label>
          <select id="method-${i}" name="method-${i}">
            ${PAYMENT_METHODS.map((m) => html`<option value=${m.value} ?selected=${m.value === p.method}>${m.label}</option>`)}
          </select>
        </div>`,
        )}
        <span class="hint">The way each came in, unless the patron asks otherwise.</span>
      </fieldset>
    `;
  }

  private renderResult(refunds: Payment[]) {
    const first = refunds[0]!;
    const total = refunds.reduce((sum, p) => sum + p.amountCents, 0);
    const receipts = refunds.length === 1 ? 'refund receipt' : 'refund receipts';
    return html`
      <p class="ok" role="status">Refunded ${formatCents(total)} to ${first.patronName}${
        refunds.length > 1
          ? `, in ${refunds.length} refunds: ${refunds.map((p) => `${formatCents(p.amountCents)} ${methodLabel(p.method).toLowerCase()}`).join(', ')}`
          : ''
      }.</p>
      ${
        !can.emailReceipt(this.user)
          ? html`<p class="hint">Crew or an admin can email the ${receipts} to ${first.patronEmail} from the payments.</p>`
          : this.receipt.render({
              initial: () =>
                html`<div class="row"><button type="button" @click=${() => void this.receipt.run([refunds])}>Email ${receipts}</button></div>`,
              pending: () => html`<p role="status">Emailing the ${receipts} to ${first.patronEmail}…</p>`,
              complete: () =>
                html`<p class="ok" role="status">${refunds.length === 1 ? 'Refund receipt' : 'Refund receipts'} sent to ${first.patronEmail}.</p>`,
              error: (
                error,
              ) => html`<p class="error" role="alert">The ${receipts} ${refunds.length === 1 ? 'was' : 'were'} not all sent: ${describeError(
                error,
                {
                  Unknown: error instanceof Error ? error.message : 'the mail server refused it.',
                },
              )}</p>
          <div class="row"><button type="button" @click=${() => void this.receipt.run([refunds])}>Email ${receipts} again</button></div>`,
            })
      }
      <div class="actions"><button class="primary" type="button" @click=${this.close}>Done</button></div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-refund-form': SccRefundForm;
  }
}
