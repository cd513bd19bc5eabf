import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import { sccEvent } from '../events';
import type { WaiverLinkDelivery } from '../graphql/types';
import { formatDateTime } from '../lib/domain/dates';
import { controls } from '../styles/shared';

/**
 * Sends patrons their personal waiver links: one patron (`email` set), or everyone on
 * the event not signed yet (`email` unset). Shows each send's outcome as the API recorded it
 * (sent when, or why it failed), from the roster entry until this element has sent one itself; a
 * failed send is retried with the same button.
 *
 * @fires scc-waiver-links-sent - after a send, with the deliveries, so the roster can reload
 */
@customElement('scc-waiver-link')
export class SccWaiverLink extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: inline-flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; align-items: center; }
      .ok { color: var(--scc-ok, #1a7f37); }
      .error { color: var(--scc-danger, #b42318); }
      .hint { font-size: 0.875rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @property() eventId = '';
  /** The patron to send to; unset: everyone on the event not signed. */
  @property() email?: string;
  /** For the button's accessible name. */
  @property() name = '';
  /** The last delivery recorded on the roster entry (RosterEntry.waiverLink*). */
  @property({ attribute: false }) recorded?: { status?: string | null; sentAt?: string | null; error?: string | null };

  private send = new Task(this, {
    autoRun: false,
    task: async () => {
      const deliveries = this.email
        ? [await this.api!.sendWaiverLink(this.eventId, this.email)]
        : await this.api!.sendWaiverLinks(this.eventId);
      this.dispatchEvent(sccEvent('scc-waiver-links-sent', { deliveries }));
      return deliveries;
    },
  });

  private renderOutcome(deliveries: WaiverLinkDelivery[] | undefined) {
    if (this.send.status === TaskStatus.PENDING) return html`Sending…`;
    if (this.send.status === TaskStatus.ERROR)
      return html`<span class="error">${describeError(this.send.error)}</span>`;
    if (deliveries && !this.email) {
      const failed = deliveries.filter((d) => d.status === 'FAILED');
      if (deliveries.length === 0) return html`<span class="ok">Everyone has signed: no links to send.</span>`;
      return html`<span class=${failed.length ? 'error' : 'ok'}>Sent ${deliveries.length - failed.length} of ${deliveries.length}
        ${failed.length ? html` · not sent to ${failed.map((d) => d.email).join(', ')}` : nothing}</span>`;
    }
    const last = deliveries?.[0] ?? this.recorded;
    if (!last?.status) return nothing;
    return last.status === 'SENT'
      ? html`<span class="ok hint">Link sent ${last.sentAt ? formatDateTime(last.sentAt) : ''}</span>`
      : html`<span class="error hint">Link not sent: ${last.error}</span>`;
  }

  override render() {
    const deliveries = this.send.value;
    const failed = (deliveries?.[0] ?? this.recorded)?.status === 'FAILED';
    const label = this.email
      ? failed
        ? 'Send waiver link again'
        : 'Send waiver link'
      : 'Send waiver links to everyone not signed';
    return html`
      <button type="button" ?disabled=${!this.api || this.send.status === TaskStatus.PENDING} @click=${() => void this.send.run()}>
        ${label}${this.email ? html`<span class="visually-hidden"> to ${this.name}</span>` : nothing}</button>
      <span role="status">${this.renderOutcome(deliveries)}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-waiver-link': SccWaiverLink;
  }
}
