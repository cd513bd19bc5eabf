/**
 * The dashboard's one IndexedDB database (issue 16 §2), through `idb`: what a user last opened,
 * kept readable with no signal (`reads`), and the payments logged offline waiting to be sent
 * (`outbox`, filled by the outbox). Loaded with the signed-in views, never in the initial bundle.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { toApiError } from '../graphql/errors';

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

/** A payment waiting for signal; the outbox owns every other field. */
export interface OutboxRecord {
  idempotencyKey: string;
  [field: string]: unknown;
}

export interface SccDb extends DBSchema {
  reads: { key: string; value: SavedRead; indexes: { savedAt: string } };
  outbox: { key: string; value: OutboxRecord };
}

export const DB_NAME = 'scc';
const DB_VERSION = 1;

/** How many loads are kept: the last events a crew member opened, not the season. */
export const MAX_SAVED_READS = 30;

let opened: Promise<IDBPDatabase<SccDb>> | undefined;

/** The database, opened once per page (created or upgraded on first use). */
export function openSccDb(): Promise<IDBPDatabase<SccDb>> {
  opened ??= openDB<SccDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('reads', { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
        db.createObjectStore('outbox', { keyPath: 'idempotencyKey' });
      }
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
