import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import type { EventDetail } from '../graphql/types';
import { addDays, formatDay, today, toAwsDate, zoneName } from '../lib/domain/dates';
import { RetryWhenOnline, loadFailed, savedNotice } from '../lib/controllers/failed-load';
import { allPages } from '../lib/controllers/paged-list';
import { loadOrSaved, savedWhileLoading, todayKey, type Loaded } from '../lib/offline/offline-store';
import type { CurrentUser } from '../lib/domain/roles';
import { LiveEvents, liveNotice } from '../lib/controllers/live';
import { controls, page } from '../styles/shared';
import './scc-patron-search';
import './scc-today-sailing';

interface Day {
  day: string;
  label: string;
  sailings: EventDetail[];
}

interface Days {
  days: Day[];
}

/** A load as shown, with whose and which day's it is: never shown to another user, nor as another day's. */
type Shown = Loaded<Days> & { owner: string; key: string };

/**
 * Today, the page behind `/today`: a crew member's first screen on a phone. Today's and tomorrow's
 * sailings (days in the operator's zone), each with its roster's open waivers and balances: every
 * page of listEvents (one, short of a very busy two days), then one getEvent per sailing, side by side. Patron search sits on top: crew land
 * here, and a patron at the gangway is found by name or phone without leaving the dock.
 */
@customElement('scc-today-page')
export class SccTodayPage extends LitElement {
  static override styles = [
    controls,
    page,
    css`
      section { display: grid; gap: 0.75rem; }
      h2 { margin: 0.5rem 0 0; font-size: 1.25rem; }
    `,
  ];

  @consume({ context: apiContext, subscribe: true }) @state() private api?: DataClient;
  @consume({ context: revisionContext, subscribe: true }) @state() private revision = 0;
  @consume({ context: userContext, subscribe: true }) @state() private user?: CurrentUser;

  /**
   * The day's sailings, kept in IndexedDB for reading offline as on the event page: with no
   * connection the saved copy of today's load shows, marked with when it was saved, and so it does
   * until the first load answers (a slow link). Another day's copy is never shown as today's.
   */
  private days = new Task(this, {
    task: async ([api, owner]): Promise<Shown | typeof initialState> => {
      if (!owner) return initialState;
      const first = today();
      const key = todayKey(first);
      if (this.early?.owner !== owner || this.early.key !== key) void this.showSavedWhileLoading(owner, key);
      if (!api) return initialState;
      return { ...(await loadOrSaved(owner, key, () => this.load(api, first))), owner, key };
    },
    args: () => [this.api, this.user?.email, this.revision] as const,
  });

  private online = new RetryWhenOnline(this, () => [this.days]);

  /** Today's saved copy, on screen until the first load answers. */
  @state() private early?: Shown;

  /** Issue 16 §1: the sailings shown stay live (a payment or waiver elsewhere reloads the page). */
  private live = new LiveEvents(this, () => ({
    api: this.api,
    eventIds: this.days.value?.value.days.flatMap((d) => d.sailings.map((s) => s.event.id)) ?? [],
  }));

  private async load(api: DataClient, first: string): Promise<Days> {
    const second = addDays(first, 1);
    const events = await allPages((token) => api.listEvents(first, second, token));
    const details = await Promise.all(events.map((e) => api.getEvent(e.id)));
    const sailings = details.filter((d): d is EventDetail => d !== null);
    const on = (day: string) => sailings.filter((d) => toAwsDate(d.event.startsAt) === day);
    return {
      days: [
        { day: first, label: 'Today', sailings: on(first) },
        { day: second, label: 'Tomorrow', sailings: on(second) },
      ],
    };
  }

  private async showSavedWhileLoading(owner: string, key: string) {
    const saved = await savedWhileLoading<Days>(owner, key);
    const loading = this.days.status === TaskStatus.INITIAL || this.days.status === TaskStatus.PENDING;
    if (saved && loading) this.early = { ...saved, owner, key };
  }

  /** What to show while loading: this user's last load of today, else their saved copy of today, else nothing. */
  private whileLoading(): Shown | undefined {
    const ours = (shown?: Shown) =>
      shown?.owner === this.user?.email && shown?.key === todayKey(today()) ? shown : undefined;
    return ours(this.days.value) ?? ours(this.early);
  }

  override render() {
    return html`
      <h1>Today’s sailings</h1>
      <scc-patron-search></scc-patron-search>
      <p class="hint">Days in ${zoneName()}.${
        this.days.status === TaskStatus.PENDING && this.days.value
          ? html` <span role="status">Updating…</span>`
          : nothing
      }</p>
      ${liveNotice(this.live)}
      ${this.days.render({
        initial: () => this.renderLoading(),
        pending: () => this.renderLoading(),
        complete: (v) => this.renderDays(v),
        error: (error) => loadFailed('today’s sailings', error, this.days),
      })}
    `;
  }

  private renderLoading() {
    const shown = this.whileLoading();
    return shown ? this.renderDays(shown) : html`<p aria-busy="true">Loading today’s sailings…</p>`;
  }

  private renderDays({ value: v, saved }: Loaded<Days>) {
    return html`
      ${saved ? savedNotice(saved, this.days) : nothing}
      ${v.days.map(
        (d) => html`<section aria-labelledby="day-${d.day}">
        <h2 id="day-${d.day}">${d.label} · ${formatDay(d.day)}</h2>
        ${
          d.sailings.length
            ? d.sailings.map((s) => html`<scc-today-sailing .detail=${s}></scc-today-sailing>`)
            : html`<p class="hint">No sailings.</p>`
        }
      </section>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-today-page': SccTodayPage;
  }
}
