import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { isStale, refusal, toApiError } from '../graphql/errors';
import { PAYMENT_METHODS, type Payment, type PaymentSource } from '../graphql/types';
import { sccEvent } from '../events';
import { formatCents } from '../lib/domain/money';
import { formatDate, formatDateTime } from '../lib/domain/dates';
import { navigateOnClick } from '../lib/controllers/navigate';
import { can, type CurrentUser } from '../lib/domain/roles';
import { recordsPath } from '../lib/controllers/route';
import { loadFailed } from '../lib/controllers/failed-load';
import { PagedList } from '../lib/controllers/paged-list';
import { paymentsKey } from '../lib/offline/offline-store';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { EventTitles } from '../lib/controllers/event-titles';
import { controls } from '../styles/shared';
import { DialogForm } from '../lib/controllers/dialog';
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
import './scc-payments-export';
import './scc-resend-receipt';
import './scc-refund-form';
import { refundOfPayment, type SccRefundForm } from './scc-refund-form';
import { receiptOutcome } from '../lib/domain/mail-problem';

const methodLabel = (m: string) => PAYMENT_METHODS.find((x) => x.value === m)?.label ?? m;

/**
 * Payments of an event, of a patron, or between two dates: newest first, paged, voided ones struck
 * through with their reason. Admins void (with a required reason); admins and accounting export
 * every payment of the source as CSV (`<scc-payments-export>`), not only the pages shown.
 * In a narrow box (a phone) each payment is a card, so the amount is never cut off.
 *
 * @fires scc-payment-voided - A payment was voided; detail `{ payment }`.
 * @csspart table - The payments table.
 */
@customElement('scc-payment-history')
export class SccPaymentHistory extends LitElement {
  static override styles = [
    controls,
    css`
      /* The box's own width decides the layout (a container query): the page around it may be narrow. */
      :host { display: block; container-type: inline-size; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--_line); vertical-align: top; }
      td.amount, th.amount { text-align: right; white-space: nowrap; }
      tr.voided td { color: var(--_muted); }
      tr.refund td.amount { color: var(--scc-danger, #b42318); }
      td { overflow-wrap: anywhere; }
      /* Long emails and notes may break anywhere, but not the Void button's one word ("Voi" "d"). */
      td.actions { overflow-wrap: normal; white-space: nowrap; }
      /* Narrower than the table's columns need: one card per payment, its amount at the top right. */
      @container (max-width: 44rem) {
        table, tbody, tr, td { display: block; }
        thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0, 0, 0, 0); }
        tr {
          display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0.25rem 0.75rem; padding: 0.75rem;
          margin-bottom: 0.75rem; border: 1px solid var(--_line); border-radius: 8px;
          grid-template-areas: 'patron amount' 'received method' 'logged logged' 'notes notes' 'actions actions';
        }
        td { border: none; padding: 0; }
        td.patron { grid-area: patron; }
        td.amount { grid-area: amount; font-weight: 600; }
        td.received { grid-area: received; }
        td.method { grid-area: method; text-align: right; }
        td.logged { grid-area: logged; }
        td.notes { grid-area: notes; }
        td.notes:empty, td.actions:empty { display: none; }
        td.actions { grid-area: actions; }
        td[data-label]::before { content: attr(data-label) ': '; color: var(--_muted); font-size: 0.875rem; }
      }
      .skeleton { height: 2.5rem; margin: 0.25rem 0; }
      .toolbar { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
      h2 { margin: 0; font-size: 1.2rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  /** An event's first page is kept for reading offline on its page, as its user's: crew at the dock often have no signal. */
  private list = new PagedList(this, {
    source: () => [this.api, this.source, this.user?.email] as const,
    revision: () => this.revision,
    page: ([api, source], token) => (api && source ? api.payments(source, token) : undefined),
    offline: ([, source, owner]) =>
      owner && source?.kind === 'event' && !source.patronEmail
        ? { owner, key: paymentsKey(source.eventId) }
        : undefined,
  });

  private voiding = new ResettableTask(this, () => this.voidTask());

  /** Where moved payments went and came from, by title and day rather than id. */
  private titles = new EventTitles(this, () => ({
    api: this.api,
    ids: this.list.rows.flatMap((p) => [p.movedTo, p.movedFrom, this.recordsLinks ? p.eventId : null]),
  }));

  private voidDialog = new DialogForm('void');
  @query('scc-refund-form') private refundForm?: SccRefundForm;

  @state() private toVoid?: Payment;
  @state() private voidErrors: FormErrors<'void-reason'> = noErrors();

  @property({ attribute: false }) source?: PaymentSource;
  /** Shows only this patron's payments (for an event's history opened from a roster row). */
  @property() patronEmail = '';
  /** The event's start as the screen read it (an event's payments): a refund sends it, to be one request. */
  @property() eventStartsAt = '';
  @property() heading = 'Payments';
  /** Said when there is nothing to show: the page knows what was searched ("between Nov 1 and Nov 30"). */
  @property() empty = 'No payments yet.';

  /** The payments shown, newest first. */
  get shown(): Payment[] {
    const filter = this.patronEmail.toLowerCase();
    return this.list.rows
      .filter((p) => !filter || p.patronEmail.toLowerCase() === filter)
      .sort((a, b) => (a.loggedAt < b.loggedAt ? 1 : a.loggedAt > b.loggedAt ? -1 : 0));
  }

  /**
   * Each row links to its event's records: on the payments page (across events), where ACCOUNTING
   * has no event page to open them from; on one event's history the page already links them.
   */
  private get recordsLinks(): boolean {
    return this.source?.kind !== 'event' && can.seeRecords(this.user);
  }

  private askVoid(payment: Payment) {
    this.toVoid = payment;
    // No earlier confirmation's error shows.
    this.voidErrors = noErrors();
    this.voiding.reset();
    this.voidDialog.open();
  }

  private voidTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([payment, reason]: readonly [Payment, string]) => {
        const voided = await this.api!.voidPayment(payment.eventId, payment.id, reason);
        this.voidDialog.close();
        this.dispatchEvent(sccEvent('scc-payment-voided', { payment: voided }));
        return voided;
      },
      onError: (error) => {
        this.voidErrors = formErrors(
          error,
          {},
          {
            // Refunded meanwhile: the server says how much and what to do.
            Conflict:
              refusal(error).reason === 'REFUNDED'
                ? toApiError(error).detail
                : 'This payment was already voided. Close this to see the latest.',
          },
        );
        // Already voided, or gone: the list on screen is out of date everywhere.
        if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
      },
    });
  }

  private onVoidSubmit(e: SubmitEvent) {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? '').trim();
    this.voidErrors = fieldErrors(reason ? {} : { 'void-reason': 'Say why this payment is being voided.' });
    if (!reason) return void focusFirstInvalid(this);
    if (this.voiding.status !== TaskStatus.PENDING) void this.voiding.run([this.toVoid!, reason]);
  }

  /** Whether money remains to give back from `p` (a recorded payment, not a refund). */
  private refundable(p: Payment): boolean {
    return p.status === 'RECORDED' && p.kind !== 'REFUND' && p.amountCents - (p.refundedCents ?? 0) > 0;
  }

  override render() {
    const shown = this.shown;
    return html`
      <section aria-labelledby="history-heading">
        <div class="toolbar">
          <h2 id="history-heading">${this.heading}</h2>
          ${
            can.exportCsv(this.user)
              ? html`<scc-payments-export .source=${this.source} patron-email=${this.patronEmail}></scc-payments-export>`
              : nothing
          }
        </div>
        ${this.list.renderSaved()}
        ${this.list.first.render({
          initial: () => (this.list.loaded ? this.renderTable(shown, true) : this.renderSkeleton()),
          pending: () => (this.list.loaded ? this.renderTable(shown, true) : this.renderSkeleton()),
          complete: () => this.renderTable(shown),
          error: (error) => loadFailed('the payments', error, this.list.first),
        })}
        ${this.list.renderMore('Show older payments', 'older payments')}
      </section>
      ${can.voidPayment(this.user) ? this.renderVoidDialog() : nothing}
      ${can.refundPayment(this.user) ? html`<scc-refund-form></scc-refund-form>` : nothing}
    `;
  }

  private renderSkeleton() {
    return html`<div aria-busy="true" aria-label="Loading payments">
      ${[0, 1, 2].map(() => html`<div class="skeleton"></div>`)}</div>`;
  }

  private renderTable(shown: Payment[], refreshing = false) {
    if (shown.length === 0) return html`<p class="muted">${this.empty}</p>`;
    const mayVoid = can.voidPayment(this.user) || can.refundPayment(this.user);
    return html`
      <div class="scroll" role="region" aria-label="${this.heading} table" tabindex="0"
        aria-busy=${refreshing ? 'true' : 'false'}>
        <table part="table">
          <thead><tr>
            <th scope="col">Received</th><th scope="col">Patron</th><th scope="col" class="amount">Amount</th>
            <th scope="col">Method</th><th scope="col">Logged by</th><th scope="col">Notes</th>
            ${mayVoid ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : nothing}
          </tr></thead>
          <tbody>${shown.map((p) => this.renderRow(p, mayVoid))}</tbody>
        </table>
      </div>
    `;
  }

  private renderRow(p: Payment, hasActions: boolean) {
    const voided = p.status === 'VOIDED';
    const refund = p.kind === 'REFUND';
    // A refund is money given back: shown as a minus, its reason first, so it is never read as money in.
    const amount = refund ? `−${formatCents(p.amountCents)}` : formatCents(p.amountCents);
    const struck = voided || p.status === 'MOVED';
    return html`
      <tr class=${struck ? 'voided' : refund ? 'refund' : ''}>
        <td class="received" data-label="Received">${formatDate(p.receivedAt)}</td>
        <td class="patron">${p.patronName}<br /><span class="hint">${p.patronEmail}</span></td>
        <td class="amount">${struck ? html`<s>${amount}</s><span class="visually-hidden"> (${voided ? 'voided' : 'moved'})</span>` : amount}</td>
        <td class="method">${methodLabel(p.method)}</td>
        <td class="logged" data-label="Logged by">${p.loggedBy}<br /><span class="hint">${formatDateTime(p.loggedAt)}</span></td>
        <td class="notes">
          ${refund ? html`<strong>Refund:</strong> ${p.reason}<br />` : nothing}
          ${
            p.status === 'MOVED' && p.movedTo
              ? html`<strong>Moved to</strong> <a href="/events/${encodeURIComponent(p.movedTo)}" @click=${navigateOnClick}>${this.titles.label(p.movedTo)}</a><br />`
              : nothing
          }
          ${p.movedFrom ? html`<span class="hint">Moved from <a href="/events/${encodeURIComponent(p.movedFrom)}" @click=${navigateOnClick}>${this.titles.label(p.movedFrom)}</a></span><br />` : nothing}
          ${!refund && p.refundedCents ? html`<span class="hint">${formatCents(p.refundedCents)} refunded</span><br />` : nothing}
          ${
            voided
              ? html`<strong>Voided</strong> by ${p.voidedBy ?? 'an admin'}${p.voidedAt ? ` on ${formatDate(p.voidedAt)}` : ''}:
            ${p.voidReason}<br />`
              : nothing
          }
          ${p.notes ?? ''}
          ${
            this.recordsLinks
              ? html`<a href=${recordsPath({ eventId: p.eventId })} @click=${navigateOnClick}>Records of ${this.titles.label(p.eventId)}<span
            class="visually-hidden">, with ${formatCents(p.amountCents)} from ${p.patronName}</span></a><br />`
              : nothing
          }
          ${
            !struck && (can.logPayment(this.user) || (refund && can.refundPayment(this.user)))
              ? html`<scc-resend-receipt .payment=${p}></scc-resend-receipt>`
              : p.notificationStatus === 'SENT'
                ? html`<span class="hint">Receipt sent${receiptOutcome(p)}</span>`
                : nothing
          }
        </td>
        ${hasActions ? html`<td class="actions">${this.renderActions(p, amount)}</td>` : nothing}
      </tr>
    `;
  }

  private renderActions(p: Payment, amount: string) {
    const what = html`<span class="visually-hidden"> ${amount} from ${p.patronName}</span>`;
    return html`
      ${
        can.refundPayment(this.user) && this.refundable(p)
          ? html`<button type="button" @click=${() => void this.refundForm?.show(refundOfPayment(p, this.eventStartsAt || undefined))}>Refund${what}</button>`
          : nothing
      }
      ${
        can.voidPayment(this.user) && this.voidable(p)
          ? html`<button type="button" class="danger" @click=${() => this.askVoid(p)}>Void${what}</button>`
          : nothing
      }
    `;
  }

  /** What voidPayment takes: a recorded refund, or a recorded payment nothing was refunded from (its refunds are voided first). */
  private voidable(p: Payment): boolean {
    return p.status === 'RECORDED' && (p.kind === 'REFUND' || !p.refundedCents);
  }

  private renderVoidDialog() {
    const p = this.toVoid;
    const pending = this.voiding.status === TaskStatus.PENDING;
    const error = this.voidErrors.fields['void-reason'];
    return html`
      ${this.voidDialog.render({
        heading: 'Void a payment',
        intro: p
          ? html`<p>Void ${formatCents(p.amountCents)} ${methodLabel(p.method).toLowerCase()} from ${p.patronName},
          received ${formatDate(p.receivedAt)}? ${
            p.kind === 'REFUND'
              ? 'The refund is undone: the amount counts as paid again.'
              : 'It no longer counts as paid: on an open sailing the amount goes back onto their balance.'
          } This cannot be undone.</p>`
          : nothing,
        fields: html`
          <div class="field">
            <label for="void-reason">Reason</label>
            <textarea id="void-reason" name="reason" rows="2" required aria-invalid=${invalid(error)}
              aria-describedby="void-reason-help" @input=${() => (this.voidErrors = withoutField(this.voidErrors, 'void-reason'))}></textarea>
            ${fieldHelp('void-reason', error, 'For example: entered twice, wrong patron, check bounced.')}
          </div>`,
        errors: this.voidErrors,
        cancel: 'Keep the payment',
        submit: 'Void payment',
        busyLabel: 'Voiding…',
        busy: pending,
        danger: true,
        onSubmit: (e) => this.onVoidSubmit(e),
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-payment-history': SccPaymentHistory;
  }
}
