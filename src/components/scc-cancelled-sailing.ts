import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, isStale } from '../graphql/errors';
import type { Event, RosterEntry } from '../graphql/types';
import { sccEvent } from '../events';
import { allPages } from '../lib/controllers/paged-list';
import { cancelledMoney, refundPlan } from '../lib/domain/cancelled-money';
import { formatDateTime } from '../lib/domain/dates';
import { EventTitles } from '../lib/controllers/event-titles';
import { navigateOnClick } from '../lib/controllers/navigate';
import { formatCents } from '../lib/domain/money';
import { can, type CurrentUser } from '../lib/domain/roles';
import { controls } from '../styles/shared';
import './scc-refund-form';
import './scc-rebook-patron';
import type { SccRefundForm } from './scc-refund-form';

/** Issue 17 §3: a patron of a cancelled sailing is resolved once moved, or once all they paid is refunded. */
export const isResolved = (r: RosterEntry) => r.status === 'MOVED' || r.paidCents <= 0;

/**
 * A cancelled sailing in place of its roster: who cancelled it, when and why; the money
 * taken, refunded, moved and still to refund (nothing is owed); each patron's notice delivery ("Send
 * again" reaches those not notified, through notifyCancellation); who is still unresolved; and per
 * patron "Refund all" (what they paid, one refund per payment, each back the way it came in, from
 * the event's payments) and "Move to another sailing".
 *
 * @fires scc-event-changed - Notices were sent again; detail `{ event }`.
 * @fires scc-data-stale - The server refused because the data changed.
 */
@customElement('scc-cancelled-sailing')
export class SccCancelledSailing extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 1rem; }
      .banner { border: 2px solid var(--scc-danger, #b42318); border-radius: 8px; padding: 0.75rem; }
      .banner h2 { margin: 0 0 0.25rem; font-size: 1.2rem; color: var(--scc-danger, #b42318); }
      ul.patrons { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
      li { border: 1px solid var(--_line); border-radius: 8px; padding: 0.75rem; display: grid; gap: 0.5rem; overflow-wrap: anywhere; }
      .failed { color: var(--scc-danger, #b42318); }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  @property({ attribute: false }) event?: Event;
  @property({ attribute: false }) entries: RosterEntry[] = [];

  @query('scc-refund-form') private refundForm?: SccRefundForm;

  /** Every payment and refund of the event: how each patron paid, and the money's totals. */
  private payments = new Task(this, {
    task: async ([api, eventId]) =>
      api && eventId ? allPages((token) => api.payments({ kind: 'event', eventId }, token)) : [],
    args: () => [this.api, this.event?.id, this.revision, this.entries] as const,
  });

  /** The sailings patrons were moved to, by title and day. */
  private titles = new EventTitles(this, () => ({ api: this.api, ids: this.entries.map((r) => r.movedTo) }));

  private notifying = new Task(this, {
    autoRun: false,
    task: async ([eventId]: readonly [string]) => {
      const cancellation = await this.api!.notifyCancellation(eventId);
      this.dispatchEvent(sccEvent('scc-event-changed', { event: cancellation.event }));
      return cancellation;
    },
    onError: (error) => {
      if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
    },
  });

  override render() {
    const e = this.event;
    if (!e) return nothing;
    const open = this.entries.filter((r) => !isResolved(r));
    const unnotified = this.entries.filter((r) => r.status !== 'MOVED' && r.cancelNoticeStatus !== 'SENT').length;
    return html`
      <section class="banner" role="region" aria-labelledby="cancelled-heading">
        <h2 id="cancelled-heading">Cancelled</h2>
        <p>By ${e.cancelledBy ?? 'an admin'}${e.cancelledAt ? ` on ${formatDateTime(e.cancelledAt)}` : ''}: ${e.cancelReason}</p>
        ${this.renderMoney(e)}
        <p role="status"><strong>${open.length ? `${open.length} of ${this.entries.length} patrons unresolved` : 'Every patron is resolved'}</strong>
          (refunded all they paid, or moved).</p>
        ${
          unnotified && can.cancelEvent(this.user)
            ? html`<div class="row">
          <button type="button" ?disabled=${!this.api || this.notifying.status === TaskStatus.PENDING}
            @click=${() => void this.notifying.run([e.id])}>Send again to the ${unnotified} not notified</button>
          ${this.notifying.status === TaskStatus.ERROR ? html`<span class="error" role="alert">${describeError(this.notifying.error)}</span>` : nothing}
          ${this.notifying.status === TaskStatus.PENDING ? html`<span role="status">Sending…</span>` : nothing}</div>`
            : nothing
        }
      </section>
      <ul class="patrons" aria-label="Patrons of the cancelled sailing">${this.entries.map((r) => this.renderPatron(r))}</ul>
      ${can.refundPayment(this.user) ? html`<scc-refund-form></scc-refund-form>` : nothing}
    `;
  }

  /** Nothing is owed on a sailing that will not sail: what was taken, and what is still to refund. */
  private renderMoney(e: Event) {
    const held = html`<strong>${formatCents(e.paidCents)}</strong> still to refund`;
    return html`<p class="money">Nothing is owed.
      ${this.payments.render({
        pending: () => html`${held} <span class="hint" role="status">(loading what was taken and refunded…)</span>`,
        error: () => html`${held} <span class="hint">(what was taken and refunded could not be loaded)</span>`,
        complete: (payments) => {
          const m = cancelledMoney(payments);
          return html`Taken ${formatCents(m.takenCents)} · refunded ${formatCents(m.refundedCents)}${
            m.movedCents ? ` · moved with their patrons ${formatCents(m.movedCents)}` : ''
          } · ${held}`;
        },
      })}</p>`;
  }

  /** "Refund all": one refund per payment in its method when the payments account for what was paid; else one amount, method chosen. */
  private refundAll(r: RosterEntry) {
    const payments = this.payments.status === TaskStatus.COMPLETE ? (this.payments.value ?? []) : [];
    const parts = refundPlan(r.email, r.paidCents, payments);
    void this.refundForm?.show({
      eventId: r.eventId,
      patronEmail: r.email,
      patronName: r.name,
      refundableCents: r.paidCents,
      ...(parts ? { parts } : {}),
    });
  }

  private renderNotice(r: RosterEntry) {
    if (r.cancelNoticeStatus === 'SENT')
      return html`Notice sent${r.cancelNoticeSentAt ? ` ${formatDateTime(r.cancelNoticeSentAt)}` : ''}`;
    if (r.cancelNoticeStatus === 'FAILED') {
      return html`<span class="failed">Notice not sent: ${r.cancelNoticeError ?? 'the mail server refused it'}</span>
        ${
          can.cancelEvent(this.user)
            ? html`<button type="button" ?disabled=${!this.api || this.notifying.status === TaskStatus.PENDING}
          @click=${() => void this.notifying.run([r.eventId])}>Send again<span class="visually-hidden"> to ${r.name}</span></button>`
            : nothing
        }`;
    }
    return html`Notice not sent yet`;
  }

  private renderPatron(r: RosterEntry) {
    const moved = r.status === 'MOVED';
    const refund = () => this.refundAll(r);
    return html`
      <li data-email=${r.email}>
        <div><strong>${r.name}</strong> <span class="hint">${r.email}</span></div>
        <div>${moved ? nothing : html`${r.paidCents > 0 ? html`<strong>${formatCents(r.paidCents)}</strong> to refund` : 'Nothing to refund'} · `}${
          moved
            ? html`<strong>Moved to <a href="/events/${encodeURIComponent(r.movedTo ?? '')}" @click=${navigateOnClick}>${this.titles.label(r.movedTo ?? '')}</a></strong>`
            : isResolved(r)
              ? html`<strong>Resolved</strong>`
              : html`<strong class="failed">Unresolved</strong>`
        }</div>
        ${moved ? nothing : html`<div class="hint">${this.renderNotice(r)}</div>`}
        ${
          isResolved(r)
            ? nothing
            : html`<div class="row">
          ${can.refundPayment(this.user) ? html`<button type="button" @click=${refund}>Refund all<span class="visually-hidden"> ${formatCents(r.paidCents)} to ${r.name}</span></button>` : nothing}
          ${can.rebookPatron(this.user) ? html`<scc-rebook-patron .entry=${r}></scc-rebook-patron>` : nothing}</div>`
        }
      </li>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-cancelled-sailing': SccCancelledSailing;
  }
}
