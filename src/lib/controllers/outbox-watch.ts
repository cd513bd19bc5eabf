import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Outbox, OutboxEntry } from '../offline/outbox';

/**
 * Keeps a host's view of one person's outbox entries current (this tab's changes and other tabs'),
 * and tells it when an entry it saw waiting is settled, so views can reload what they show.
 */
export class OutboxWatch implements ReactiveController {
  entries: OutboxEntry[] = [];
  private stop?: () => void;
  private owner?: string;
  private seenWaiting = new Set<string>();
  private reads = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ownerOf: () => string | undefined,
    private readonly boxOf: () => Outbox,
    private readonly onSettled: (entry: OutboxEntry) => void = () => undefined,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.stop = this.boxOf().onChange(() => void this.refresh());
    void this.refresh();
  }

  hostDisconnected() {
    this.stop?.();
  }

  hostUpdate() {
    if (this.ownerOf() !== this.owner) void this.refresh();
  }

  /** Waiting entries, optionally of one event. */
  waiting(eventId?: string): OutboxEntry[] {
    return this.entries.filter((e) => e.state === 'waiting' && (!eventId || e.input.eventId === eventId));
  }

  private async refresh() {
    this.owner = this.ownerOf();
    const read = (this.reads += 1);
    const entries = this.owner ? await this.boxOf().entries(this.owner) : [];
    // A later read is on its way: it, not this older one, says what is current.
    if (read !== this.reads) return;
    for (const entry of entries) {
      if (entry.state === 'waiting') this.seenWaiting.add(entry.key);
      else if (this.seenWaiting.delete(entry.key)) this.onSettled(entry);
    }
    this.entries = entries;
    this.host.requestUpdate();
  }
}
