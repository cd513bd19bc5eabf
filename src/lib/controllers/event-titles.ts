import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DataClient } from '../../graphql/client';
import type { EventSummary } from '../../graphql/types';
import { formatDate } from '../domain/dates';

/** eventTitles answers at most this many ids a call. */
const PER_CALL = 100;
/** What eventTitles takes as an event id (requireId): anything else (the team's `TEAM` trail) is no event, and would fail the whole call. */
const EVENT_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * Event ids as a person reads them: "Fair Weather Sail, Dec 10, 2026" (its day in the operator's
 * zone), for screens that name another event (where a payment or a patron moved, whose records a
 * line belongs to, a found patron's booking), with whether it was cancelled. After each render the
 * ids the host names now are asked of eventTitles (eventSummaries), each id once, 100 a call. Until
 * its title is known, or where it cannot be (an event since deleted, the connection down), a label
 * is the id itself: true, if less readable, and still the link's target.
 */
export class EventTitles implements ReactiveController {
  private readonly known = new Map<string, EventSummary>();
  private readonly asked = new Set<string>();
  private api?: DataClient;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: () => { api?: DataClient; ids: readonly (string | null | undefined)[] },
  ) {
    host.addController(this);
  }

  hostUpdated() {
    const { api, ids } = this.config();
    if (!api) return;
    if (api !== this.api) {
      this.api = api;
      this.asked.clear();
    }
    const wanted = [...new Set(ids)].filter((id): id is string => !!id && EVENT_ID.test(id) && !this.asked.has(id));
    for (let i = 0; i < wanted.length; i += PER_CALL) void this.load(api, wanted.slice(i, i + PER_CALL));
  }

  /** The event's title and day, or its id while that is not known. */
  label(id: string): string {
    const e = this.known.get(id);
    return e ? `${e.title}, ${formatDate(e.startsAt)}` : id;
  }

  /** The event as eventTitles answered it; undefined while (or where) that is not known. */
  summary(id: string): EventSummary | undefined {
    return this.known.get(id);
  }

  private async load(api: DataClient, ids: string[]) {
    for (const id of ids) this.asked.add(id);
    let found: (EventSummary | null)[];
    try {
      found = await api.eventSummaries(ids);
    } catch {
      // The ids stay as they are shown; the next screen that names them asks again.
      return;
    }
    found.forEach((e, i) => {
      if (e) this.known.set(ids[i]!, e);
    });
    this.host.requestUpdate();
  }
}
