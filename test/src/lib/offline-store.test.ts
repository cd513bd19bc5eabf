import { beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_SAVED_READS, clearSavedReads, eventKey, loadOrSaved, openSccDb, saveRead, savedRead,
} from '../../../src/lib/offline-store';

const OWNER = 'crew@example.com';
const unreachable = () => fetch('http://127.0.0.1:65535/graphql').then(() => 'never');

describe('offline store', () => {
  beforeEach(async () => {
    const db = await openSccDb();
    await Promise.all([db.clear('reads'), db.clear('outbox')]);
  });

  it('keeps the latest copy of each load, with when it was saved', async () => {
    await saveRead(OWNER, eventKey('a'), { v: 1 }, new Date('2026-11-30T10:00:00Z'));
    await saveRead(OWNER, eventKey('a'), { v: 2 }, new Date('2026-11-30T11:00:00Z'));
    expect(await savedRead(OWNER, eventKey('a'))).toEqual({ key: 'event:a', owner: OWNER, savedAt: '2026-11-30T11:00:00.000Z', value: { v: 2 } });
  });

  it(`keeps the ${MAX_SAVED_READS} most recently loaded, dropping the oldest`, async () => {
    const start = Date.parse('2026-11-30T00:00:00Z');
    for (let i = 0; i < MAX_SAVED_READS + 3; i++) await saveRead(OWNER, eventKey(`e${i}`), i, new Date(start + i * 60_000));
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
    expect(await loadOrSaved(OWNER, eventKey('a'), unreachable)).toEqual({ value: 'saved', saved: { at: '2026-11-30T10:00:00.000Z', offline: true } });
    await expect(loadOrSaved(OWNER, eventKey('b'), unreachable)).rejects.toThrow();
  });

  it('saves what a successful load answered', async () => {
    expect(await loadOrSaved(OWNER, eventKey('a'), async () => 'fresh')).toEqual({ value: 'fresh' });
    await expect.poll(async () => (await savedRead(OWNER, eventKey('a')))?.value).toBe('fresh');
  });

  it('sign-out clears what was read but not the payments waiting for signal', async () => {
    await saveRead(OWNER, eventKey('a'), 1);
    const db = await openSccDb();
    await db.put('outbox', { idempotencyKey: 'k-1', amountCents: 2500 });
    await clearSavedReads();
    expect(await db.count('reads')).toBe(0);
    expect(await db.get('outbox', 'k-1')).toEqual({ idempotencyKey: 'k-1', amountCents: 2500 });
  });
});
