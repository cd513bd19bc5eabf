/**
 * What a user last opened, kept readable with no signal, in IndexedDB through `idb`.
 * Loaded with the signed-in views, never in the initial bundle.
 *
 * The payments waiting for signal are not here but in the outbox's own database (src/lib/offline/outbox.ts,
 * `scc-outbox`), on purpose: the two have opposite lifetimes. These reads are a disposable cache,
 * erased at sign-out and free to change shape (an upgrade may drop them); a waiting payment is
 * money that belongs to its person, must survive sign-out and every upgrade of this cache, and is
 * dropped only once settled and read. Separate databases keep a cache upgrade, a blocked version
 * change or a clear of this one from ever touching a payment, and give the outbox its own version
 * line, send lock and tab channel (all named after its database).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { toApiError } from '../../graphql/errors';

/** A copy of something a screen loaded, for reading it again offline. */
export interface SavedRead<T = unknown> {
  /** What was loaded, e.g. `event:<id>` (see the key helpers below). */
  key: string;
  /** Whose screen it was: a copy is shown to no one else (a shared phone). */
  owner: string;
  /** When it was loaded, ISO 8601 UTC. */
  savedAt: string;
  value: T;
}

export interface SccDb extends DBSchema {
  reads: { key: string; value: SavedRead; indexes: { savedAt: string } };
}

export const DB_NAME = 'scc';
const DB_VERSION = 2;

/**
 * How many loads are kept: the last events a crew member opened, not the season. An event page is
 * two loads (the event, the first page of its payments), so this keeps about the last 30 opened.
 */
export const MAX_SAVED_READS = 60;

let opened: Promise<IDBPDatabase<SccDb>> | undefined;

/** The database, opened once per page (created or upgraded on first use). */
export function openSccDb(): Promise<IDBPDatabase<SccDb>> {
  opened ??= openDB<SccDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore('reads', { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
      // Version 1 also made an `outbox` store that nothing ever wrote to (the outbox has its own database).
      if (oldVersion === 1) (db as unknown as IDBPDatabase).deleteObjectStore('outbox');
    },
    // Another tab opened a newer version: let it, and open again on next use.
    blocking() {
      void opened?.then((db) => db.close());
      opened = undefined;
    },
  }).catch((error: unknown) => {
    opened = undefined;
    throw error;
  });
  return opened;
}

/** The key of an event page's load (getEvent: the event, its roster and walk-ups). */
export const eventKey = (eventId: string) => `event:${eventId}`;
/** The key of Today's load on operator's day `day` (AWSDate): another day's copy is another page. */
export const todayKey = (day: string) => `today:${day}`;
/** The key of the charters list's first page for one range of days (AWSDate). */
export const eventsKey = (from: string, to: string) => `events:${from}:${to}`;
/** The key of the first page of an event's payments (its history on the event page). */
export const paymentsKey = (eventId: string) => `payments:${eventId}`;

/** Keeps `value` as `owner`'s latest copy of `key`, dropping the oldest copies past the limit. */
export async function saveRead<T>(owner: string, key: string, value: T, now = new Date()): Promise<void> {
  const db = await openSccDb();
  const tx = db.transaction('reads', 'readwrite');
  await tx.store.put({ key, owner, savedAt: now.toISOString(), value });
  let excess = (await tx.store.count()) - MAX_SAVED_READS;
  let cursor = excess > 0 ? await tx.store.index('savedAt').openCursor() : null;
  while (cursor && excess > 0) {
    await cursor.delete();
    excess -= 1;
    cursor = await cursor.continue();
  }
  await tx.done;
}

/** `owner`'s saved copy of `key`, if there is one. */
export async function savedRead<T>(owner: string, key: string): Promise<SavedRead<T> | undefined> {
  const saved = await (await openSccDb()).get('reads', key);
  return saved?.owner === owner ? (saved as SavedRead<T>) : undefined;
}

/** Forgets one saved load. */
export async function forgetRead(key: string): Promise<void> {
  await (await openSccDb()).delete('reads', key);
}

/** Forgets every saved load (sign-out: the next person on this phone sees none of it). */
export async function clearSavedReads(): Promise<void> {
  await (await openSccDb()).clear('reads');
}

/** What a screen shows: the fresh load, or a saved copy and when it was saved. */
export interface Loaded<T> {
  value: T;
  /** Set when `value` is a saved copy; `offline` when the load failed for want of a connection. */
  saved?: { at: string; offline: boolean };
}

/** A load failed for want of a connection, not because the server said no. */
function isOffline(error: unknown): boolean {
  return !navigator.onLine || toApiError(error).kind === 'Network';
}

/**
 * Loads with `load` and keeps a copy; when the connection is down, answers the copy instead (an
 * error stays an error when there is none, or when the server refused). Saving never fails or delays a load.
 */
export async function loadOrSaved<T>(owner: string, key: string, load: () => Promise<T>): Promise<Loaded<T>> {
  let value: T;
  try {
    value = await load();
  } catch (error) {
    const saved = isOffline(error) ? await savedRead<T>(owner, key).catch(() => undefined) : undefined;
    if (!saved) throw error;
    return { value: saved.value, saved: { at: saved.savedAt, offline: true } };
  }
  // Nothing there any more (an event renamed or removed): its old copy must not come back offline.
  // Not awaited: the screen shows the fresh load without waiting for the disk.
  const keep = value === null || value === undefined ? forgetRead(key) : saveRead(owner, key, value);
  void keep.catch((error: unknown) => console.warn('Offline copy not updated:', error));
  return { value };
}

/** The saved copy to show while the first load is still on its way (aws-amplify loading). */
export async function savedWhileLoading<T>(owner: string, key: string): Promise<Loaded<T> | undefined> {
  const saved = await savedRead<T>(owner, key).catch(() => undefined);
  return saved && { value: saved.value, saved: { at: saved.savedAt, offline: false } };
}
