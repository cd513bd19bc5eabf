import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { apiContext, revisionContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { Boarding } from '../graphql/types';
import { boardingList, type Person } from '../lib/domain/boarding';
import { formatDateTime, formatEventTime } from '../lib/domain/dates';
import { navigateOnClick } from '../lib/controllers/navigate';
import { RetryWhenOnline, loadFailed } from '../lib/controllers/failed-load';
import { LiveEvents, liveNotice } from '../lib/controllers/live';
import { controls, page } from '../styles/shared';
import './scc-boarding-person';

/**
 * How often the screen reloads by itself: for what no subscription carries (a walk-up signing the
 * waiver on the waiver page), and as a floor while the live link is lost.
 */
const REFRESH_MS = 15_000;

const personKey = (email: string, person: string) => `${email.toLowerCase()}#${person}`;

/**
 * Boarding, the page behind `/events/<id>/boarding`: the live head count against capacity, who is
 * not checked in yet, who is aboard without a waiver, and who is aboard, each with one button. It
 * reloads after every check-in, on another crew member's change (as the event page and
 * Today) and every 15 s, and says when what it shows was loaded and whether it is live.
 */
@customElement('scc-boarding-page')
export class SccBoardingPage extends LitElement {
  static override styles = [
    controls,
    page,
    css`
      .count { font-size: 1.25rem; margin: 0; }
      .count strong { font-size: 1.75rem; }
      .over { color: var(--_danger); }
      section h2 { font-size: 1.125rem; margin: 0.5rem 0 0; }
      ul { list-style: none; margin: 0; padding: 0; }
      .warn { border-left: 4px solid var(--_danger); padding-left: 0.75rem; }
      .warn li { font-weight: 600; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;

  /** Bumped by the refresh timer and after each check-in: a new load. */
  @state() private tick = 0;
  @state() private loadedAt = '';

  private boarding = new Task(this, {
    task: async ([api, id]) => {
      if (!api || !id) return initialState;
      const b = await api.boarding(id);
      this.loadedAt = new Date().toISOString();
      return b;
    },
    args: () => [this.api, this.eventId, this.revision, this.tick] as const,
  });

  private online = new RetryWhenOnline(this, () => [this.boarding]);
  /** Two crew at two gangways: the other's check-in reloads this page (the shell bumps `revision`). */
  private live = new LiveEvents(this, () => ({ api: this.api, eventIds: this.eventId ? [this.eventId] : [] }));
  private timer?: ReturnType<typeof setInterval>;

  @property() eventId = '';

  override connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (document.visibilityState === 'visible' && this.boarding.status !== TaskStatus.PENDING) this.tick += 1;
    }, REFRESH_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  /**
   * After a check-in, focus goes to the next person still ashore (their Check in), or, when they
   * were the last, to the same person's Undo once the reload shows them aboard: never to <body>.
   */
  private focusNext?: { key: string; aboard: boolean };
  private ashoreKeys: string[] = [];

  private onChanged = (e?: Event) => {
    const c = (
      e as CustomEvent<{ checkIn?: { email: string; person: string; status: string } } | undefined> | undefined
    )?.detail?.checkIn;
    if (c?.status === 'CHECKED_IN') {
      const own = personKey(c.email, c.person);
      const next = this.ashoreKeys[this.ashoreKeys.indexOf(own) + 1];
      this.focusNext =
        next && this.ashoreKeys.includes(own) ? { key: next, aboard: false } : { key: own, aboard: true };
      void this.moveFocus();
    }
    this.tick += 1;
  };

  private async moveFocus() {
    const want = this.focusNext;
    if (!want) return;
    const target = [...this.renderRoot.querySelectorAll('scc-boarding-person')].find(
      (el) => el.dataset.key === want.key,
    );
    // The person just checked in shows Check in until the reload moves them aboard: wait for it.
    if (!target || !!target.person?.checkIn !== want.aboard) return;
    if (await target.focusAction()) this.focusNext = undefined;
  }

  override updated() {
    if (this.focusNext) void this.moveFocus();
  }

  override render() {
    return html`
      <p class="row">
        <a href="/events/${encodeURIComponent(this.eventId)}" @click=${navigateOnClick}>← Event details</a>
        <a href="/events/${encodeURIComponent(this.eventId)}/manifest" @click=${navigateOnClick}>Passenger manifest</a>
      </p>
      ${this.boarding.render({
        initial: () => html`<h1 aria-busy="true">Loading boarding…</h1>`,
        pending: () =>
          this.boarding.value
            ? this.renderBoarding(this.boarding.value)
            : html`<h1 aria-busy="true">Loading boarding…</h1>`,
        complete: (b) =>
          b ? this.renderBoarding(b) : html`<h1>Event not found</h1><p>There is no event “${this.eventId}”.</p>`,
        error: (
          error,
        ) => html`<h1>Boarding</h1>${this.boarding.value ? this.renderBoarding(this.boarding.value, true) : nothing}
          ${loadFailed('the boarding list', error, this.boarding)}`,
      })}
    `;
  }

  private renderBoarding(b: Boarding, stale = false) {
    const e = b.event;
    // Rebooked onto another sailing: they board there, and checkIn refuses them here.
    const people = boardingList(b).filter((p) => p.checkIn || p.entry.status !== 'MOVED');
    const ashore = people.filter((p) => !p.checkIn);
    this.ashoreKeys = ashore.map((p) => personKey(p.entry.email, p.person));
    const aboard = people.filter((p) => p.checkIn);
    const unwaivered = aboard.filter((p) => !p.waiver);
    const count = e.checkedIn ?? 0;
    // Why checkIn would refuse everyone now (NO_ROOM once as many are aboard as the boat holds).
    const closed =
      e.status === 'CANCELLED'
        ? 'Sailing cancelled: no one boards it.'
        : count >= e.capacity
          ? `Boat full: ${count} of ${e.capacity} aboard. Undo a check-in or raise the capacity to board more.`
          : '';
    return html`
      <header>
        <h1>Boarding: ${e.title}</h1>
        <p class="hint">${formatEventTime(e.startsAt, e.endsAt)} · ${e.boat || 'boat not set'}</p>
        <p class="count ${count > e.capacity ? 'over' : ''}" role="status" aria-live="polite">
          <strong>${count}</strong> aboard of ${e.capacity} capacity · ${e.headCount ?? '—'} booked</p>
        <p class="hint">
          ${stale ? html`<span class="error">Not up to date: </span>` : nothing}
          As of ${this.loadedAt ? formatDateTime(this.loadedAt) : '—'}
          ${this.boarding.status === TaskStatus.PENDING ? html` · <span role="status">updating…</span>` : nothing}
          <button type="button" @click=${this.onChanged}>Refresh</button></p>
        ${liveNotice(this.live)}
        ${closed ? html`<p class="over" role="status">${closed}</p>` : nothing}
      </header>
      ${
        unwaivered.length
          ? html`<section class="warn" aria-labelledby="no-waiver"><h2 id="no-waiver">Aboard without a waiver (${unwaivered.length})</h2>
            <ul>${unwaivered.map((p) => html`<li>${p.name}</li>`)}</ul></section>`
          : nothing
      }
      ${this.section('ashore', `Not checked in (${ashore.length})`, ashore, 'Everyone booked is aboard.', !!closed)}
      ${this.section('aboard', `Checked in (${aboard.length})`, aboard, 'No one is aboard yet.', !!closed)}
    `;
  }

  private section(id: string, title: string, people: Person[], empty: string, closed: boolean) {
    return html`<section aria-labelledby=${id}>
      <h2 id=${id}>${title}</h2>
      ${
        people.length
          ? html`<ul>${repeat(
              people,
              (p) => personKey(p.entry.email, p.person),
              (p) => html`<li><scc-boarding-person .person=${p} eventId=${this.eventId} ?closed=${closed}
            data-key=${personKey(p.entry.email, p.person)}
            @scc-boarding-changed=${this.onChanged}></scc-boarding-person></li>`,
            )}</ul>`
          : html`<p class="hint">${empty}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-boarding-page': SccBoardingPage;
  }
}
