/**
 * The writes that must know a cancelled sailing and a moved booking: updatePatron on a
 * cancelled sailing is refused (and conditioned so, in its write), and the waiver links are sent to
 * no one on a cancelled sailing and never to a booking moved away. What it still takes (an edit of the
 * event, undoing a check-in) is pinned too: the screens keep offering exactly that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAll } from '../support/stack';
import { CHECK_IN, UNDO_CHECK_IN } from './support/boarding';
import { startApi, UPDATE_EVENT, UPDATE_PATRON, type Api } from './support/harness';
import { book, CANCEL, expectSums, ledger, newEvent, REBOOK } from './support/refunds';

let api: Api;
beforeAll(async () => {
  api = await startApi();
  process.env.WAIVER_LINK_SECRET = 'cancelled-moved-secret';
  process.env.WAIVER_BASE_URL = 'http://localhost:3998/g';
});
afterAll(async () => {
  await api?.close();
});

const SEND_ONE =
  'mutation($eventId: ID!, $email: AWSEmail!) { sendWaiverLink(eventId: $eventId, email: $email) { email status } }';
const SEND_ALL = 'mutation($eventId: ID!) { sendWaiverLinks(eventId: $eventId) { email status } }';
const SEND_PAGE =
  'mutation($eventId: ID!, $nextToken: String) { sendWaiverLinksPage(eventId: $eventId, nextToken: $nextToken) { items { email } nextToken } }';
let n = 0;
const mail = (tag: string) => `${tag}-${++n}-${Date.now()}@example.com`;
const cancel = (eventId: string) => api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'Gale warning' });
const entryItems = async (eventId: string) =>
  (await scanAll(api.tableName)).filter((i) => i.PK?.S === `EVENT#${eventId}` && i.SK?.S?.startsWith('PATRON#'));

describe('updatePatron on a cancelled sailing', () => {
  it('is refused as EVENT_CANCELLED and changes nothing', async () => {
    const eventId = await newEvent(api);
    const email = mail('edit');
    await book(api, eventId, email);
    expect((await cancel(eventId)).errors).toBeUndefined();
    const before = await entryItems(eventId);
    const res = await api.gql(api.tokens.admin, UPDATE_PATRON, { input: { eventId, email, partySize: 3 } });
    expect(res.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
    expect(await entryItems(eventId)).toEqual(before);
  });

  it('racing the cancellation, either lands before it or is refused: the totals stay the sum of the roster', async () => {
    const eventId = await newEvent(api);
    const email = mail('race');
    await book(api, eventId, email);
    const [, ...edits] = await Promise.all([
      cancel(eventId),
      ...[2, 3, 4, 5].map((partySize) =>
        api.gql(api.tokens.admin, UPDATE_PATRON, { input: { eventId, email, partySize } }),
      ),
    ]);
    for (const e of edits.filter((r) => r.errors)) expect(e.errors![0]!.errorType).toBe('Conflict');
    expectSums(await ledger(api, eventId), expect);
  });
});

describe('what a cancelled sailing still takes (its screens keep offering it)', () => {
  it('is cancelled only once nobody is aboard, and then takes an edit of the event itself', async () => {
    const eventId = await newEvent(api);
    const email = mail('kept');
    await book(api, eventId, email);
    expect((await api.gql(api.tokens.crew, CHECK_IN, { eventId, email, person: 'patron' })).errors).toBeUndefined();
    expect((await cancel(eventId)).errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'PARTY_ABOARD', checkedIn: 1 },
    });
    const undone = await api.gql(api.tokens.crew, UNDO_CHECK_IN, {
      eventId,
      email,
      person: 'patron',
      reason: 'Sailing cancelled',
    });
    expect(undone.data).toMatchObject({ undoCheckIn: { status: 'UNDONE' } });
    expect((await cancel(eventId)).errors).toBeUndefined();
    const edited = await api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: eventId, boat: 'Stays Ashore' } });
    expect(edited.errors).toBeUndefined();
  });
});

describe('waiver links', () => {
  it('are sent to no one on a cancelled sailing: one, all, or page by page', async () => {
    const eventId = await newEvent(api);
    const email = mail('cancelled');
    await book(api, eventId, email);
    await cancel(eventId);
    for (const [q, vars] of [
      [SEND_ONE, { eventId, email }],
      [SEND_ALL, { eventId }],
      [SEND_PAGE, { eventId }],
    ] as const) {
      const res = await api.gql(api.tokens.crew, q, vars);
      expect(res.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
    }
  });

  it('never reach a booking moved to another sailing from the old one', async () => {
    const from = await newEvent(api);
    const to = await newEvent(api);
    const [moved, stays] = [mail('moved'), mail('stays')];
    await book(api, from, moved);
    await book(api, from, stays);
    const rebooked = await api.gql(api.tokens.admin, REBOOK, { eventId: from, email: moved, toEventId: to });
    expect(rebooked.errors).toBeUndefined();
    const one = await api.gql(api.tokens.crew, SEND_ONE, { eventId: from, email: moved });
    expect(one.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'PATRON_MOVED' } });
    const all = await api.gql(api.tokens.crew, SEND_ALL, { eventId: from });
    expect(all.data!.sendWaiverLinks.map((d: { email: string }) => d.email)).toEqual([stays]);
    const page = await api.gql(api.tokens.crew, SEND_PAGE, { eventId: from });
    expect(page.data!.sendWaiverLinksPage.items.map((d: { email: string }) => d.email)).toEqual([stays]);
    // On the sailing it moved to, the link goes out as usual.
    expect((await api.gql(api.tokens.crew, SEND_ONE, { eventId: to, email: moved })).errors).toBeUndefined();
  });
});
