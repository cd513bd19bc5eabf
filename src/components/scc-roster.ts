import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError } from '../graphql/errors';
import type { Event, RosterEntry } from '../graphql/types';
import { sccEvent } from '../events';
import { formatCents } from '../lib/money';
import { formatDateTime } from '../lib/dates';
import { can, type CurrentUser } from '../lib/roles';
import { controls } from '../styles/shared';
import './scc-patron-form';
import type { SccPatronForm } from './scc-patron-form';

/** Where a patron signs the event's waiver (DESIGN.md §5: served by the waiver Lambda). */
export function waiverLink(eventId: string, origin = location.origin): string {
  return `${origin}/g/${encodeURIComponent(eventId)}/waiver`;
}

/**
 * The patrons of one event: party size, due, paid, balance and waiver status, with per-row actions.
 *
 * @fires scc-open-payment - "Log payment" on a row; detail `{ eventId, patronEmail }`.
 * @fires scc-show-history - "History" on a row; detail `{ email }`.
 * @fires scc-patron-changed - A patron was added, edited or removed.
 * @csspart list - The list of patrons.
 */
@customElement('scc-roster')
export class SccRoster extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; }
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5rem; }
      li {
        border: 1px solid var(--_line); border-radius: 10px; padding: 0.75rem; background: var(--_surface);
        display: grid; gap: 0.5rem; grid-template-columns: minmax(12rem, 2fr) minmax(16rem, 3fr);
      }
      @media (max-width: 40rem) { li { grid-template-columns: 1fr; } }
      .who strong { display: block; }
      dl { display: grid; grid-template-columns: repeat(4, minmax(4rem, 1fr)); gap: 0.25rem; margin: 0; }
      dt { color: var(--_muted); font-size: 0.8rem; }
      dd { margin: 0; font-variant-numeric: tabular-nums; }
      .actions-row { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 0.5rem; }
      .toolbar { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
      h2 { margin: 0; font-size: 1.2rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  private removing = this.removeTask();

  @query('scc-patron-form') private patronForm!: SccPatronForm;
  @query('dialog.remove') private removeDialog!: HTMLDialogElement;

  @state() private copied = '';
  @state() private copyFailed = '';
  @state() private toRemove?: RosterEntry;

  @property({ attribute: false }) event?: Event;
  @property({ attribute: false }) entries: RosterEntry[] = [];

  private removeTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([entry]: readonly [RosterEntry]) => {
        const removed = await this.api!.removePatron(entry.eventId, entry.email);
        this.removeDialog.close();
        this.dispatchEvent(sccEvent('scc-patron-changed', { entry: removed, change: 'removed' }));
        return removed;
      },
    });
  }

  private async copyWaiverLink(entry: RosterEntry) {
    const link = waiverLink(entry.eventId);
    try {
      await navigator.clipboard.writeText(link);
      this.copied = entry.email;
      this.copyFailed = '';
    } catch {
      this.copyFailed = entry.email;
    }
  }

  private askRemove(entry: RosterEntry) {
    this.toRemove = entry;
    this.removeController(this.removing);
    this.removing = this.removeTask();
    this.removeDialog.showModal();
  }

  override render() {
    const event = this.event;
    if (!event) return nothing;
    const heads = this.entries.reduce((sum, r) => sum + r.partySize, 0);
    return html`
      <section aria-labelledby="roster-heading">
        <div class="toolbar">
          <h2 id="roster-heading">Roster <span class="muted">(${heads} aboard of ${event.capacity})</span></h2>
          ${can.addPatron(this.user)
            ? html`<button type="button" @click=${() => this.patronForm.show()}>Add patron</button>`
            : nothing}
        </div>
        ${this.entries.length === 0
          ? html`<p class="muted">No patrons yet.</p>`
          : html`<ul part="list">${this.entries.map((r) => this.renderEntry(r))}</ul>`}
      </section>
      <scc-patron-form eventId=${event.id} priceCents=${event.priceCents}></scc-patron-form>
      ${this.renderRemoveDialog()}
    `;
  }

  private renderEntry(r: RosterEntry) {
    const id = `patron-${r.email.replace(/[^a-z0-9]/gi, '-')}`;
    const who = html`<span class="visually-hidden"> for ${r.name}</span>`;
    return html`
      <li aria-labelledby=${id}>
        <div class="who">
          <strong id=${id}>${r.name}</strong>
          <span class="hint">${r.email}${r.phone ? html` · ${r.phone}` : nothing}</span>
          ${r.notes ? html`<span class="hint">${r.notes}</span>` : nothing}
        </div>
        <dl>
          <div><dt>Party</dt><dd>${r.partySize}</dd></div>
          <div><dt>Due</dt><dd>${formatCents(r.amountDueCents)}</dd></div>
          <div><dt>Paid</dt><dd>${formatCents(r.paidCents)}</dd></div>
          <div><dt>Balance</dt><dd class=${r.balanceCents > 0 ? '' : 'ok'}>${formatCents(r.balanceCents)}</dd></div>
        </dl>
        <div class="actions-row">
          ${r.waiverSignedAt
            ? html`<span class="ok">Waiver signed ${formatDateTime(r.waiverSignedAt)}</span>`
            : html`<button type="button" @click=${() => this.copyWaiverLink(r)}>Copy waiver link${who}</button>
                <span role="status" class=${this.copyFailed === r.email ? '' : 'ok'}>
                  ${this.copied === r.email ? 'Link copied' : nothing}
                  ${this.copyFailed === r.email ? html`Copy this link: <code>${waiverLink(r.eventId)}</code>` : nothing}
                </span>`}
          ${can.logPayment(this.user) && r.balanceCents > 0
            ? html`<button type="button" class="primary"
                @click=${() => this.dispatchEvent(sccEvent('scc-open-payment', { eventId: r.eventId, patronEmail: r.email }))}>
                Log payment${who}</button>`
            : nothing}
          <button type="button" @click=${() => this.dispatchEvent(sccEvent('scc-show-history', { email: r.email }))}>
            History${who}</button>
          ${can.editPatron(this.user)
            ? html`<button type="button" @click=${() => this.patronForm.show(r)}>Edit${who}</button>`
            : nothing}
          ${can.removePatron(this.user)
            ? html`<button type="button" class="danger" @click=${() => this.askRemove(r)}>Remove${who}</button>`
            : nothing}
        </div>
      </li>
    `;
  }

  private renderRemoveDialog() {
    const r = this.toRemove;
    const pending = this.removing.status === TaskStatus.PENDING;
    return html`
      <dialog class="remove" aria-labelledby="remove-heading">
        <h2 id="remove-heading">Remove ${r?.name ?? 'patron'}?</h2>
        <p>${r?.name} (party of ${r?.partySize}) comes off this event’s roster. Patrons with recorded payments
          can’t be removed: void their payments first.</p>
        ${this.removing.status === TaskStatus.ERROR
          ? html`<p class="error" role="alert">${describeError(this.removing.error, {
              Conflict: `${r?.name} has recorded payments. Void them first, then remove.`,
            })}</p>`
          : nothing}
        <div class="actions">
          <button type="button" @click=${() => this.removeDialog.close()}>Keep</button>
          <button type="button" class="danger primary" ?disabled=${pending}
            @click=${() => this.toRemove && this.removing.run([this.toRemove])}>${pending ? 'Removing…' : 'Remove'}</button>
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-roster': SccRoster;
  }
}
