import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { Payment } from '../graphql/types';
import { sccEvent } from '../events';
import { controls } from '../styles/shared';

/**
 * Emails the receipt of a payment just logged, once per payment it is given (notifyPatron, which
 * records the delivery on the payment), says how that went, and offers Retry when the mail server
 * refused it. The payment modal shows it under "Logged …" when the receipt was asked for.
 *
 * @fires scc-receipt-sent - The receipt email was attempted; detail `{ notification }`.
 */
@customElement('scc-payment-receipt')
export class SccPaymentReceipt extends LitElement {
  static override styles = [
    controls,
    // The modal's result spacing (a grid, 0.75rem apart) for what this shows in it.
    css`:host { display: grid; gap: 0.75rem; }`,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private send = new Task(this, {
    autoRun: false,
    task: async ([payment]: readonly [Payment]) => {
      const notification = await this.api!.notifyPatron(payment.eventId, payment.id);
      this.dispatchEvent(sccEvent('scc-receipt-sent', { notification }));
      if (notification.status === 'FAILED') throw new Error(notification.error ?? 'the mail server refused it.');
      return notification;
    },
  });

  /** The payment whose receipt this sends: each new one is sent as soon as it is given. */
  @property({ attribute: false }) payment?: Payment;

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('payment') && this.payment) void this.send.run([this.payment]);
  }

  private retry() {
    if (this.payment) void this.send.run([this.payment]);
  }

  override render() {
    const to = this.payment?.patronEmail;
    return this.send.render({
      initial: () => html`<p role="status">Preparing the receipt…</p>`,
      pending: () => html`<p role="status">Emailing a receipt to ${to}…</p>`,
      complete: () => html`<p class="ok" role="status">Receipt sent to ${to}.</p>`,
      error: (error) => html`
        <p class="error" role="alert">The receipt was not sent: ${describeError(error, {
          Unknown: error instanceof Error ? error.message : 'the mail server refused it.',
        })}</p>
        <div class="row"><button type="button" @click=${this.retry}>Retry the receipt</button></div>
      `,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-payment-receipt': SccPaymentReceipt;
  }
}
