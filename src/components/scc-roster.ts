import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { ResettableTask } from '../lib/controllers/resettable-task';
import { apiContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { isStale } from '../graphql/errors';
import { DialogForm } from '../lib/controllers/dialog';
import { formErrors, noErrors, type FormErrors } from '../lib/form-errors';
import type { Event, RosterEntry, WaiverClaim, WalkUp } from '../graphql/types';
import { coveredPeople } from '../../amplify/domain/people';
import { sccEvent } from '../events';
import { formatCents } from '../lib/domain/money';
import { formatDateTime } from '../lib/domain/dates';
import { can, type CurrentUser } from '../lib/domain/roles';
import { EventTitles } from '../lib/controllers/event-titles';
import { navigateOnClick } from '../lib/controllers/navigate';
import { controls, rosterRows } from '../styles/shared';
import './scc-patron-form';
import './scc-waiver-link';
import './scc-walk-ups';
import './scc-waiver-claims';
import './scc-correct-email';
import type { SccPatronForm } from './scc-patron-form';
import { mailProblem } from '../lib/domain/mail-problem';

/**
 * Rebooked onto another sailing: the entry stays here as a record, and every change to
 * it (updatePatron, removePatron, logPayment, sendWaiverLink, checkIn) is refused with PATRON_MOVED.
 */
const isMoved = (r: RosterEntry) => r.status === 'MOVED';

/** Where a patron signs the event's waiver: a page the waiver Lambda serves, outside the SPA, so patrons need no account. */
export function waiverLink(eventId: string, origin = location.origin): string {
  return `${origin}/g/${encodeURIComponent(eventId)}/waiver`;
}

/** Whether the name a waiver was signed with is the booking's (case, accents' absence and spacing aside). */
export function sameName(booked: string, signed: string): boolean {
  const plain = (s: string) => s.trim().replace(/\s+/g, ' ');
  return plain(booked).localeCompare(plain(signed), undefined, { sensitivity: 'accent' }) === 0;
}

/**
 * The patrons of one event: party size, due, paid, balance and waiver status (who signed, for whom,
 * and a flag when the signed name is not the booking's), with per-row actions; then the walk-ups
 * (`<scc-walk-ups>`), who signed the waiver without being booked.
 *
 * @fires scc-open-payment - "Log payment" on a row; detail `{ eventId, patronEmail }`.
 * @fires scc-show-history - "History" on a row; detail `{ email }`.
 * @fires scc-patron-changed - A patron was added (here or as a walk-up), edited or removed.
 * @fires scc-data-stale - A removal or walk-up addition was refused because the data changed: views reload.
 * @csspart list - The list of patrons.
 */
@customElement('scc-roster')
export class SccRoster extends LitElement {
  static override styles = [
    controls,
    rosterRows,
    css`
      :host { display: block; }
      dl { display: grid; grid-template-columns: repeat(4, minmax(4rem, 1fr)); gap: 0.25rem; margin: 0; }
      /* Four amounts side by side run together on a phone ($3,600.00$1,500.00): two by two there. */
      @media (max-width: 30rem) { dl { grid-template-columns: repeat(2, minmax(4rem, 1fr)); column-gap: 1rem; } }
      dt { color: var(--_muted); font-size: 0.8rem; }
      dd { margin: 0; font-variant-numeric: tabular-nums; }
      .toolbar { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
      h2 { margin: 0; font-size: 1.2rem; }
      .warn { color: var(--_danger); font-weight: 600; }
      /* A long address (a label, a simulator's) wraps rather than widen the row past a phone's screen. */
      .who { min-width: 0; overflow-wrap: anywhere; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  /** The sailings patrons were moved to, by title and day. */
  private titles = new EventTitles(this, () => ({ api: this.api, ids: this.entries.map((r) => r.movedTo) }));

  private removing = new ResettableTask(this, () => this.removeTask());

  @query('scc-patron-form') private patronForm!: SccPatronForm;
  private removeDialog = new DialogForm('remove');
  @state() private removeErrors: FormErrors = noErrors();

  @state() private copied = '';
  @state() private copyFailed = '';
  @state() private toRemove?: RosterEntry;

  @property({ attribute: false }) event?: Event;
  @property({ attribute: false }) entries: RosterEntry[] = [];
  /** Signed the waiver, not on the roster (getEvent's walkUps). */
  @property({ attribute: false }) walkUps: WalkUp[] = [];
  /** Public-link signatures under a booked email, held until crew match them (getEvent's claims). */
  @property({ attribute: false }) claims: WaiverClaim[] = [];
  /** Per patron email, what payments waiting for signal will take off the balance: shown, not counted. */
  @property({ attribute: false }) pendingCents: Record<string, number> = {};

  private removeTask() {
    return new Task(this, {
      autoRun: false,
      task: async ([entry]: readonly [RosterEntry]) => {
        const removed = await this.api!.removePatron(entry.eventId, entry.email);
        this.removeDialog.close();
        this.dispatchEvent(sccEvent('scc-patron-changed', { entry: removed, change: 'removed' }));
        return removed;
      },
      onError: (error) => {
        this.removeErrors = formErrors(
          error,
          {},
          { Conflict: `${this.toRemove?.name} has recorded payments. Void them first, then remove.` },
        );
        this.reportStale(error);
      },
    });
  }

  /** A refusal means the roster on screen was out of date (payments logged, patron gone): every view reloads it. */
  private reportStale(error: unknown) {
    if (isStale(error)) this.dispatchEvent(sccEvent('scc-data-stale', { error }));
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
    this.removeErrors = noErrors();
    this.removing.reset();
    this.removeDialog.open();
  }

  /** Places addPatron still books (it refuses a party larger: NO_ROOM), as the event was loaded. */
  private get placesLeft(): number {
    return this.event ? this.event.capacity - (this.event.headCount ?? 0) : 0;
  }

  override render() {
    const event = this.event;
    if (!event) return nothing;
    // A patron moved to another sailing counts nowhere here, as the server counts: their places are on the new sailing.
    const booked = this.entries.filter((r) => !isMoved(r));
    const heads = booked.reduce((sum, r) => sum + r.partySize, 0);
    // Counted as the server counts Event.waiversSigned: a waiver covers at most the party booked.
    const covered = booked.reduce((sum, r) => sum + coveredPeople(r), 0);
    return html`
      <section aria-labelledby="roster-heading">
        <div class="toolbar">
          <h2 id="roster-heading">Roster <span class="muted">(${heads} booked of ${event.capacity} · waivers cover ${covered} of ${heads})</span></h2>
          ${
            can.addPatron(this.user) && this.placesLeft > 0
              ? html`<button type="button" @click=${() => this.patronForm.show()}>Add patron</button>`
              : nothing
          }
          ${
            can.addPatron(this.user) && this.placesLeft <= 0
              ? html`<span class="hint">Full: no place left to book.</span>`
              : nothing
          }
        </div>
        ${
          can.sendWaiverLinks(this.user) && booked.some((r) => !r.waiverSignedAt)
            ? html`<scc-waiver-link eventId=${event.id}></scc-waiver-link>`
            : nothing
        }
        ${
          can.removePatron(this.user) && booked.some((r) => r.paidCents > 0)
            ? html`<p class="hint">To remove a patron who paid, void their payments first.</p>`
            : nothing
        }
        ${
          this.entries.length === 0
            ? html`<p class="muted">No patrons yet.</p>`
            : html`<ul part="list">${this.entries.map((r) => this.renderEntry(r))}</ul>`
        }
        <scc-waiver-claims .event=${event} .claims=${this.claims}></scc-waiver-claims>
        <scc-walk-ups .event=${event} .walkUps=${this.walkUps} .placesLeft=${this.placesLeft}></scc-walk-ups>
      </section>
      <scc-patron-form eventId=${event.id} priceCents=${event.priceCents}></scc-patron-form>
      ${this.renderRemoveDialog()}
    `;
  }

  private renderEntry(r: RosterEntry) {
    const id = `patron-${r.email.replace(/[^a-z0-9]/gi, '-')}`;
    const who = html`<span class="visually-hidden"> for ${r.name}</span>`;
    const moved = isMoved(r);
    return html`
      <li aria-labelledby=${id}>
        <div class="who">
          <strong id=${id}>${r.name}</strong>
          <span class="hint">${r.email}${r.phone ? html` · ${r.phone}` : nothing}</span>
          ${r.notes ? html`<span class="hint">${r.notes}</span>` : nothing}
          ${mailProblem(r) ? html`<strong class="warn mail-problem">${mailProblem(r)}</strong>` : nothing}
          ${mailProblem(r) && can.correctEmail(this.user) && !moved ? html`<scc-correct-email .entry=${r}></scc-correct-email>` : nothing}
        </div>
        <dl>
          <div><dt>Party</dt><dd>${r.partySize}</dd></div>
          <div><dt>Due</dt><dd>${formatCents(r.amountDueCents)}</dd></div>
          <div><dt>Paid</dt><dd>${formatCents(r.paidCents)}</dd></div>
          <div><dt>Balance</dt><dd class=${r.balanceCents > 0 ? '' : 'ok'}>${formatCents(r.balanceCents)}${
            this.pendingCents[r.email]
              ? html` <span class="hint">(${formatCents(this.pendingCents[r.email])} pending)</span>`
              : nothing
          }</dd></div>
        </dl>
        ${this.renderWaiver(r)}
        ${
          moved
            ? html`<p class="waiver"><strong>Moved to <a href="/events/${encodeURIComponent(r.movedTo ?? '')}"
          @click=${navigateOnClick}>${this.titles.label(r.movedTo ?? '')}</a></strong>: their booking, payments and waiver are changed there.</p>`
            : nothing
        }
        <div class="actions-row">
          ${
            r.waiverSignedAt || moved
              ? nothing
              : html`<button type="button" @click=${() => this.copyWaiverLink(r)}>Copy waiver link${who}</button>
                <span role="status" class=${this.copyFailed === r.email ? '' : 'ok'}>
                  ${this.copied === r.email ? 'Link copied' : nothing}
                  ${this.copyFailed === r.email ? html`Copy this link: <code>${waiverLink(r.eventId)}</code>` : nothing}
                </span>
                ${
                  can.sendWaiverLinks(this.user)
                    ? html`<scc-waiver-link eventId=${r.eventId} email=${r.email} name=${r.name}
                      .recorded=${{ status: r.waiverLinkStatus, sentAt: r.waiverLinkSentAt, error: r.waiverLinkError }}></scc-waiver-link>`
                    : nothing
                }`
          }
          ${
            can.logPayment(this.user) && r.balanceCents > 0 && !moved
              ? html`<button type="button" class="primary"
                @click=${() => this.dispatchEvent(sccEvent('scc-open-payment', { eventId: r.eventId, patronEmail: r.email }))}>
                Log payment${who}</button>`
              : nothing
          }
          <button type="button" @click=${() => this.dispatchEvent(sccEvent('scc-show-history', { email: r.email }))}>
            History${who}</button>
          ${
            can.editPatron(this.user) && !moved
              ? html`<button type="button" @click=${() => this.patronForm.show(r)}>Edit${who}</button>`
              : nothing
          }
          ${
            can.removePatron(this.user) && !moved && r.paidCents <= 0 && !(r.aboard ?? 0)
              ? html`<button type="button" class="danger" @click=${() => this.askRemove(r)}>Remove${who}</button>`
              : nothing
          }
        </div>
        ${
          (r.aboard ?? 0) > 0 && !moved
            ? html`<p class="hint aboard">${r.aboard} of this party checked in: undo their check-ins on Boarding before moving or removing them,
              or making the party smaller than the places they are in.</p>`
            : nothing
        }
      </li>
    `;
  }

  /** Who signed and for whom; a signed name that is not the booking's is flagged, never hidden. */
  private renderWaiver(r: RosterEntry) {
    // A move does not carry a waiver (docs/waivers.md): each sailing's text is its own, and only the
    // waiver page knows it, so the patron signs this sailing's; the one signed stays on the other.
    if (!r.waiverSignedAt && r.movedFrom) {
      return html`<p class="waiver muted">Waiver not signed for this sailing
        <span class="hint">· moved here from another sailing: a waiver is signed for its own sailing (one signed there stays in
        that sailing's records), so send this patron this sailing's link</span></p>`;
    }
    if (!r.waiverSignedAt) return html`<p class="waiver muted">Waiver not signed</p>`;
    const signer = r.waiverSignedBy ?? r.name;
    const people = r.waiverPeople ?? 1;
    const minors = (r.waiverMinors ?? []).filter(Boolean);
    return html`<p class="waiver">
      <span class="ok">Waiver signed ${formatDateTime(r.waiverSignedAt)}</span>
      by ${signer}${minors.length ? html` for themselves and ${minors.join(', ')}` : nothing}
      · covers ${Math.min(people, r.partySize)} of ${r.partySize}
      ${
        sameName(r.name, signer)
          ? nothing
          : html`<strong class="warn">· Signed as “${signer}”, booked as “${r.name}”: check who signed</strong>`
      }
      ${
        people > r.partySize
          ? html`<strong class="warn">· Waiver covers ${people}, booked ${r.partySize}: fix the party size</strong>`
          : nothing
      }
      ${people < r.partySize ? html`<span class="hint">· ${r.partySize - people} in the party still need a waiver</span>` : nothing}
    </p>`;
  }

  private renderRemoveDialog() {
    const r = this.toRemove;
    const pending = this.removing.status === TaskStatus.PENDING;
    return html`
      ${this.removeDialog.render({
        heading: `Remove ${r?.name ?? 'patron'}?`,
        intro: html`<p>${r?.name} (party of ${r?.partySize}) comes off this event’s roster. Patrons with recorded payments
          can’t be removed: void their payments first.</p>`,
        errors: this.removeErrors,
        cancel: 'Keep',
        submit: 'Remove',
        busyLabel: 'Removing…',
        busy: pending,
        danger: true,
        onSubmit: (e) => {
          e.preventDefault();
          if (this.toRemove && !pending) void this.removing.run([this.toRemove]);
        },
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-roster': SccRoster;
  }
}
