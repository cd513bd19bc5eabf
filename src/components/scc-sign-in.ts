import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { sccEvent } from '../events';
import { controls } from '../styles/shared';

/**
 * The email + password form. It only collects and reports; the shell signs in.
 *
 * @fires scc-sign-in - The form was submitted; detail `{ email, password }`.
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

  /** True while the shell is signing in. */
  @property({ type: Boolean }) busy = false;
  /** What went wrong with the last attempt, in words for people. */
  @property() error = '';
  /** A line under the heading, e.g. the demo accounts when running locally. */
  @property() hint = '';

  private onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.busy) return;
    const data = new FormData(e.target as HTMLFormElement);
    this.dispatchEvent(sccEvent('scc-sign-in', {
      email: String(data.get('email') ?? '').trim(),
      password: String(data.get('password') ?? ''),
    }));
  }

  override render() {
    return html`
      <p class="brand">Ship Captain Crew</p>
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
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-sign-in': SccSignIn;
  }
}
