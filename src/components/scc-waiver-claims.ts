import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { apiContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { isStale } from '../graphql/errors';
import { formErrors, noErrors, type FormErrors } from '../lib/form-errors';
import type { Event, WaiverClaim } from '../graphql/types';
import { sccEvent } from '../events';
import { formatDateTime } from '../lib/domain/dates';
import { can, type CurrentUser } from '../lib/domain/roles';
import { controls, rosterRows } from '../styles/shared';

/**
 * The signatures held off their booking (getEvent's claims): signed on the event's public link
 * under a booked patron's email. Anyone can type any address there, so such a signature does not
 * replace the booking's waiver; it waits here as "claims to be <patron>" until crew, having checked
 * who signed, match it (matchWaiverClaim), or the patron signs through their personal link.
 *
 * @fires scc-patron-changed - A claim was matched; detail `{ entry, change: 'updated' }`.
 * @fires scc-data-stale - The match was refused because the data changed: views reload.
 * @csspart claims - The list of held signatures.
 */
@customElement('scc-waiver-claims')
export class SccWaiverClaims extends LitElement {
  static override styles = [
    controls,
    rosterRows,
    css`
    :host { display: block; }
    h3 { margin: 1rem 0 0.5rem; font-size: 1.05rem; }
  `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  private matching = new ResettableTask(this, () => this.matchTask());

  @property({ attribute: false }) event?: Event;
  @property({ attribute: false }) claims: WaiverClaim[] = [];

  @state() private errors: FormErrors = noErrors();

  private matchTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([c]: readonly [WaiverClaim]) => {
        const entry = await this.api!.matchWaiverClaim(c.eventId, c.email, c.waiverId);
        this.dispatchEvent(sccEvent('scc-patron-changed', { entry, change: 'updated' }));
        return entry;
      },
      onError: (error) => {
        this.errors = formErrors(error);
        if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
      },
    });
  }

  private match(c: WaiverClaim) {
    this.errors = noErrors();
    this.matching.reset();
    void this.matching.run([c]);
  }

  override render() {
    if (!this.event || this.claims.length === 0) return nothing;
    const pending = this.matching.status === TaskStatus.PENDING;
    return html`
      <h3 id="claims-heading">Signatures waiting for a match (${this.claims.length})</h3>
      <p class="hint">Signed on the event's public link under a booked patron's email. Anyone can type an address
        there, so these do not count as that patron's waiver until you check who signed and match them, or the
        patron signs through their personal link.</p>
      ${this.errors.form ? html`<p class="error" role="alert">${this.errors.form}</p>` : nothing}
      <ul part="claims" aria-labelledby="claims-heading">
        ${this.claims.map(
          (c) => html`
          <li>
            <div class="who">
              <strong>${c.waiverSignedBy}</strong>
              <span class="hint">claims to be ${c.claimsName} (${c.email})</span>
            </div>
            <p class="waiver">Signed ${formatDateTime(c.waiverSignedAt)} · covers ${c.waiverPeople}${
              c.waiverMinors.length ? html` (with ${c.waiverMinors.join(', ')})` : nothing
            } · not matched</p>
            ${
              can.matchWaiverClaim(this.user)
                ? html`<div class="actions-row"><button type="button" ?disabled=${pending} @click=${() => this.match(c)}>
                  Match to ${c.claimsName}'s booking<span class="visually-hidden"> (signed by ${c.waiverSignedBy})</span></button></div>`
                : nothing
            }
          </li>`,
        )}
      </ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-waiver-claims': SccWaiverClaims;
  }
}
