import { beforeEach, describe, expect, it } from 'vitest';
import { deleteDB, openDB } from 'idb';
import {
  DB_NAME,
  MAX_SAVED_READS,
  clearSavedReads,
  eventKey,
  loadOrSaved,
  openSccDb,
  saveRead,
  savedRead,
} from '../../../../src/lib/offline/offline-store';
import { outbox } from '../../../../src/lib/offline/outbox';

const OWNER = 'crew@example.com';
const unreachable = () => fetch('http://127.0.0.1:65535/graphql').then(() => 'never');

describe('offline store', () => {
  beforeEach(async () => {
    await (await openSccDb()).clear('reads');
  });

  it('keeps the latest copy of each load, with when it was saved', async () => {
    await saveRead(OWNER, eventKey('a'), { v: 1 }, new Date('2026-11-30T10:00:00Z'));
    await saveRead(OWNER, eventKey('a'), { v: 2 }, new Date('2026-11-30T11:00:00Z'));
    expect(await savedRead(OWNER, eventKey('a'))).toEqual({
      key: 'event:a',
      owner: OWNER,
      savedAt: '2026-11-30T11:00:00.000Z',
      value: { v: 2 },
    });
  });

  it(`keeps the ${MAX_SAVED_READS} most recently loaded, dropping the oldest`, async () => {
    const start = Date.parse('2026-11-30T00:00:00Z');
    for (let i = 0; i < MAX_SAVED_READS + 3; i++)
      await saveRead(OWNER, eventKey(`e${i}`), i, new Date(start + i * 60_000));
    const keys = await (await openSccDb()).getAllKeys('reads');
    expect(keys).toHaveLength(MAX_SAVED_READS);
    for (const gone of ['e0', 'e1', 'e2']) expect(keys).not.toContain(eventKey(gone));
    expect(keys).toContain(eventKey(`e${MAX_SAVED_READS + 2}`));
  });

  it('answers the saved copy only to its owner', async () => {
    await saveRead(OWNER, eventKey('a'), 1);
    expect(await savedRead('admin@example.com', eventKey('a'))).toBeUndefined();
  });

  it('falls back to the saved copy when the connection is down, and says so', async () => {
    await saveRead(OWNER, eventKey('a'), 'saved', new Date('2026-11-30T10:00:00Z'));
    expect(await loadOrSaved(OWNER, eventKey('a'), unreachable)).toEqual({
      value: 'saved',
      saved: { at: '2026-11-30T10:00:00.000Z', offline: true },
    });
    await expect(loadOrSaved(OWNER, eventKey('b'), unreachable)).rejects.toThrow();
  });

  it('saves what a successful load answered', async () => {
    expect(await loadOrSaved(OWNER, eventKey('a'), async () => 'fresh')).toEqual({ value: 'fresh' });
    await expect.poll(async () => (await savedRead(OWNER, eventKey('a')))?.value).toBe('fresh');
  });

  it('sign-out clears what was read but not the payments waiting for signal, which belong to their person', async () => {
    await saveRead(OWNER, eventKey('a'), 1);
    const key = crypto.randomUUID();
    const input = {
      idempotencyKey: key,
      eventId: 'a',
      patronEmail: 'jo@example.com',
      amountCents: 2500,
      method: 'CASH' as const,
    };
    await outbox().add({ key, owner: OWNER, input, patronName: 'Jo March', eventTitle: 'A', receipt: false });
    await clearSavedReads();
    expect(await (await openSccDb()).count('reads')).toBe(0);
    expect((await outbox().entries(OWNER)).find((e) => e.key === key)).toMatchObject({ state: 'waiting', input });
  });

  it('upgrades a version 1 database: keeps what was read, drops the outbox store nothing used', async () => {
    // Deleting asks this page's open connection to close (openSccDb lets go), as another tab would.
    await deleteDB(DB_NAME);
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('reads', { keyPath: 'key' }).createIndex('savedAt', 'savedAt');
        db.createObjectStore('outbox', { keyPath: 'idempotencyKey' });
      },
    });
    await v1.put('reads', { key: eventKey('a'), owner: OWNER, savedAt: '2026-11-30T10:00:00.000Z', value: 'v1' });
    v1.close();
    const db = await openSccDb();
    expect([...db.objectStoreNames]).toEqual(['reads']);
    expect((await savedRead(OWNER, eventKey('a')))?.value).toBe('v1');
  });
});
