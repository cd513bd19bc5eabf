import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { eventPk, EVENT_SK, patronSk, walkUpSk } from '../../../../amplify/data/keys';
import { EventEndedError, dynamoWaiverStore } from '../../../../amplify/functions/waiver/store';
import { scanAll, sesMessages } from '../../../support/stack';
import {
  DEFAULT_WAIVER_VERSION as VERSION,
  formBody,
  getItem,
  queryPrefix,
  seedPatron,
  waiverConfig,
  waiverSuite,
} from './support/fixtures';

/**
 * The waiver examples (walk-ups, integrity), each as it was reported, through
 * the local edge and the real waiver Lambda on DynamoDB Local.
 */
const suite = waiverSuite('2027-01-01-integrity', 'Integrity sail');
const { freshEvent, post, postPersonal } = suite;

const kids = (count: number) => ({
  minorName: Array.from({ length: count }, (_, i) => `Kid Number ${i + 1}`),
  minorDateOfBirth: Array.from({ length: count }, () => '2016-03-03'),
});

describe('walk-ups', () => {
  it('six anonymous signers with ten minors each put no one on a capacity-5 event', async () => {
    const id = await freshEvent({ capacity: 5 });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        post(
          id,
          formBody({ name: `Anon ${i}`, signature: `Anon ${i}`, email: `anon${i}@example.com`, ...kids(10) }, VERSION),
        ),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303, 303, 303]);
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({
      capacity: 5,
      rosterCount: 0,
      headCount: 0,
      waiversSigned: 0,
    });
    expect(await queryPrefix(suite.table, eventPk(id), 'PATRON#')).toEqual([]);
    const walkUps = await queryPrefix(suite.table, eventPk(id), 'GUEST#');
    expect(walkUps).toHaveLength(6);
    // Their parties are kept whole, minors included, for crew to add (or not).
    expect(walkUps.map((w) => w.partySize)).toEqual([11, 11, 11, 11, 11, 11]);
  });

  it('a walk-up owes nothing and has no balance, paid or otherwise: it is not a roster entry', async () => {
    const id = await freshEvent();
    await post(id, formBody({ email: 'free@example.com' }, VERSION));
    const walkUp = await getItem(suite.table, eventPk(id), walkUpSk('free@example.com'));
    expect(walkUp).toBeDefined();
    for (const money of ['amountDueCents', 'paidCents', 'balanceCents']) expect(walkUp).not.toHaveProperty(money);
    expect(await getItem(suite.table, eventPk(id), patronSk('free@example.com'))).toBeUndefined();
  });
});

describe('waiver integrity', () => {
  it('signing under a booked email in upper case through the public link is held as a claim on that booking, which stays as it was', async () => {
    const id = await freshEvent({ rosterCount: 1, headCount: 2 });
    await seedPatron(suite.table, id, 'alice@example.com', { name: 'Alice Period' });
    const before = await getItem(suite.table, eventPk(id), patronSk('alice@example.com'));
    expect(
      (
        await post(
          id,
          formBody({ email: 'ALICE@EXAMPLE.COM', name: 'Mallory Impostor', signature: 'Mallory Impostor' }, VERSION),
        )
      ).status,
    ).toBe(303);
    expect(await getItem(suite.table, eventPk(id), patronSk('alice@example.com'))).toEqual(before);
    const [waiver] = await queryPrefix(suite.table, eventPk(id), 'WAIVER#');
    expect(await queryPrefix(suite.table, eventPk(id), 'HELD#')).toEqual([
      expect.objectContaining({
        SK: `HELD#alice@example.com#${waiver!.id}`,
        type: 'WaiverClaim',
        status: 'HELD',
        email: 'alice@example.com',
        claimsName: 'Alice Period',
        waiverSignedBy: 'Mallory Impostor',
        waiverPeople: 1,
      }),
    ]);
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({ waiversSigned: 0 });
  });

  it('signing under a booked email in upper case through its personal link links to that booking, keeping the name that was signed', async () => {
    const id = await freshEvent({ rosterCount: 1, headCount: 2 });
    await seedPatron(suite.table, id, 'alice@example.com', { name: 'Alice Period' });
    expect(
      (
        await postPersonal(
          id,
          'alice@example.com',
          formBody({ email: 'ALICE@EXAMPLE.COM', name: 'Alice P. Period', signature: 'Alice P. Period' }, VERSION),
        )
      ).status,
    ).toBe(303);
    const entry = await getItem(suite.table, eventPk(id), patronSk('alice@example.com'));
    expect(entry).toMatchObject({ name: 'Alice Period', waiverSignedBy: 'Alice P. Period', waiverPeople: 1 });
    expect(await queryPrefix(suite.table, eventPk(id), 'HELD#')).toEqual([]);
  });

  it('twelve minors: the form comes back with the error, with all twelve kept in view, and nothing is stored', async () => {
    const id = await freshEvent();
    const before = await scanAll(suite.table);
    const res = await post(id, formBody(kids(12), VERSION));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('You can sign for at most 10 minors on one form, and 12 were listed');
    expect(html).toContain('<a href="#minors">');
    expect(await scanAll(suite.table)).toEqual(before);
  });

  it('ten minors are accepted, all ten stored', async () => {
    const id = await freshEvent();
    expect((await post(id, formBody(kids(10), VERSION))).status).toBe(303);
    const [waiver] = await queryPrefix(suite.table, eventPk(id), 'WAIVER#');
    expect(waiver!.minors).toHaveLength(10);
  });

  it('an event that has ended refuses signatures and says so, on the page and on a post', async () => {
    const id = await freshEvent({ startsAt: '2026-01-10T18:00:00.000Z', endsAt: '2026-01-10T21:00:00.000Z' });
    const page = await fetch(`${suite.edge.url}/g/${id}/waiver`);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('This event has ended');
    expect(html).not.toContain('<form');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const before = await scanAll(suite.table);
    const res = await post(id, formBody({}, VERSION));
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('Waivers for this event can no longer be signed');
    expect(await scanAll(suite.table)).toEqual(before);
  });

  it('an event without an end time takes signatures until 12 hours after its start', async () => {
    const started = new Date(Date.now() - 11 * 3_600_000).toISOString();
    const over = new Date(Date.now() - 13 * 3_600_000).toISOString();
    expect((await post(await freshEvent({ startsAt: started }), formBody({}, VERSION))).status).toBe(303);
    expect((await post(await freshEvent({ startsAt: over }), formBody({}, VERSION))).status).toBe(410);
  });

  it('refuses a signature when the event was moved into the past between the read and the write', async () => {
    const id = await freshEvent({ startsAt: '2026-02-01T18:00:00.000Z', endsAt: '2026-02-01T21:00:00.000Z' });
    // What the handler read a moment earlier: the event still in the future.
    const stale = {
      id,
      title: 'Integrity sail',
      startsAt: '2099-02-01T18:00:00.000Z',
      endsAt: '2099-02-01T21:00:00.000Z',
    };
    const signedAt = new Date().toISOString();
    const waiver = {
      id: randomUUID(),
      eventId: id,
      waiverVersion: VERSION,
      text: 'text',
      signedAt,
      ip: '127.0.0.1',
      userAgent: 'test',
      name: 'Alice Period',
      email: 'alice@example.com',
      phone: '+1 555 010 0199',
      dateOfBirth: '1985-04-12',
      signature: 'Alice Period',
      minors: [],
    };
    const before = await scanAll(suite.table);
    await expect(
      dynamoWaiverStore(waiverConfig().dynamo).recordSignature(stale, waiver, randomUUID(), randomUUID()),
    ).rejects.toBeInstanceOf(EventEndedError);
    expect(await scanAll(suite.table)).toEqual(before);
  });

  it('a double submit, one after the other or at once, is one signature and one email', async () => {
    const id = await freshEvent({ rosterCount: 1, headCount: 2 });
    await seedPatron(suite.table, id, 'double@example.com');
    const body = formBody({ email: 'double@example.com', ...kids(1) }, VERSION);
    const first = await postPersonal(id, 'double@example.com', body);
    const again = await Promise.all([
      postPersonal(id, 'double@example.com', body),
      postPersonal(id, 'double@example.com', body),
      postPersonal(id, 'double@example.com', body),
    ]);
    const locations = [first, ...again].map((r) => r.headers.get('location'));
    expect([first, ...again].map((r) => r.status)).toEqual([303, 303, 303, 303]);
    expect(new Set(locations).size).toBe(1);
    const waivers = await queryPrefix(suite.table, eventPk(id), 'WAIVER#');
    expect(waivers).toHaveLength(1);
    expect(locations[0]).toContain(waivers[0]!.id);
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({ waiversSigned: 2 });
    expect(await sesMessages('double@example.com')).toHaveLength(1);
  });

  it('a double submit of a form posted at once before any of it was stored is still one signature', async () => {
    const id = await freshEvent();
    const body = formBody({ email: 'burst@example.com' }, VERSION);
    const results = await Promise.all(Array.from({ length: 5 }, () => post(id, body)));
    expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303, 303]);
    expect(new Set(results.map((r) => r.headers.get('location'))).size).toBe(1);
    expect(await queryPrefix(suite.table, eventPk(id), 'WAIVER#')).toHaveLength(1);
    expect(await sesMessages('burst@example.com')).toHaveLength(1);
  });

  it('a form without the page’s one-time token is refused with a fresh one, and nothing is stored', async () => {
    const id = await freshEvent();
    const before = await scanAll(suite.table);
    const res = await post(id, formBody({ token: 'not-a-token' }, VERSION));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('This form was not loaded from the waiver page, or has expired');
    expect(html).toMatch(/name="token" value="[0-9a-f-]{36}"/);
    expect(await scanAll(suite.table)).toEqual(before);
  });

  it('counts the people covered, not the parties: three parties of two, each signing for a child, are 6 of 6', async () => {
    const id = await freshEvent({ rosterCount: 3, headCount: 6 });
    for (const who of ['p1', 'p2', 'p3']) await seedPatron(suite.table, id, `${who}@example.com`, { partySize: 2 });
    for (const who of ['p1', 'p2', 'p3'])
      expect(
        (await postPersonal(id, `${who}@example.com`, formBody({ email: `${who}@example.com`, ...kids(1) }, VERSION)))
          .status,
      ).toBe(303);
    expect(await getItem(suite.table, eventPk(id), EVENT_SK)).toMatchObject({
      rosterCount: 3,
      headCount: 6,
      waiversSigned: 6,
    });
  });
});
