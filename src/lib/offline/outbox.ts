/**
 * The outbox: payments logged without signal wait here, in IndexedDB (database
 * `scc-outbox`, apart from the offline reading store), and are sent in the order they were entered
 * when the connection returns. Each keeps the idempotency key the payment modal gave it, and an
 * entry changes state only after the server's answer, so a reload or a locked phone between send
 * and answer sends it again under the same key: the server records it once (logPayment replays).
 * Web Locks keep two tabs from sending at the same moment.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DataClient } from '../../graphql/client';
import { ApiError, toApiError, type ApiErrorKind } from '../../graphql/errors';
import type { LogPaymentInput, Payment } from '../../graphql/types';

export type OutboxState = 'waiting' | 'sent' | 'refused';

export interface OutboxEntry {
  /** Order of entry (IndexedDB's own counter). */
  seq?: number;
  /** The payment's idempotency key. */
  key: string;
  /** Who entered it: only they send it (the server records them as loggedBy) and see its outcome. */
  owner: string;
  input: LogPaymentInput;
  patronName: string;
  eventTitle: string;
  /** Email the patron a receipt once it is recorded. */
  receipt: boolean;
  queuedAt: string;
  state: OutboxState;
  attempts: number;
  /** Why the last attempt did not get an answer (still waiting). */
  lastError?: string;
  /** The payment as the server recorded it. */
  payment?: Payment;
  refusal?: { kind: ApiErrorKind; detail: string };
  receiptStatus?: 'SENT' | 'FAILED';
}

interface OutboxDb extends DBSchema {
  payments: { key: number; value: OutboxEntry; indexes: { key: string } };
}

/** No answer yet, or none that settles it: the entry keeps waiting, and keeps its place in line. */
const TRY_AGAIN: ReadonlySet<ApiErrorKind> = new Set(['Network', 'Busy', 'SignedOut', 'Unknown']);

/** A failure that means the payment may not have reached the server: queue it rather than show an error. */
export function isNoSignal(thrown: unknown): boolean {
  return toApiError(thrown).kind === 'Network';
}

const CHANGED = 'scc-outbox-changed';

export class Outbox extends EventTarget {
  private db?: Promise<IDBPDatabase<OutboxDb>>;
  private channel?: BroadcastChannel;
  /** Where Web Locks are missing, at least this tab sends one entry at a time. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name = 'scc-outbox',
    /**
     * How long to wait for the server's answer before trying again later. On one bar a request
     * can hang without failing; meanwhile this tab holds the lock and nothing else is sent.
     */
    readonly answerWithinMs = 45_000,
  ) {
    super();
  }

  private open() {
    this.db ??= openDB<OutboxDb>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore('payments', { keyPath: 'seq', autoIncrement: true }).createIndex('key', 'key', {
          unique: true,
        });
      },
    });
    if (!this.channel && typeof BroadcastChannel === 'function') {
      // Other tabs of the same phone show the same outbox.
      this.channel = new BroadcastChannel(this.name);
      this.channel.onmessage = () => this.dispatchEvent(new Event(CHANGED));
    }
    return this.db;
  }

  private changed() {
    this.dispatchEvent(new Event(CHANGED));
    this.channel?.postMessage('changed');
  }

  /** Calls `listener` whenever an entry is added, settled or dismissed, in this tab or another; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    void this.open();
    this.addEventListener(CHANGED, listener);
    return () => this.removeEventListener(CHANGED, listener);
  }

  /** Queues a payment; queuing the same key again keeps the first. */
  async add(entry: Omit<OutboxEntry, 'seq' | 'state' | 'attempts' | 'queuedAt'>): Promise<OutboxEntry> {
    const db = await this.open();
    const tx = db.transaction('payments', 'readwrite');
    const existing = await tx.store.index('key').get(entry.key);
    if (existing) {
      await tx.done;
      return existing;
    }
    const stored: OutboxEntry = { ...entry, state: 'waiting', attempts: 0, queuedAt: new Date().toISOString() };
    stored.seq = await tx.store.add(stored);
    await tx.done;
    this.changed();
    return stored;
  }

  /** `owner`'s entries in the order they were entered. */
  async entries(owner: string): Promise<OutboxEntry[]> {
    const all = await (await this.open()).getAll('payments');
    return all.filter((e) => e.owner === owner);
  }

  /** Forgets a settled entry once its person has read the outcome; a waiting one is never dropped. */
  async dismiss(key: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction('payments', 'readwrite');
    const entry = await tx.store.index('key').get(key);
    if (entry && entry.state !== 'waiting') await tx.store.delete(entry.seq!);
    await tx.done;
    this.changed();
  }

  /**
   * Sends `owner`'s waiting payments in order, each after the one before it was answered. Stops at
   * the first that gets no answer (it stays first in line); a refusal is final and is kept, with the
   * server's reason, until dismissed. Resolves when this pass is over.
   */
  flush(api: DataClient, owner: string): Promise<void> {
    const pass = () => this.sendAll(api, owner);
    if (typeof navigator !== 'undefined' && navigator.locks)
      return navigator.locks.request(`${this.name}:send`, pass).then(() => undefined);
    const run = this.chain.then(pass);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async nextWaiting(owner: string): Promise<OutboxEntry | undefined> {
    const db = await this.open();
    for (let cursor = await db.transaction('payments').store.openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value.owner === owner && cursor.value.state === 'waiting') return cursor.value;
    }
    return undefined;
  }

  /** Writes `change` onto the stored entry if it is still in state `from` (another tab may have settled it). */
  private async settle(seq: number, change: Partial<OutboxEntry>, from: OutboxState = 'waiting'): Promise<void> {
    const db = await this.open();
    const tx = db.transaction('payments', 'readwrite');
    const current = await tx.store.get(seq);
    if (current?.state === from) await tx.store.put({ ...current, ...change });
    await tx.done;
    this.changed();
  }

  /** The server's answer, or no answer (Network) after answerWithinMs; the entry then keeps waiting. */
  private answered<T>(request: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ApiError('Network', `no answer within ${this.answerWithinMs} ms`)),
        this.answerWithinMs,
      );
    });
    return Promise.race([request, late]).finally(() => clearTimeout(timer));
  }

  private async sendAll(api: DataClient, owner: string): Promise<void> {
    for (let next = await this.nextWaiting(owner); next; next = await this.nextWaiting(owner)) {
      const seq = next.seq!;
      const attempts = next.attempts + 1;
      let payment;
      try {
        payment = await this.answered(api.logPayment(next.input));
      } catch (thrown) {
        const error = toApiError(thrown);
        if (TRY_AGAIN.has(error.kind)) {
          await this.settle(seq, { attempts, lastError: error.kind });
          return;
        }
        await this.settle(seq, { attempts, state: 'refused', refusal: { kind: error.kind, detail: error.detail } });
        continue;
      }
      await this.settle(seq, { attempts, state: 'sent', lastError: undefined, payment });
      if (next.receipt) {
        // Settled before the receipt goes, so a reload in between cannot email it twice; at worst
        // it is missed, and the payment history can resend it (the outcome says so).
        const receiptStatus = await api.notifyPatron(payment.eventId, payment.id).then(
          (n) => n.status,
          () => 'FAILED' as const,
        );
        await this.settle(seq, { receiptStatus }, 'sent');
      }
    }
  }
}

let shared: Outbox | undefined;

/** The app's one outbox. */
export function outbox(): Outbox {
  shared ??= new Outbox();
  return shared;
}
