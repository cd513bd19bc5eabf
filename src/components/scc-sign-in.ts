import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sccEvent } from '../events';
import {
  fieldErrors,
  fieldHelp,
  focusFirstInvalid,
  invalid,
  noErrors,
  type FieldErrors,
  type FormErrors,
} from '../lib/form-errors';
import { controls } from '../styles/shared';

type ChooseField = 'new-password' | 'confirm-password';

/**
 * The email + password form, and, when the shell says the password was a temporary one (an
 * invitation, a reset), the form choosing the member's own. It only collects and reports; the
 * shell signs in.
 *
 * @fires scc-sign-in - The form was submitted; detail `{ email, password, newPassword? }`.
 * @csspart form - The form.
 */
@customElement('scc-sign-in')
export class SccSignIn extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; max-width: 24rem; margin: 2rem auto; padding: 0 1rem; }
      h1 { font-size: 1.5rem; margin-top: 0.25rem; }
      .brand { font-weight: 700; color: var(--_accent); margin: 0; }
    `,
  ];

  /** The email and temporary password of the sign-in that asked for a new one. */
  private pending = { email: '', password: '' };

  /** What is wrong with the new password typed; the shell says why a sign-in failed (`error`). */
  @state() private errors: FormErrors<ChooseField> = noErrors();

  /** True while the shell is signing in. */
  @property({ type: Boolean }) busy = false;
  /** The password given was temporary: ask for the member's own. */
  @property({ type: Boolean, attribute: 'choose-password' }) choosePassword = false;
  /** What went wrong with the last attempt, in words for people. */
  @property() error = '';
  /** A line under the heading, e.g. the demo accounts when running locally. */
  @property() hint = '';

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    this.pending = { email: String(data.get('email') ?? '').trim(), password: String(data.get('password') ?? '') };
    this.dispatchEvent(sccEvent('scc-sign-in', this.pending));
  }

  private onChoose(e: SubmitEvent) {
    e.preventDefault();
    if (this.busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    const newPassword = String(data.get('new-password') ?? '');
    const confirm = String(data.get('confirm-password') ?? '');
    const errors: FieldErrors<ChooseField> = {};
    if (newPassword.length < 8) errors['new-password'] = 'Use at least 8 characters.';
    else if (newPassword === this.pending.password)
      errors['new-password'] = 'Choose a password other than the temporary one.';
    if (!errors['new-password'] && confirm !== newPassword) errors['confirm-password'] = 'The two passwords differ.';
    this.errors = fieldErrors(errors);
    if (Object.keys(errors).length > 0) {
      void focusFirstInvalid(this);
      return;
    }
    this.dispatchEvent(sccEvent('scc-sign-in', { ...this.pending, newPassword }));
  }

  override render() {
    return html`
      <p class="brand">Ship Captain Crew</p>
      ${this.choosePassword && this.pending.email ? this.renderChoose() : this.renderSignIn()}
    `;
  }

  private renderSignIn() {
    return html`
      <h1>Sign in</h1>
      ${this.hint ? html`<p class="hint">${this.hint}</p>` : nothing}
      <form part="form" class="stack" @submit=${this.onSubmit}>
        <label>Email <input name="email" type="email" autocomplete="username" required /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    `;
  }

  private renderChoose() {
    const e = this.errors.fields;
    return html`
      <h1>Choose your password</h1>
      <p>You signed in as ${this.pending.email} with a temporary password. Choose your own: at least 8 characters,
        with upper- and lower-case letters, a digit and a symbol.</p>
      <form part="form" class="stack" novalidate @submit=${this.onChoose}>
        <input type="email" name="email" autocomplete="username" .value=${this.pending.email} hidden />
        <label for="new-password">New password</label>
        <input id="new-password" name="new-password" type="password" autocomplete="new-password" required
          aria-invalid=${invalid(e['new-password'])} aria-describedby="new-password-help" />
        ${fieldHelp('new-password', e['new-password'])}
        <label for="confirm-password">The same again</label>
        <input id="confirm-password" name="confirm-password" type="password" autocomplete="new-password" required
          aria-invalid=${invalid(e['confirm-password'])} aria-describedby="confirm-password-help" />
        ${fieldHelp('confirm-password', e['confirm-password'])}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? 'Saving…' : 'Save and sign in'}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-sign-in': SccSignIn;
  }
}
