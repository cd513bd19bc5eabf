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
import { formatCents } from '../lib/domain/money';
import { NO_WAIVER, OWES, boardingProblems } from '../../amplify/domain/people';
import type { BoardingProblem } from '../graphql/types';
import { controls } from '../styles/shared';

/** What checkIn's refusal carries (amplify/data/resolvers/checkIn.write.ts). */
interface Refusal {
  problems?: BoardingProblem[];
  owedCents?: number | null;
}

/**
 * One person at the gangway: who they are, whether a waiver covers them, what their booking owes,
 * and one button, Check in or (once aboard) Undo, which asks why before undoing. Someone with no
 * waiver, or whose booking owes money, boards only on a second, explicit button naming the problem:
 * the API refuses them without that acknowledgement and records it.
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
      form, .confirm { display: grid; gap: 0.5rem; }
      .confirm { border-left: 4px solid var(--_danger); padding-left: 0.75rem; }
      .confirm p { margin: 0; font-weight: 600; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  @query('input[name=reason]') private reasonInput?: HTMLInputElement;

  @state() private busy = false;
  @state() private undoing = false;
  @state() private errors: FormErrors = noErrors();
  /** The problems shown for a deliberate second step, and what was owed (from the row or the API's refusal). */
  @state() private confirming?: { problems: BoardingProblem[]; owedCents: number };

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
      const apiError = toApiError(error);
      const words = apiError.detail;
      if (apiError.kind === 'Conflict') this.refusal = apiError.info as Refusal | undefined;
      this.errors = formErrors(error, {}, { Conflict: words, NotFound: words });
      if (isStale(error)) this.dispatchEvent(sccEvent('scc-boarding-changed', { error }));
    } finally {
      this.busy = false;
    }
  }

  /** Owed on this person's booking as the row shows it (a walk-up holds no booking, owes nothing). */
  private get owed(): number {
    const p = this.person;
    return p && !p.walkUp ? Math.max(0, p.entry.balanceCents ?? 0) : 0;
  }

  private async onCheckIn() {
    const p = this.person;
    if (!p) return;
    const problems = boardingProblems(p, this.owed) as BoardingProblem[];
    if (problems.length) {
      await this.confirm({ problems, owedCents: this.owed });
      return;
    }
    await this.board([]);
  }

  /** Shows the problem and the explicit button, and puts focus on it (the Check in button is gone). */
  private async confirm(c: { problems: BoardingProblem[]; owedCents: number }) {
    this.confirming = c;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.confirm button.primary')?.focus();
  }

  private async board(acknowledge: BoardingProblem[]) {
    await this.save((api, p) => api.checkIn(this.eventId, p.entry.email, p.person, acknowledge));
    if (!this.errors.form) this.confirming = undefined;
    // The screen was older than the truth (a waiver removed, a balance grown): the API names the
    // problems as they stand, and they are asked for as if the row had shown them.
    const refusal = this.refusal;
    this.refusal = undefined;
    if (refusal?.problems?.length)
      await this.confirm({ problems: refusal.problems, owedCents: refusal.owedCents ?? 0 });
  }

  private refusal?: Refusal;

  /** Focus on this person's one button (Check in, or Undo once aboard): where focus goes after a check-in. */
  async focusAction(): Promise<boolean> {
    await this.updateComplete;
    const button = this.renderRoot.querySelector<HTMLButtonElement>('.who button');
    button?.focus();
    return !!button;
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

  private renderConfirm(p: Person, c: { problems: BoardingProblem[]; owedCents: number }) {
    const said = [
      c.problems.includes(NO_WAIVER) ? `${p.name} has no waiver` : '',
      c.problems.includes(OWES)
        ? `${p.person === 'patron' ? 'their' : `${p.entry.name}’s`} booking owes ${formatCents(c.owedCents)}`
        : '',
    ]
      .filter(Boolean)
      .join(', and ');
    return html`<div class="confirm" role="group" aria-labelledby="problem">
      <p id="problem">${said.charAt(0).toUpperCase() + said.slice(1)}.</p>
      <div class="actions">
        <button type="button" @click=${() => {
          this.confirming = undefined;
          this.errors = noErrors();
          void this.focusAction();
        }}>Not now</button>
        <button class="danger primary" type="button" ?disabled=${this.busy} @click=${() => this.board(c.problems)}>${boardLabel(c.problems, c.owedCents)}</button>
      </div>
    </div>`;
  }

  override render() {
    const p = this.person;
    if (!p) return nothing;
    const party =
      p.person === 'patron'
        ? p.walkUp
          ? 'walk-up: signed the waiver, not booked'
          : `party of ${p.entry.partySize}`
        : `${p.minor ? 'minor, ' : ''}with ${p.entry.name}`;
    return html`
      <div class="who">
        <div>
          <div class="name">${p.name}</div>
          <div class="hint">${party}${p.waiver ? nothing : html` · <span class="flag">no waiver</span>`}${
            this.owed > 0
              ? html` · <span class="flag">${p.person === 'patron' ? 'owes' : `${p.entry.name} owes`} ${formatCents(this.owed)}</span>`
              : nothing
          }</div>
          ${p.checkIn ? html`<div class="hint">Checked in ${formatDateTime(p.checkIn.checkedInAt)} by ${p.checkIn.checkedInBy}</div>` : nothing}
        </div>
        ${
          p.checkIn
            ? this.undoing
              ? nothing
              : html`<button type="button" ?disabled=${this.busy} aria-label="Undo check-in of ${p.name}" @click=${this.startUndo}>Undo</button>`
            : this.closed || this.confirming
              ? nothing
              : html`<button class="primary" type="button" ?disabled=${this.busy} aria-label="Check in ${p.name}" @click=${this.onCheckIn}>Check in</button>`
        }
      </div>
      ${this.confirming && !p.checkIn && !this.closed ? this.renderConfirm(p, this.confirming) : nothing}
      ${
        this.undoing
          ? html`<form @submit=${this.onUndo} novalidate>
            <label>Why undo ${p.name}’s check-in?<input name="reason" maxlength="500" autocomplete="off" ?disabled=${this.busy}></label>
            <div class="actions">
              <button type="button" @click=${() => {
                this.undoing = false;
                this.errors = noErrors();
              }}>Keep checked in</button>
              <button class="danger primary" type="submit" ?disabled=${this.busy}>Undo check-in</button>
            </div>
          </form>`
          : nothing
      }
      ${this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing}
    `;
  }
}

/** "Board without waiver", "Board — owes $40.00", or both: the second step says what it accepts. */
function boardLabel(problems: readonly string[], owedCents: number): string {
  const noWaiver = problems.includes(NO_WAIVER);
  const owes = problems.includes(OWES);
  if (noWaiver && owes) return `Board without waiver, owing ${formatCents(owedCents)}`;
  return noWaiver ? 'Board without waiver' : `Board — owes ${formatCents(owedCents)}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-boarding-person': SccBoardingPerson;
  }
}
