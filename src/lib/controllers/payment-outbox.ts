import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DataClient } from '../../graphql/client';
import type { EventDetail, LogPaymentInput, Payment } from '../../graphql/types';
import { sccEvent } from '../../events';
import { eventKey, loadOrSaved } from '../offline/offline-store';
import { isNoSignal, outbox, type OutboxEntry } from '../offline/outbox';
import { OutboxWatch } from './outbox-watch';

/**
 * The payment form's side of the outbox: without signal it loads the roster as this person last
 * loaded it (the event page's saved copy in the offline store, so it outlasts a reload; saying when), counts the person's waiting payments against what a patron owes, and queues a
 * payment that cannot be sent now under its idempotency key.
 */
export class PaymentOutbox implements ReactiveController {
  /** When the roster shown was saved, while it is the saved copy rather than the server's latest. */
  loadedAt?: Date;
  private readonly watch: OutboxWatch;

  constructor(
    private readonly host: ReactiveControllerHost & EventTarget,
    private readonly owner: () => string | undefined,
  ) {
    this.watch = new OutboxWatch(host, owner, outbox);
    host.addController(this);
  }

  hostConnected() {}

  /**
   * The event from the server (saved for next time) or, with no signal, as this person last loaded
   * it on this phone; the server checks the balance again when the payment arrives.
   */
  async load(api: DataClient, eventId: string): Promise<EventDetail | null> {
    this.loadedAt = undefined;
    const owner = this.owner();
    const { value, saved } = owner
      ? await loadOrSaved(owner, eventKey(eventId), () => api.getEvent(eventId))
      : { value: await api.getEvent(eventId) };
    this.loadedAt = saved && new Date(saved.at);
    this.host.requestUpdate();
    return value;
  }

  /** What this person's payments waiting for signal will take from a patron's balance. */
  waitingCents(eventId: string, email: string): number {
    return this.watch
      .waiting(eventId)
      .filter((e) => e.input.patronEmail === email)
      .reduce((sum, e) => sum + e.input.amountCents, 0);
  }

  /**
   * Logs the payment or, offline, against a roster as last loaded, or when no answer comes, queues
   * it (a refusal is the server's answer, and is thrown as before).
   */
  async send(
    api: DataClient,
    input: LogPaymentInput,
    about: Pick<OutboxEntry, 'patronName' | 'eventTitle' | 'receipt'>,
  ): Promise<{ payment?: Payment; queued?: OutboxEntry }> {
    const payment =
      !navigator.onLine || this.loadedAt
        ? undefined
        : await api.logPayment(input).catch((error: unknown) => {
            if (isNoSignal(error)) return undefined;
            throw error;
          });
    if (payment) return { payment };
    const queued = await outbox().add({ key: input.idempotencyKey, owner: this.owner() ?? '', input, ...about });
    this.host.dispatchEvent(sccEvent('scc-payment-queued', { key: queued.key, eventId: input.eventId }));
    return { queued };
  }
}
