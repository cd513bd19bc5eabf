import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, refusal } from '../graphql/errors';
import { TEAM_GROUPS, type InviteTeamMemberInput, type TeamMember } from '../graphql/types';
import { sccEvent } from '../events';
import { isEmail } from '../lib/domain/email';
import {
  fieldErrors,
  fieldHelp,
  focusFirstInvalid,
  formErrors,
  helpId,
  invalid,
  noErrors,
  withoutField,
  type FieldControl,
  type FieldErrors,
  type FormErrors,
} from '../lib/form-errors';
import { controls } from '../styles/shared';

type Control = 'invite-email' | 'invite-name' | 'invite-group';

/** The input fields the server may refuse by name, and the control each is typed in. */
const CONTROLS: Record<string, FieldControl<Control>> = {
  email: { id: 'invite-email', label: 'Email' },
  name: { id: 'invite-name', label: 'Name' },
  group: { id: 'invite-group', label: 'Role' },
};

/** What the admin is told once the invitation is made: whether the temporary password went out. */
export function invitedWords(member: TeamMember): string {
  if (member.mailStatus === 'FAILED') {
    return `${member.email} was added, but the email with their temporary password did not go out (${member.mailError ?? 'mail failed'}). Use “Reset password” on their row to send another.`;
  }
  return `${member.email} was added and emailed a temporary password. They choose their own when they first sign in.`;
}

/**
 * Invites someone to the team: email, name and group; the server mails a temporary password.
 *
 * @fires scc-team-changed - Someone was invited; detail `{ member }`.
 * @csspart form - The form.
 */
@customElement('scc-team-invite')
export class SccTeamInvite extends LitElement {
  static override styles = [
    controls,
    css`
    :host { display: block; }
    .row { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.25rem; }
    .error, .done { overflow-wrap: anywhere; }
    h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;

  private inviting = new Task(this, {
    autoRun: false,
    task: async ([input]: readonly [InviteTeamMemberInput]) => {
      const member = await this.api!.inviteTeamMember(input);
      this.form.reset();
      this.dispatchEvent(sccEvent('scc-team-changed', { member }));
      return member;
    },
    onError: (error) => {
      this.errors = formErrors(
        error,
        CONTROLS,
        refusal(error).reason === 'ALREADY_MEMBER'
          ? 'That person is already on the team: find them in the list below to change their role or reset their password.'
          : describeError(error, { Busy: 'Another change to the team was being saved at that moment. Try again.' }),
      );
      void focusFirstInvalid(this);
    },
  });

  @query('form') private form!: HTMLFormElement;

  @state() private errors: FormErrors<Control> = noErrors();

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.inviting.status === TaskStatus.PENDING) return;
    const data = new FormData(this.form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const input = {
      email: text('email').toLowerCase(),
      name: text('name'),
      group: text('group') as InviteTeamMemberInput['group'],
    };
    const errors: FieldErrors<Control> = {};
    if (!isEmail(input.email)) errors['invite-email'] = 'Enter an email address like jo@example.com.';
    if (!input.name) errors['invite-name'] = 'Enter their name, as the team knows them.';
    if (!TEAM_GROUPS.some((g) => g.value === input.group)) errors['invite-group'] = 'Choose a role.';
    this.errors = fieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      void focusFirstInvalid(this);
      return;
    }
    void this.inviting.run([input]);
  }

  private renderOutcome() {
    if (this.inviting.status === TaskStatus.COMPLETE && this.inviting.value) {
      return html`<p class="done" role="status">${invitedWords(this.inviting.value)}</p>`;
    }
    return this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing;
  }

  override render() {
    const e = this.errors.fields;
    const pending = this.inviting.status === TaskStatus.PENDING;
    return html`
      <h2 id="invite-heading">Invite someone</h2>
      <form part="form" class="stack" novalidate aria-labelledby="invite-heading" @submit=${this.onSubmit}
        @input=${(ev: Event) => {
          const id = (ev.target as HTMLElement).id as Control;
          this.errors = withoutField(this.errors, id);
        }}>
        <div class="row">
          <label for="invite-email">Email</label>
          <input id="invite-email" name="email" type="email" autocomplete="off" required
            aria-invalid=${invalid(e['invite-email'])} aria-describedby=${helpId('invite-email')} />
          ${fieldHelp('invite-email', e['invite-email'])}
        </div>
        <div class="row">
          <label for="invite-name">Name</label>
          <input id="invite-name" name="name" autocomplete="off" required maxlength="100"
            aria-invalid=${invalid(e['invite-name'])} aria-describedby=${helpId('invite-name')} />
          ${fieldHelp('invite-name', e['invite-name'])}
        </div>
        <div class="row">
          <label for="invite-group">Role</label>
          <select id="invite-group" name="group" aria-invalid=${invalid(e['invite-group'])} aria-describedby=${helpId('invite-group')}>
            ${TEAM_GROUPS.map((g) => html`<option value=${g.value}>${g.label}</option>`)}
          </select>
          ${fieldHelp('invite-group', e['invite-group'], 'Crew run sailings; accounting see payments; admins do everything, this page included.')}
        </div>
        ${this.renderOutcome()}
        <div><button class="primary" type="submit" ?disabled=${pending} aria-busy=${pending ? 'true' : 'false'}>
          ${pending ? 'Inviting…' : 'Invite'}</button></div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-team-invite': SccTeamInvite;
  }
}
