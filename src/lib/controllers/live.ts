import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { DataClient } from '../../graphql/client';
import type { LiveStatus } from '../../graphql/types';
import { sccEvent } from '../../events';

/** Changes arriving together (a payment moves the event's totals and the patron's) reload once. */
const SETTLE_MS = 150;

/**
 * Issue 16 §1: keeps a screen's events live. While the host is connected it watches each event it
 * shows (DataClient.watchEvent); another user's change dispatches `scc-live-changed`, on which the
 * shell reloads the views. `status` says whether changes are flowing, and since when they are not.
 */
export class LiveEvents implements ReactiveController {
  status: LiveStatus = 'off';
  /** When the live link was lost (what the screen shows may be older than this). */
  lostAt?: Date;
  /** What the watches last reported; the browser going offline overrides it. */
  private reported: LiveStatus = 'off';
  private watched = '';
  private api?: DataClient;
  private stops: (() => void)[] = [];
  private settle?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly source: () => { api?: DataClient; eventIds: readonly string[] },
  ) {
    host.addController(this);
  }

  hostUpdated() {
    const { api, eventIds } = this.source();
    const key = api ? eventIds.join(' ') : '';
    if (key === this.watched && api === this.api) return;
    this.stop();
    this.watched = key;
    this.api = api;
    if (!api) return;
    this.stops = eventIds.map((eventId) =>
      api.watchEvent(eventId, {
        changed: () => this.changed(eventId),
        status: (s) => {
          this.reported = s;
          this.setStatus(navigator.onLine || s === 'off' ? s : 'lost');
        },
      }),
    );
  }

  hostConnected() {
    window.addEventListener('offline', this.onNetwork);
    window.addEventListener('online', this.onNetwork);
  }

  hostDisconnected() {
    window.removeEventListener('offline', this.onNetwork);
    window.removeEventListener('online', this.onNetwork);
    this.stop();
    this.watched = '';
    this.api = undefined;
  }

  /** Without a network nothing live can arrive, whatever the socket still believes. */
  private readonly onNetwork = () => {
    if (this.reported === 'off') return;
    this.setStatus(navigator.onLine ? this.reported : 'lost');
  };

  private stop() {
    this.stops.forEach((stop) => stop());
    this.stops = [];
    clearTimeout(this.settle);
    this.settle = undefined;
  }

  private changed(eventId = this.watched.split(' ')[0] ?? '') {
    if (this.settle) return;
    this.settle = setTimeout(() => {
      this.settle = undefined;
      this.host.dispatchEvent(sccEvent('scc-live-changed', { eventId }));
    }, SETTLE_MS);
  }

  private setStatus(status: LiveStatus) {
    if (status === this.status) return;
    if (status === 'lost') this.lostAt ??= new Date();
    // Back from lost: changes made meanwhile were missed, so the screen reloads.
    if (status === 'live' && this.status === 'lost') this.changed();
    if (status === 'live') this.lostAt = undefined;
    this.status = status;
    // A watch reports its first status while the host is still finishing an update (hostUpdated).
    queueMicrotask(() => this.host.requestUpdate());
  }
}

const time = (d: Date) => d.toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

/** The one way a screen says how live it is: quietly when it is, plainly when it is not. */
export function liveNotice(live: LiveEvents) {
  switch (live.status) {
    case 'live':
      // Cancelling a sailing and moving a patron answer their own types, which no subscription may
      // carry (AppSync publishes only a mutation of the subscription's type): said, not implied.
      return html`<p class="hint live" role="status">Live: changes by others show up here.</p>
        <p class="hint not-live">Not shown until you reload: a sailing cancelled, or a patron moved to another sailing.</p>`;
    case 'connecting':
      return html`<p class="hint live" role="status">Connecting for live updates…</p>`;
    case 'lost':
      return html`<p class="error live" role="alert">${`Live updates lost${live.lostAt ? ` at ${time(live.lostAt)}` : ''}: others’ changes since then are not shown. Reconnecting…`}</p>`;
    default:
      return nothing;
  }
}
