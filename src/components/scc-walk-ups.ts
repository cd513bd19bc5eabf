import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { apiContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { describeError, isStale } from '../graphql/errors';
import type { Event, WalkUp } from '../graphql/types';
import { sccEvent } from '../events';
import { formatCents } from '../lib/domain/money';
import { formatDateTime } from '../lib/domain/dates';
import { can, type CurrentUser } from '../lib/domain/roles';
import { controls, rosterRows } from '../styles/shared';
import { refusalWords } from './scc-patron-form';

/**
 * The walk-ups of one event: who signed the waiver without being booked (getEvent's walkUps), for
 * crew to add to the roster (addPatron, the whole party) or not. They owe nothing and take no place
 * until added, so they are listed apart from the roster and never shown as paid.
 *
 * @fires scc-patron-changed - A walk-up was added to the roster; detail `{ entry, change: 'added' }`.
 * @fires scc-data-stale - The addition was refused because the data changed: views reload.
 * @csspart walk-ups - The list of walk-ups.
 */
@customElement('scc-walk-ups')
export class SccWalkUps extends LitElement {
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

  private adding = new ResettableTask(this, () => this.addTask());

  /** The walk-up being added, whom a refusal names. */
  private addingWalkUp?: WalkUp;

  @property({ attribute: false }) event?: Event;
  @property({ attribute: false }) walkUps: WalkUp[] = [];
  /** Places addPatron still books, as the roster counts them (it refuses a party larger: NO_ROOM). */
  @property({ type: Number }) placesLeft = 0;

  private addTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([w]: readonly [WalkUp]) => {
        const entry = await this.api!.addPatron({
          eventId: w.eventId,
          email: w.email,
          name: w.name,
          partySize: w.partySize,
          ...(w.phone ? { phone: w.phone } : {}),
        });
        this.dispatchEvent(sccEvent('scc-patron-changed', { entry, change: 'added' }));
        return entry;
      },
      // A refusal means the roster on screen was out of date: every view reloads it.
      onError: (error) => {
        if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
      },
    });
  }

  private addWalkUp(w: WalkUp) {
    this.addingWalkUp = w;
    this.adding.reset();
    void this.adding.run([w]);
  }

  override render() {
    const event = this.event;
    if (!event || this.walkUps.length === 0) return nothing;
    const failed = this.adding.status === TaskStatus.ERROR;
    const pending = this.adding.status === TaskStatus.PENDING;
    return html`
      <h3 id="walk-ups-heading">Signed, not on the roster (${this.walkUps.length})</h3>
      <p class="hint">They signed the waiver but are not booked: nothing is due from them and they take no place until
        crew add them to the roster.</p>
      ${
        failed
          ? html`<p class="error" role="alert">${describeError(this.adding.error, {
              Conflict: refusalWords(
                this.adding.error,
                false,
                this.addingWalkUp?.email ?? '',
                this.addingWalkUp?.partySize ?? 1,
              ),
            })}</p>`
          : nothing
      }
      <ul part="walk-ups" aria-labelledby="walk-ups-heading">
        ${this.walkUps.map(
          (w) => html`
          <li>
            <div class="who">
              <strong>${w.name}</strong>
              <span class="hint">${w.email}${w.phone ? html` · ${w.phone}` : nothing}</span>
            </div>
            <p class="waiver">Waiver signed ${formatDateTime(w.waiverSignedAt)} · party of ${w.partySize}${
              w.waiverMinors.length ? html` (with ${w.waiverMinors.join(', ')})` : nothing
            } · not booked</p>
            ${
              can.addPatron(this.user) && w.partySize > this.placesLeft
                ? html`<p class="hint">No room for a party of ${w.partySize}: ${Math.max(0, this.placesLeft)} of ${event.capacity} places left.</p>`
                : nothing
            }
            ${
              can.addPatron(this.user) && w.partySize <= this.placesLeft
                ? html`<div class="actions-row"><button type="button" ?disabled=${pending} @click=${() => this.addWalkUp(w)}>
                  Add to roster<span class="visually-hidden"> ${w.name}</span> (party of ${w.partySize}, ${formatCents(event.priceCents * w.partySize)} due)</button></div>`
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
    'scc-walk-ups': SccWalkUps;
  }
}
