import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, isStale, refusal, toApiError } from '../graphql/errors';
import { TEAM_GROUPS, type TeamGroup, type TeamMember } from '../graphql/types';
import { sccEvent } from '../events';
import { controls } from '../styles/shared';
import { formErrors, noErrors, type FormErrors } from '../lib/form-errors';

type Action = { kind: 'group'; group: TeamGroup } | { kind: 'disable' } | { kind: 'enable' } | { kind: 'reset' };

const groupLabel = (g: string | null | undefined) => TEAM_GROUPS.find((x) => x.value === g)?.label ?? 'No role';

/** What a member's status means to an admin. */
export function statusWords(m: TeamMember): string {
  if (!m.enabled) return 'Disabled: cannot sign in';
  if (m.status === 'FORCE_CHANGE_PASSWORD') return 'Invited: has not chosen a password yet';
  if (m.status === 'CONFIRMED') return 'Active';
  return m.status;
}

/** Why a change was refused, in words; the last-admin refusal names what to do instead. */
export function refusedWords(error: unknown): string {
  const { reason } = refusal(error);
  if (reason === 'LAST_ADMIN') return `${toApiError(error).detail} There must always be one admin who can sign in.`;
  // What was done, what failed and where the member stands now, in the server's words (team/run.ts).
  if (reason === 'PARTIAL_CHANGE') return toApiError(error).detail;
  return describeError(error, { Busy: 'Another change to the team was being saved at that moment. Try again.' });
}

/**
 * One member of the team: name, email, role and status, with an admin's actions: change role,
 * disable or enable, reset password (the last two asked to confirm).
 *
 * @fires scc-team-changed - The member was changed; detail `{ member }`.
 * @fires scc-data-stale - A change was refused because the list was out of date.
 * @csspart card - The member's card.
 */
@customElement('scc-team-member')
export class SccTeamMember extends LitElement {
  static override styles = [
    controls,
    css`
    :host { display: block; }
    article { border: 1px solid var(--_line); border-radius: 8px; padding: 0.75rem; display: grid; gap: 0.5rem; }
    h3 { margin: 0; font-size: 1rem; overflow-wrap: anywhere; }
    .email, .error, .done { overflow-wrap: anywhere; }
    .line { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
    .line label { display: grid; gap: 0.25rem; }
    .disabled { color: var(--_muted); }
    p { margin: 0; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private changing = new Task(this, {
    autoRun: false,
    task: async ([action]: readonly [Action]) => {
      const api = this.api!;
      const email = this.member!.email;
      const member =
        action.kind === 'group'
          ? await api.setTeamMemberGroup(email, action.group)
          : action.kind === 'disable'
            ? await api.disableTeamMember(email)
            : action.kind === 'enable'
              ? await api.enableTeamMember(email)
              : await api.resetTeamMemberPassword(email);
      this.confirming = undefined;
      this.dispatchEvent(sccEvent('scc-team-changed', { member }));
      return { action, member };
    },
    onError: (error) => {
      this.errors = formErrors(error, {}, refusedWords(error));
      if (isStale(error) && refusal(error).reason !== 'LAST_ADMIN')
        this.dispatchEvent(sccEvent('scc-data-stale', { error }));
    },
  });

  @state() private errors: FormErrors = noErrors();

  /** An action waiting for "yes" (disable, reset). */
  @state() private confirming?: Action;

  @property({ attribute: false }) member?: TeamMember;
  /** The signed-in admin's own row. */
  @property({ type: Boolean }) self = false;

  private run(action: Action) {
    if (this.changing.status === TaskStatus.PENDING) return;
    this.errors = noErrors();
    void this.changing.run([action]);
  }

  private onGroup(e: SubmitEvent) {
    e.preventDefault();
    const group = String(new FormData(e.target as HTMLFormElement).get('group')) as TeamGroup;
    if (group !== this.member?.group) this.run({ kind: 'group', group });
  }

  private renderOutcome() {
    if (this.errors.form) return html`<p class="error" role="alert">${this.errors.form}</p>`;
    const done = this.changing.status === TaskStatus.COMPLETE ? this.changing.value : undefined;
    if (done?.action.kind === 'reset') {
      return html`<p class="done" role="status">${
        done.member.mailStatus === 'FAILED'
          ? `The password was reset, but the email did not go out (${done.member.mailError ?? 'mail failed'}). Try again.`
          : 'A new temporary password was emailed; they choose their own at their next sign-in.'
      }</p>`;
    }
    if (done?.action.kind === 'group' && done.member.signedOut) {
      return html`<p class="done" role="status">Role changed, and signed out everywhere: their next sign-in has the new role.</p>`;
    }
    if (done?.action.kind === 'disable') {
      return html`<p class="done" role="status">${done.member.signedOut ? 'Disabled, and signed out everywhere.' : 'Disabled: they cannot sign in.'}</p>`;
    }
    return nothing;
  }

  private renderConfirm(action: Action) {
    const m = this.member!;
    const question =
      action.kind === 'disable'
        ? `Disable ${m.email}? They are signed out and cannot sign in until enabled again.`
        : `Reset the password of ${m.email}? They are signed out and emailed a temporary password.`;
    return html`<div class="line" role="group" aria-label="Confirm">
      <p>${question}</p>
      <button type="button" class="danger" @click=${() => this.run(action)}>${action.kind === 'disable' ? 'Disable' : 'Reset password'}</button>
      <button type="button" @click=${() => (this.confirming = undefined)}>Cancel</button>
    </div>`;
  }

  override render() {
    const m = this.member;
    if (!m) return nothing;
    const pending = this.changing.status === TaskStatus.PENDING;
    const who = m.name || m.email;
    return html`
      <article part="card" aria-busy=${pending ? 'true' : 'false'} aria-label=${who}>
        <h3 class=${m.enabled ? '' : 'disabled'}>${who}${this.self ? ' (you)' : ''}</h3>
        ${m.name ? html`<p class="email">${m.email}</p>` : nothing}
        <p><strong>${groupLabel(m.group)}</strong> · <span class="status">${statusWords(m)}</span></p>
        <form class="line" @submit=${this.onGroup}>
          <label>Role
            <select name="group" aria-label="Role of ${m.email}">
              ${TEAM_GROUPS.map((g) => html`<option value=${g.value} ?selected=${g.value === m.group}>${g.label}</option>`)}
            </select>
          </label>
          <button type="submit" ?disabled=${pending}>Change role</button>
        </form>
        ${
          this.confirming
            ? this.renderConfirm(this.confirming)
            : html`<div class="line">
          ${
            m.enabled
              ? html`<button type="button" class="danger" ?disabled=${pending} @click=${() => (this.confirming = { kind: 'disable' })}>Disable…</button>`
              : html`<button type="button" ?disabled=${pending} @click=${() => this.run({ kind: 'enable' })}>Enable</button>`
          }
          <button type="button" ?disabled=${pending} @click=${() => (this.confirming = { kind: 'reset' })}>Reset password…</button>
        </div>`
        }
        ${this.renderOutcome()}
      </article>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-team-member': SccTeamMember;
  }
}
