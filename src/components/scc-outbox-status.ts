import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { ApiErrorKind } from '../graphql/errors';
import { PAYMENT_METHODS } from '../graphql/types';
import { sccEvent } from '../events';
import { formatCents } from '../lib/domain/money';
import { navigateOnClick } from '../lib/controllers/navigate';
import { outbox, type Outbox, type OutboxEntry } from '../lib/offline/outbox';
import { OutboxWatch } from '../lib/controllers/outbox-watch';
import type { CurrentUser } from '../lib/domain/roles';
import { controls } from '../styles/shared';

/** What the person who entered a refused payment should do about it. */
const WHAT_TO_DO: Partial<Record<ApiErrorKind, string>> = {
  Conflict:
    'By the time it arrived it was more than the patron still owed (someone else logged a payment meanwhile). Open the event, check what they owe now, and log that amount if they still owe it; hand back any difference.',
  NotFound:
    'The patron or the event is no longer there (removed or renamed). Open the event to check, and log the payment where it belongs.',
  ValidationError: 'The server did not accept what was entered. Log it again with the details corrected.',
  Unauthorized: 'Your account may not log payments. Ask an admin to log it.',
};

const plural = (n: number) => `${n} payment${n === 1 ? '' : 's'}`;

/** The first wait after a send that left payments waiting; each next wait doubles, up to `retryEvery`. */
const FIRST_RETRY_MS = 500;

/**
 * The outbox as its owner sees it: how many payments wait for signal, and each one's outcome. A
 * refused payment stays, with what to do, until its person dismisses it. It also sends: when the
 * app starts, when the browser says the connection is back, when the phone is woken, and again while
 * something waits: soon at first, then less often, up to every `retryEvery` ms. The browser says
 * `online` as soon as a network interface is up, often before a request can get through (and in
 * Chromium before its network emulation or service worker has caught up), so the send it triggers
 * can still fail: the next try must come in a second, not at the next 30 s tick.
 *
 * @fires scc-payment-logged - A waiting payment was recorded; detail `{ payment }`.
 * @fires scc-data-stale - A waiting payment was refused: views reload what they show.
 */
@customElement('scc-outbox-status')
export class SccOutboxStatus extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      :host([hidden]) { display: none; }
      section { display: grid; gap: 0.5rem; padding: 0.5rem 1rem; background: #fff4e5; color: #4a2800; }
      ul { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.5rem; }
      li { display: grid; gap: 0.25rem; }
      .error { font-weight: 400; }
      p { margin: 0; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  private watch = new OutboxWatch(
    this,
    () => this.user?.email,
    () => this.box,
    (entry) => {
      if (entry.state === 'sent' && entry.payment)
        this.dispatchEvent(sccEvent('scc-payment-logged', { payment: entry.payment }));
      else this.dispatchEvent(sccEvent('scc-data-stale', { error: entry.refusal }));
    },
  );

  /** The outbox shown and sent from (the app's own unless a test gives another). */
  @property({ attribute: false }) box: Outbox = outbox();
  /** The longest wait between tries while payments wait. */
  @property({ type: Number }) retryEvery = 30_000;

  private timer?: ReturnType<typeof setTimeout>;
  private nextWait = FIRST_RETRY_MS;

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('online', this.send);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('online', this.send);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.timer);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    // The app has started (or someone else signed in): send what waited meanwhile.
    if (changed.has('api') || changed.has('user')) this.send();
  }

  private onVisible = () => {
    if (document.visibilityState === 'visible') this.send();
  };

  /** Sends what waits, in order (the outbox keeps two tabs from sending the same entry), trying again soon if some still wait. */
  readonly send = () => {
    this.nextWait = FIRST_RETRY_MS;
    void this.sendAndRetry();
  };

  private async sendAndRetry() {
    clearTimeout(this.timer);
    const { api, user, box } = this;
    if (!api || !user) return;
    await box.flush(api, user.email);
    if (!this.isConnected || api !== this.api || user !== this.user) return;
    if (!(await box.entries(user.email)).some((e) => e.state === 'waiting')) return;
    const wait = Math.min(this.nextWait, this.retryEvery);
    this.nextWait = Math.min(this.nextWait * 2, this.retryEvery);
    clearTimeout(this.timer);
    // Offline, the browser's `online` is the cue; the slow tries only cover a missed one.
    this.timer = setTimeout(() => void this.sendAndRetry(), navigator.onLine ? wait : this.retryEvery);
  }

  override render() {
    const entries = this.watch.entries;
    this.hidden = entries.length === 0;
    if (!entries.length) return nothing;
    const waiting = this.watch.waiting();
    const settled = entries.filter((e) => e.state !== 'waiting');
    return html`<section aria-label="Payments saved on this phone">
      ${
        waiting.length
          ? html`<p role="status"><strong>${plural(waiting.length)} waiting for signal</strong>: saved on this phone, not yet recorded.
            ${waiting[0].lastError === 'SignedOut' ? 'Sign in again to send them.' : ''}</p>
          <ul>${waiting.map((e) => html`<li>${this.describe(e)}</li>`)}</ul>`
          : nothing
      }
      ${settled.length ? html`<ul aria-label="Outcomes">${settled.map((e) => this.renderOutcome(e))}</ul>` : nothing}
    </section>`;
  }

  private describe(e: OutboxEntry) {
    const method = PAYMENT_METHODS.find((m) => m.value === e.input.method)?.label.toLowerCase();
    return html`<span>${formatCents(e.input.amountCents)} ${method} from ${e.patronName},
      <a href="/events/${encodeURIComponent(e.input.eventId)}" @click=${navigateOnClick}>${e.eventTitle}</a></span>`;
  }

  private renderOutcome(e: OutboxEntry) {
    const dismiss = html`<div class="row"><button type="button" @click=${() => this.box.dismiss(e.key)}
      aria-label="Dismiss the outcome of ${formatCents(e.input.amountCents)} from ${e.patronName}">Dismiss</button></div>`;
    if (e.state === 'sent') {
      return html`<li><p class="ok">Recorded: ${this.describe(e)}.</p>
        ${e.receiptStatus === 'FAILED' ? html`<p>The receipt was not sent: resend it from the event's payments.</p>` : nothing}
        ${dismiss}</li>`;
    }
    const kind = e.refusal?.kind ?? 'Unknown';
    return html`<li><div role="alert"><p class="error"><strong>Not recorded:</strong> ${this.describe(e)} was refused when it
      arrived (${e.refusal?.detail}).</p>
      <p>${WHAT_TO_DO[kind] ?? 'Open the event, check the roster, and log it again if it is still owed.'}</p></div>
      ${dismiss}</li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-outbox-status': SccOutboxStatus;
  }
}
