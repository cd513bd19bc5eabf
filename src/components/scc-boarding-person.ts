import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { isStale, toApiError } from '../graphql/errors';
import { formErrors, noErrors, type FormErrors } from '../lib/form-errors';
import { sccEvent } from '../events';
import { formatDateTime } from '../lib/domain/dates';
import type { Person } from '../lib/domain/boarding';
import { controls } from '../styles/shared';

/**
 * One person at the gangway: who they are, whether a waiver covers them, and one button, Check in
 * or (once aboard) Undo, which asks why before undoing.
 *
 * @fires scc-boarding-changed - A check-in or undo went through, or was refused as stale.
 */
@customElement('scc-boarding-person')
export class SccBoardingPerson extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: grid; gap: 0.5rem; padding: 0.75rem 0; border-bottom: 1px solid var(--_line); }
      .who { display: flex; gap: 0.5rem; align-items: center; justify-content: space-between; }
      .name { font-weight: 600; overflow-wrap: anywhere; }
      .flag { color: var(--_danger); font-weight: 600; }
      button { flex: none; }
      form { display: grid; gap: 0.5rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @query('input[name=reason]') private reasonInput?: HTMLInputElement;

  @state() private busy = false;
  @state() private undoing = false;
  @state() private errors: FormErrors = noErrors();

  @property({ attribute: false }) person?: Person;
  @property() eventId = '';
  /** checkIn takes no one now (a cancelled sailing, a full boat: the page says why, once); undoing a check-in stays. */
  @property({ type: Boolean }) closed = false;

  private async save(action: (api: DataClient, p: Person) => Promise<unknown>) {
    if (!this.api || !this.person) return;
    this.busy = true;
    this.errors = noErrors();
    try {
      const checkIn = (await action(this.api, this.person)) as Person['checkIn'];
      this.undoing = false;
      this.dispatchEvent(sccEvent('scc-boarding-changed', { checkIn }));
    } catch (error) {
      // The server's refusals here (the boat is full, not in this party) are written for crew.
      const words = toApiError(error).detail;
      this.errors = formErrors(error, {}, { Conflict: words, NotFound: words });
      if (isStale(error)) this.dispatchEvent(sccEvent('scc-boarding-changed', { error }));
    } finally {
      this.busy = false;
    }
  }

  private onCheckIn() {
    void this.save((api, p) => api.checkIn(this.eventId, p.entry.email, p.person));
  }

  private async onUndo(e: SubmitEvent) {
    e.preventDefault();
    const reason = this.reasonInput?.value.trim() ?? '';
    if (!reason) {
      this.errors = { form: 'Say why the check-in is undone.', fields: {} };
      this.reasonInput?.focus();
      return;
    }
    await this.save((api, p) => api.undoCheckIn(this.eventId, p.entry.email, p.person, reason));
  }

  private async startUndo() {
    this.undoing = true;
    await this.updateComplete;
    this.reasonInput?.focus();
  }

  override render() {
    const p = this.person;
    if (!p) return nothing;
    const party = p.person === 'patron'
      ? (p.walkUp ? 'walk-up: signed the waiver, not booked' : `party of ${p.entry.partySize}`)
      : `${p.minor ? 'minor, ' : ''}with ${p.entry.name}`;
    return html`
      <div class="who">
        <div>
          <div class="name">${p.name}</div>
          <div class="hint">${party}${p.waiver ? nothing : html` · <span class="flag">no waiver</span>`}</div>
          ${p.checkIn ? html`<div class="hint">Checked in ${formatDateTime(p.checkIn.checkedInAt)} by ${p.checkIn.checkedInBy}</div>` : nothing}
        </div>
        ${p.checkIn
          ? (this.undoing ? nothing : html`<button type="button" ?disabled=${this.busy} aria-label="Undo check-in of ${p.name}" @click=${this.startUndo}>Undo</button>`)
          : this.closed ? nothing
          : html`<button class="primary" type="button" ?disabled=${this.busy} aria-label="Check in ${p.name}" @click=${this.onCheckIn}>Check in</button>`}
      </div>
      ${this.undoing
        ? html`<form @submit=${this.onUndo} novalidate>
            <label>Why undo ${p.name}’s check-in?<input name="reason" maxlength="500" autocomplete="off" ?disabled=${this.busy}></label>
            <div class="actions">
              <button type="button" @click=${() => { this.undoing = false; this.errors = noErrors(); }}>Keep checked in</button>
              <button class="danger primary" type="submit" ?disabled=${this.busy}>Undo check-in</button>
            </div>
          </form>`
        : nothing}
      ${this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-boarding-person': SccBoardingPerson;
  }
}
