import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { Payment } from '../graphql/types';
import { sccEvent } from '../events';
import { formatDateTime } from '../lib/domain/dates';
import { formatCents } from '../lib/domain/money';
import { controls } from '../styles/shared';
import { receiptOutcome } from '../lib/domain/mail-problem';

/**
 * Sends a past payment's receipt again from a payment history, through notifyPatron,
 * which records the delivery on the payment (SENT, or FAILED and why) and audits it. Shows the
 * delivery recorded, then this send's outcome.
 *
 * @fires scc-receipt-sent - after a send, so the views reload what was recorded
 */
@customElement('scc-resend-receipt')
export class SccResendReceipt extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; margin-top: 0.25rem; }
      .ok { color: var(--scc-ok, #1a7f37); }
      .error { color: var(--scc-danger, #b42318); }
      .hint { font-size: 0.875rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @property({ attribute: false }) payment?: Payment;

  private send = new Task(this, {
    autoRun: false,
    task: async ([p]: readonly [Payment]) => {
      const notification = await this.api!.notifyPatron(p.eventId, p.id);
      this.dispatchEvent(sccEvent('scc-receipt-sent', { notification }));
      return notification;
    },
  });

  private renderOutcome() {
    if (this.send.status === TaskStatus.PENDING) return html`Sending…`;
    if (this.send.status === TaskStatus.ERROR)
      return html`<span class="error hint">${describeError(this.send.error)}</span>`;
    const sent = this.send.value;
    if (sent) {
      return sent.status === 'SENT'
        ? html`<span class="ok hint">Receipt sent to ${sent.to}</span>`
        : html`<span class="error hint">Receipt not sent: ${sent.error}</span>`;
    }
    const p = this.payment!;
    if (p.notificationStatus === 'SENT')
      return html`<span class="hint">Receipt sent${p.notifiedAt ? ` ${formatDateTime(p.notifiedAt)}` : ''}${receiptOutcome(p)}</span>`;
    if (p.notificationStatus === 'FAILED')
      return html`<span class="error hint">Receipt not sent${p.notifiedAt ? ` ${formatDateTime(p.notifiedAt)}` : ''}</span>`;
    return nothing;
  }

  override render() {
    const p = this.payment;
    if (!p) return nothing;
    const again = !!p.notificationStatus || !!this.send.value;
    return html`
      <span role="status">${this.renderOutcome()}</span>
      <button type="button" ?disabled=${!this.api || this.send.status === TaskStatus.PENDING} @click=${() => void this.send.run([p])}>
        ${again ? 'Send receipt again' : 'Send receipt'}<span class="visually-hidden"> for ${formatCents(p.amountCents)} from ${p.patronName}</span></button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-resend-receipt': SccResendReceipt;
  }
}
