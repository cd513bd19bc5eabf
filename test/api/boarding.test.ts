import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edge } from '../../local/edge';
import { scanAll, stack } from '../support/stack';
import {
  ADD_PATRON,
  CREATE_EVENT,
  LOG_PAYMENT,
  otherUserToken,
  REMOVE_PATRON,
  startApi,
  UPDATE_EVENT,
  UPDATE_PATRON,
  type Api,
} from './support/harness';
import { CANCEL, REBOOK } from './support/refunds';
import { BOARDING, CHECK_IN, UNDO_CHECK_IN, waiverSigning } from './support/boarding';
import { DEFAULT_WAIVER_VERSION } from '../amplify/functions/waiver/support/fixtures';

/**
 * Boarding check-in, per person (docs/boarding.md): the patron, each minor on their waiver and the
 * party's unnamed guests are checked in one by one, by crew, recorded and audited; a second
 * check-in of the same person is a no-op; an undo needs a reason and keeps the history; the
 * event's count is the number of people checked in, within capacity, under concurrent crew.
 */
let api: Api;
let edge: Edge;
let sign: (eventId: string, email: string, name: string, minors?: string[]) => Promise<void>;
let crew2: string;

beforeAll(async () => {
  api = await startApi();
  ({ edge, sign } = await waiverSigning(api));
  crew2 = await otherUserToken('deckhand2@scc.test', 'CREW');
});
afterAll(async () => {
  await edge?.close();
  await api?.close();
});

let n = 0;
/** An event with Jo (party of 3, waiver for Jo and Kid Jo) and Sam (party of 1, no waiver). */
async function sailing(capacity = 10) {
  n += 1;
  const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: { title: `Boarding ${n} ${Date.now()}`, startsAt: '2037-07-04T17:00:00Z', capacity, priceCents: 5_000 },
  });
  const eventId = ev.data!.createEvent.id as string;
  for (const [email, name, partySize] of [
    ['jo@example.com', 'Jo Sailor', 3],
    ['sam@example.com', 'Sam Deck', 1],
  ] as const) {
    const p = await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId, email, name, partySize } });
    expect(p.errors).toBeUndefined();
  }
  await sign(eventId, 'jo@example.com', 'Jo Sailor', ['Kid Jo']);
  return eventId;
}

const checkIn = (eventId: string, email: string, person: string, token = api.tokens.crew) =>
  api.gql(token, CHECK_IN, { eventId, email, person });
const undo = (eventId: string, email: string, person: string, reason: string, token = api.tokens.crew) =>
  api.gql(token, UNDO_CHECK_IN, { eventId, email, person, reason });
const boarding = async (eventId: string) => {
  const res = await api.gql(api.tokens.crew, BOARDING, { eventId });
  expect(res.errors).toBeUndefined();
  return res.data!.boarding;
};
const items = async () => (await scanAll(api.tableName)).map((i) => unmarshall(i));
const audits = async (eventId: string, operation: string) =>
  (await items()).filter((i) => i.type === 'Audit' && i.entity === eventId && i.operation === operation);

const acknowledging = (
  eventId: string,
  email: string,
  person: string,
  acknowledge: string[] | null,
  token = api.tokens.crew,
) => api.gql(token, CHECK_IN, { eventId, email, person, acknowledge });
const pay = (eventId: string, email: string, amountCents: number) =>
  api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: {
      idempotencyKey: `pay-${Date.now()}-${(n += 1)}`,
      eventId,
      patronEmail: email,
      amountCents,
      method: 'CASH',
    },
  });

describe('checkIn: boarding someone with no waiver or owing money is deliberate', () => {
  it('refuses a guest with no waiver of a booking that owes, naming both, and writes nothing', async () => {
    const eventId = await sailing();
    for (const acknowledge of [null, [], ['OWES'], ['NO_WAIVER']]) {
      const res = await acknowledging(eventId, 'jo@example.com', 'guest:1', acknowledge);
      expect(res.errors?.[0]).toMatchObject({
        errorType: 'Conflict',
        message:
          'Guest 1 of Jo Sailor has no waiver, and Jo Sailor’s booking owes $150.00: board them only by acknowledging both.',
        errorInfo: { problems: ['NO_WAIVER', 'OWES'], owedCents: 15_000 },
      });
      const info = res.errors![0]!.errorInfo as any;
      expect(info.reason).toBe(info.unacknowledged[0]);
    }
    expect((await boarding(eventId)).event.checkedIn ?? 0).toBe(0);
    expect((await items()).filter((i) => i.type === 'CheckIn' && i.eventId === eventId)).toEqual([]);
    expect(await audits(eventId, 'checkIn')).toEqual([]);
  });

  it('names the one problem: NO_WAIVER for a paid-up person without a waiver, OWES for a signed one who owes', async () => {
    const eventId = await sailing();
    expect((await pay(eventId, 'sam@example.com', 5_000)).errors).toBeUndefined();
    const sam = await acknowledging(eventId, 'sam@example.com', 'patron', null);
    expect(sam.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      message: 'Sam Deck has no waiver: board them only by acknowledging it.',
      errorInfo: { reason: 'NO_WAIVER', problems: ['NO_WAIVER'], owedCents: null },
    });
    const jo = await acknowledging(eventId, 'jo@example.com', 'minor:Kid Jo', []);
    expect(jo.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      message: 'Jo Sailor’s booking owes $150.00: board them only by acknowledging it.',
      errorInfo: { reason: 'OWES', problems: ['OWES'], owedCents: 15_000 },
    });
  });

  it('boards with the problems acknowledged and records what was known and by whom, in the check-in and its audit', async () => {
    const eventId = await sailing();
    const res = await acknowledging(eventId, 'jo@example.com', 'guest:1', ['OWES', 'NO_WAIVER']);
    expect(res.errors).toBeUndefined();
    const by = stack().users.crew;
    expect(res.data!.checkIn).toMatchObject({
      status: 'CHECKED_IN',
      acknowledged: ['NO_WAIVER', 'OWES'],
      acknowledgedBy: by,
      owedCents: 15_000,
      checkedInBy: by,
    });
    const stored = (await items()).find((i) => i.type === 'CheckIn' && i.eventId === eventId);
    expect(stored).toMatchObject({ acknowledged: ['NO_WAIVER', 'OWES'], acknowledgedBy: by, owedCents: 15_000 });
    const [record] = await audits(eventId, 'checkIn');
    expect(record).toMatchObject({
      actor: by,
      after: { acknowledged: ['NO_WAIVER', 'OWES'], acknowledgedBy: by, owedCents: 15_000 },
    });
    expect((await boarding(eventId)).event.checkedIn).toBe(1);
  });

  it('needs no acknowledgement for someone covered and paid up, and records none when one is sent but not needed', async () => {
    const eventId = await sailing();
    expect((await pay(eventId, 'jo@example.com', 15_000)).errors).toBeUndefined();
    const plain = await acknowledging(eventId, 'jo@example.com', 'patron', null);
    expect(plain.errors).toBeUndefined();
    expect(plain.data!.checkIn).toMatchObject({ acknowledged: null, acknowledgedBy: null, owedCents: null });
    // Signed or paid since the screen was loaded: the acknowledgement is unneeded, and not recorded.
    const unneeded = await acknowledging(eventId, 'jo@example.com', 'minor:Kid Jo', ['NO_WAIVER', 'OWES']);
    expect(unneeded.data!.checkIn).toMatchObject({ acknowledged: null, owedCents: null });
  });

  it('an undo and a new check-in record the problems as they stand then, not as they stood before', async () => {
    const eventId = await sailing();
    expect((await acknowledging(eventId, 'jo@example.com', 'patron', ['OWES'])).data!.checkIn).toMatchObject({
      acknowledged: ['OWES'],
      owedCents: 15_000,
    });
    expect((await undo(eventId, 'jo@example.com', 'patron', 'Went for cash')).errors).toBeUndefined();
    expect((await pay(eventId, 'jo@example.com', 15_000)).errors).toBeUndefined();
    const again = await acknowledging(eventId, 'jo@example.com', 'patron', null);
    expect(again.errors).toBeUndefined();
    expect(again.data!.checkIn).toMatchObject({
      status: 'CHECKED_IN',
      acknowledged: null,
      acknowledgedBy: null,
      owedCents: null,
      undoneAt: null,
    });
  });

  it('under a concurrent signature, boards without a waiver only if acknowledged, and a signature after it is refused', async () => {
    for (let round = 0; round < 4; round += 1) {
      const eventId = await sailing();
      await pay(eventId, 'sam@example.com', 5_000);
      const [signed, boarded] = await Promise.all([
        sign(eventId, 'sam@example.com', 'Sam Deck').then(
          () => true,
          () => false,
        ),
        acknowledging(eventId, 'sam@example.com', 'patron', round % 2 ? ['NO_WAIVER'] : null),
      ]);
      const e = boarded.errors?.[0];
      if (e) {
        expect(e).toMatchObject({ errorType: 'Conflict' });
        expect(['NO_WAIVER', 'PATRON_CHANGED']).toContain((e.errorInfo as any).reason);
      } else {
        // Boarded knowing there was no waiver exactly when the signature came too late (the waiver
        // page refuses a new signature over a party aboard); boarded on a waiver otherwise.
        expect(boarded.data!.checkIn.acknowledged?.includes('NO_WAIVER') ?? false).toBe(!signed);
        if (round % 2 === 0) expect(signed).toBe(true);
      }
    }
  });

  it('under a concurrent payment, records what was owed as it stood when it boarded, or is refused as changed', async () => {
    for (let round = 0; round < 4; round += 1) {
      const eventId = await sailing();
      const [paid, boarded] = await Promise.all([
        pay(eventId, 'jo@example.com', 15_000),
        acknowledging(eventId, 'jo@example.com', 'patron', round % 2 ? ['OWES'] : null),
      ]);
      expect(paid.errors).toBeUndefined();
      const e = boarded.errors?.[0];
      if (e) expect(['OWES', 'PATRON_CHANGED']).toContain((e.errorInfo as any).reason);
      else {
        const ci = boarded.data!.checkIn;
        expect(ci.owedCents === null || (ci.owedCents === 15_000 && round % 2 === 1)).toBe(true);
        expect(ci.acknowledged?.includes('OWES') ?? false).toBe(ci.owedCents !== null);
      }
    }
  });
});

describe('checkIn', () => {
  it('records the patron, a minor on their waiver and a guest of the party: who, when, by whom, audited', async () => {
    const eventId = await sailing();
    for (const person of ['patron', 'minor:Kid Jo', 'guest:1']) {
      const res = await checkIn(eventId, 'Jo@Example.com', person);
      expect(res.errors).toBeUndefined();
      expect(res.data!.checkIn).toMatchObject({
        eventId,
        email: 'jo@example.com',
        person,
        status: 'CHECKED_IN',
        checkedInBy: stack().users.crew,
        undoneAt: null,
      });
      expect(Date.now() - Date.parse(res.data!.checkIn.checkedInAt)).toBeLessThan(60_000);
    }
    const b = await boarding(eventId);
    expect(b.event.checkedIn).toBe(3);
    expect(b.checkIns.map((c: any) => [c.person, c.name, c.minor])).toEqual([
      ['guest:1', 'Guest 1 of Jo Sailor', false],
      ['minor:Kid Jo', 'Kid Jo', true],
      ['patron', 'Jo Sailor', false],
    ]);
    const records = await audits(eventId, 'checkIn');
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({
      actor: stack().users.crew,
      after: { status: 'CHECKED_IN', email: 'jo@example.com' },
    });
    expect(records[0]!.before).toBeUndefined();
  });

  it('is a no-op the second time: one record, one count, no second audit', async () => {
    const eventId = await sailing();
    const first = await checkIn(eventId, 'sam@example.com', 'patron');
    const again = await checkIn(eventId, 'sam@example.com', 'patron', crew2);
    expect(again.data!.checkIn).toEqual(first.data!.checkIn);
    expect((await boarding(eventId)).event.checkedIn).toBe(1);
    expect(await audits(eventId, 'checkIn')).toHaveLength(1);
  });

  it('refuses people who are not in the party, writing nothing', async () => {
    const eventId = await sailing();
    const before = await items();
    for (const [email, person] of [
      ['jo@example.com', 'minor:Someone Else'], // not on the waiver
      ['jo@example.com', 'guest:2'], // party of 3 = Jo + Kid Jo + one guest
      ['sam@example.com', 'minor:Kid Jo'], // Sam signed nothing
      ['jo@example.com', 'captain'],
      ['nobody@example.com', 'patron'],
    ]) {
      const res = await checkIn(eventId, email!, person!);
      expect(res.errors?.[0]?.errorType, `${email} ${person}`).toBe('NotFound');
    }
    expect((await checkIn(eventId, 'jo@example.com', '  ')).errors?.[0]?.errorType).toBe('ValidationError');
    expect((await checkIn('no-such-sail', 'jo@example.com', 'patron')).errors?.[0]?.errorType).toBe('NotFound');
    expect(await items()).toEqual(before);
  });

  it('stops at capacity, counted by DynamoDB', async () => {
    const eventId = await sailing(4);
    // Sam's waiver names a child his booking does not: five people could board, four may.
    await sign(eventId, 'sam@example.com', 'Sam Deck', ['Kid Sam']);
    for (const person of ['patron', 'minor:Kid Jo', 'guest:1'])
      expect((await checkIn(eventId, 'jo@example.com', person)).errors).toBeUndefined();
    expect((await checkIn(eventId, 'sam@example.com', 'patron')).errors).toBeUndefined();
    // Only the places booked board: Kid Sam is for crew to book (a party of 2), not a fifth person aboard.
    const full = await checkIn(eventId, 'sam@example.com', 'minor:Kid Sam');
    expect(full.errors?.[0]).toMatchObject({
      errorType: 'NotFound',
      message: expect.stringMatching(/No "minor:Kid Sam" in the party/),
    });
    expect((await boarding(eventId)).event).toMatchObject({ checkedIn: 4, capacity: 4 });
    // A walk-up finds no place either: all four are booked.
    await sign(eventId, 'walk@example.com', 'Wes Walker');
    expect((await checkIn(eventId, 'walk@example.com', 'patron')).errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'NO_ROOM', capacity: 4, checkedIn: 4 },
    });
  });

  it('is for admins and crew only', async () => {
    const eventId = await sailing();
    const res = await checkIn(eventId, 'sam@example.com', 'patron', api.tokens.accounting);
    expect(res.errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await api.gql(api.tokens.accounting, BOARDING, { eventId })).errors?.[0]?.errorType).toBe('Unauthorized');
    expect((await boarding(eventId)).event.checkedIn).toBeNull();
  });
});

describe('undoCheckIn', () => {
  it('needs a reason, keeps the check-in as UNDONE with who, when and why, and lets them board again', async () => {
    const eventId = await sailing();
    await checkIn(eventId, 'jo@example.com', 'minor:Kid Jo');
    expect((await undo(eventId, 'jo@example.com', 'minor:Kid Jo', ' ')).errors?.[0]?.errorType).toBe('ValidationError');
    const res = await undo(eventId, 'jo@example.com', 'minor:Kid Jo', 'Checked in the wrong child', crew2);
    expect(res.data!.undoCheckIn).toMatchObject({
      status: 'UNDONE',
      undoneBy: 'deckhand2@scc.test',
      undoReason: 'Checked in the wrong child',
      checkedInBy: stack().users.crew,
    });
    let b = await boarding(eventId);
    expect(b.event.checkedIn).toBe(0);
    expect(b.checkIns).toHaveLength(1);
    // Undone twice is still undone once.
    expect((await undo(eventId, 'jo@example.com', 'minor:Kid Jo', 'again')).data!.undoCheckIn.undoReason).toBe(
      'Checked in the wrong child',
    );
    const again = await checkIn(eventId, 'jo@example.com', 'minor:Kid Jo');
    expect(again.data!.checkIn).toMatchObject({ status: 'CHECKED_IN', undoneAt: null, undoReason: null });
    b = await boarding(eventId);
    expect(b.event.checkedIn).toBe(1);
    const [undoRecord] = await audits(eventId, 'undoCheckIn');
    expect(undoRecord).toMatchObject({
      actor: 'deckhand2@scc.test',
      before: { status: 'CHECKED_IN' },
      after: { status: 'UNDONE', undoReason: 'Checked in the wrong child' },
    });
    const [, reboard] = (await audits(eventId, 'checkIn')).sort((a, b) => a.SK.localeCompare(b.SK));
    expect(reboard!.before).toMatchObject({ status: 'UNDONE', undoReason: 'Checked in the wrong child' });
  });

  it('refuses someone never checked in', async () => {
    const eventId = await sailing();
    expect((await undo(eventId, 'sam@example.com', 'patron', 'never boarded')).errors?.[0]?.errorType).toBe('NotFound');
  });
});

describe('walk-ups (signed the waiver, not on the roster)', () => {
  it('board with the minors their waiver names, counted against capacity, audited and undoable', async () => {
    const eventId = await sailing();
    await sign(eventId, 'Walk@Example.com', 'Wes Walker', ['Kid Wes']);
    expect((await boarding(eventId)).walkUps).toEqual([{ email: 'walk@example.com' }]);
    for (const person of ['patron', 'minor:Kid Wes']) {
      const res = await checkIn(eventId, 'walk@example.com', person);
      expect(res.errors, person).toBeUndefined();
      expect(res.data!.checkIn).toMatchObject({
        email: 'walk@example.com',
        person,
        status: 'CHECKED_IN',
        checkedInBy: stack().users.crew,
      });
    }
    expect((await checkIn(eventId, 'walk@example.com', 'patron', crew2)).data!.checkIn.checkedInBy).toBe(
      stack().users.crew,
    );
    // Their waiver covers two people and no one else: a walk-up brings no unnamed guests.
    expect((await checkIn(eventId, 'walk@example.com', 'guest:1')).errors?.[0]?.errorType).toBe('NotFound');
    expect((await checkIn(eventId, 'walk@example.com', 'minor:Someone')).errors?.[0]?.errorType).toBe('NotFound');
    const b = await boarding(eventId);
    expect(b.event.checkedIn).toBe(2);
    expect(b.event.headCount).toBe(4);
    expect(await audits(eventId, 'checkIn')).toHaveLength(2);
    const undone = await undo(eventId, 'walk@example.com', 'minor:Kid Wes', 'Stayed with grandma');
    expect(undone.data!.undoCheckIn).toMatchObject({ status: 'UNDONE', undoReason: 'Stayed with grandma' });
    expect((await boarding(eventId)).event.checkedIn).toBe(1);
    expect(await audits(eventId, 'undoCheckIn')).toHaveLength(1);
  });

  it('take only places no booking holds, so a full boat turns them away', async () => {
    const eventId = await sailing(5);
    for (const person of ['patron', 'minor:Kid Jo', 'guest:1'])
      expect((await checkIn(eventId, 'jo@example.com', person)).errors).toBeUndefined();
    await sign(eventId, 'walk@example.com', 'Wes Walker', ['Kid Wes']);
    // 4 places booked (Sam not yet aboard), 1 left for walk-ups.
    expect((await checkIn(eventId, 'walk@example.com', 'patron')).errors).toBeUndefined();
    const full = await checkIn(eventId, 'walk@example.com', 'minor:Kid Wes');
    expect(full.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'NO_ROOM', capacity: 5, checkedIn: 4, headCount: 4, walkUpsAboard: 1 },
    });
    expect((await checkIn(eventId, 'sam@example.com', 'patron')).errors).toBeUndefined();
    expect((await boarding(eventId)).event).toMatchObject({ checkedIn: 5, capacity: 5 });
  });

  it('never take a booked person’s place: capacity 2, a party of 2 booked, a walk-up and their minor first', async () => {
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title: `Two places ${Date.now()}`, startsAt: '2037-07-04T17:00:00Z', capacity: 2, priceCents: 0 },
    });
    const eventId = ev.data!.createEvent.id as string;
    expect(
      (
        await api.gql(api.tokens.crew, ADD_PATRON, {
          input: { eventId, email: 'pair@example.com', name: 'Pat Pair', partySize: 2 },
        })
      ).errors,
    ).toBeUndefined();
    await sign(eventId, 'walk@example.com', 'Wes Walker', ['Kid Wes']);
    for (const person of ['patron', 'minor:Kid Wes']) {
      expect((await checkIn(eventId, 'walk@example.com', person)).errors?.[0]).toMatchObject({
        errorType: 'Conflict',
        errorInfo: { reason: 'NO_ROOM', headCount: 2 },
      });
    }
    for (const person of ['patron', 'guest:1'])
      expect((await checkIn(eventId, 'pair@example.com', person)).errors).toBeUndefined();
    expect((await boarding(eventId)).event).toMatchObject({ checkedIn: 2, capacity: 2 });
  });

  it('with the booked, all at once from two crew, never take the count past capacity', async () => {
    const eventId = await sailing(5);
    await sign(eventId, 'walk@example.com', 'Wes Walker', ['Kid Wes', 'Kid Wren']);
    await sign(eventId, 'stroll@example.com', 'Stella Stroll');
    // Eight people want five places: Jo's three, Sam, Wes and his two, Stella.
    const people: [string, string][] = [
      ['jo@example.com', 'patron'],
      ['jo@example.com', 'minor:Kid Jo'],
      ['jo@example.com', 'guest:1'],
      ['sam@example.com', 'patron'],
      ['walk@example.com', 'patron'],
      ['walk@example.com', 'minor:Kid Wes'],
      ['walk@example.com', 'minor:Kid Wren'],
      ['stroll@example.com', 'patron'],
    ];
    const results = await Promise.all(
      people.flatMap(([e, p]) => [checkIn(eventId, e, p), checkIn(eventId, e, p, crew2)]),
    );
    for (const r of results)
      expect(r.errors === undefined || r.errors[0]!.errorType === 'Conflict', JSON.stringify(r.errors)).toBe(true);
    let b = await boarding(eventId);
    let aboard = b.checkIns.filter((c: any) => c.status === 'CHECKED_IN').length;
    expect(b.event.checkedIn).toBe(aboard);
    expect(aboard).toBeLessThanOrEqual(5);
    // Retries fill the boat exactly, and no further.
    for (const [e, p] of people) await checkIn(eventId, e, p);
    b = await boarding(eventId);
    aboard = b.checkIns.filter((c: any) => c.status === 'CHECKED_IN').length;
    expect([b.event.checkedIn, aboard]).toEqual([5, 5]);
    expect(await audits(eventId, 'checkIn')).toHaveLength(5);
  });

  it('moved onto the roster keep their check-in, under the booking', async () => {
    const eventId = await sailing();
    await sign(eventId, 'walk@example.com', 'Wes Walker');
    expect((await checkIn(eventId, 'walk@example.com', 'patron')).errors).toBeUndefined();
    expect(
      (
        await api.gql(api.tokens.crew, ADD_PATRON, {
          input: { eventId, email: 'walk@example.com', name: 'Wes Walker', partySize: 2 },
        })
      ).errors,
    ).toBeUndefined();
    const b = await boarding(eventId);
    expect(b.walkUps).toEqual([]);
    expect(b.event.checkedIn).toBe(1);
    expect((await checkIn(eventId, 'walk@example.com', 'patron')).data!.checkIn.status).toBe('CHECKED_IN');
    expect((await checkIn(eventId, 'walk@example.com', 'guest:1')).errors).toBeUndefined();
    expect((await boarding(eventId)).event.checkedIn).toBe(2);
  });
});

describe('the count is the people who belong to the sailing now', () => {
  const aboard = async (eventId: string) => (await boarding(eventId)).event.checkedIn ?? 0;
  const refusedAboard = (res: { data?: unknown; errors?: unknown[] }) => {
    expect(res.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'PARTY_ABOARD' },
      message: expect.stringMatching(/checked in.*undo/),
    });
  };

  it('a party aboard is not moved to another sailing until crew undo their check-ins', async () => {
    const a = await sailing();
    const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: { title: `Later ${Date.now()}`, startsAt: '2037-07-05T17:00:00Z', capacity: 10, priceCents: 5_000 },
    });
    const b = ev.data!.createEvent.id as string;
    for (const person of ['patron', 'minor:Kid Jo'])
      expect((await checkIn(a, 'jo@example.com', person)).errors).toBeUndefined();
    const before = await items();
    refusedAboard(await api.gql(api.tokens.admin, REBOOK, { eventId: a, email: 'jo@example.com', toEventId: b }));
    expect(await items()).toEqual(before);
    for (const person of ['patron', 'minor:Kid Jo'])
      expect((await undo(a, 'jo@example.com', person, 'moved to another sailing')).errors).toBeUndefined();
    expect(
      (await api.gql(api.tokens.admin, REBOOK, { eventId: a, email: 'jo@example.com', toEventId: b })).errors,
    ).toBeUndefined();
    expect(await aboard(a)).toBe(0);
    // The next booked patron of A boards: nobody moved away still counts.
    expect((await checkIn(a, 'sam@example.com', 'patron')).errors).toBeUndefined();
    expect(await aboard(a)).toBe(1);
  });

  it('a party made smaller keeps every place someone is aboard in, and may lose the others', async () => {
    const eventId = await sailing();
    for (const person of ['patron', 'minor:Kid Jo', 'guest:1'])
      expect((await checkIn(eventId, 'jo@example.com', person)).errors).toBeUndefined();
    const before = await items();
    const res = await api.gql(api.tokens.crew, UPDATE_PATRON, {
      input: { eventId, email: 'jo@example.com', partySize: 1 },
    });
    refusedAboard(res);
    expect(res.errors![0]!.errorInfo).toMatchObject({ person: expect.stringMatching(/^(minor:Kid Jo|guest:1)$/) });
    expect(await items()).toEqual(before);
    expect((await undo(eventId, 'jo@example.com', 'guest:1', 'stayed ashore')).errors).toBeUndefined();
    // Guest 1 ashore: the party may lose that place, not Kid Jo's.
    expect(
      (await api.gql(api.tokens.crew, UPDATE_PATRON, { input: { eventId, email: 'jo@example.com', partySize: 2 } }))
        .errors,
    ).toBeUndefined();
    refusedAboard(
      await api.gql(api.tokens.crew, UPDATE_PATRON, { input: { eventId, email: 'jo@example.com', partySize: 1 } }),
    );
    expect(await aboard(eventId)).toBe(2);
  });

  it('a patron with people aboard is not removed, and is once they are ashore', async () => {
    const eventId = await sailing();
    expect((await checkIn(eventId, 'sam@example.com', 'patron')).errors).toBeUndefined();
    const before = await items();
    refusedAboard(await api.gql(api.tokens.admin, REMOVE_PATRON, { eventId, email: 'sam@example.com' }));
    expect(await items()).toEqual(before);
    expect((await undo(eventId, 'sam@example.com', 'patron', 'not sailing')).errors).toBeUndefined();
    expect(
      (await api.gql(api.tokens.admin, REMOVE_PATRON, { eventId, email: 'sam@example.com' })).errors,
    ).toBeUndefined();
    expect(await aboard(eventId)).toBe(0);
  });

  it('a sailing with people aboard is not cancelled until they are ashore', async () => {
    const eventId = await sailing();
    expect((await checkIn(eventId, 'sam@example.com', 'patron')).errors).toBeUndefined();
    const before = await items();
    refusedAboard(await api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'weather' }));
    expect(await items()).toEqual(before);
    expect((await undo(eventId, 'sam@example.com', 'patron', 'sailing called off')).errors).toBeUndefined();
    expect((await api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'weather' })).errors).toBeUndefined();
  });

  it('a walk-up aboard, booked, brings their check-ins into the booking’s places; too small a booking is refused', async () => {
    const eventId = await sailing(6);
    await sign(eventId, 'walk@example.com', 'Wes Walker', ['Kid Wes']);
    for (const person of ['patron', 'minor:Kid Wes'])
      expect((await checkIn(eventId, 'walk@example.com', person)).errors).toBeUndefined();
    refusedAboard(
      await api.gql(api.tokens.crew, ADD_PATRON, {
        input: { eventId, email: 'walk@example.com', name: 'Wes Walker', partySize: 1 },
      }),
    );
    expect(
      (
        await api.gql(api.tokens.crew, ADD_PATRON, {
          input: { eventId, email: 'walk@example.com', name: 'Wes Walker', partySize: 2 },
        })
      ).errors,
    ).toBeUndefined();
    const raw = (await items()).filter((i) => i.PK === `EVENT#${eventId}`);
    expect(raw.find((i) => i.SK === 'EVENT')).toMatchObject({ headCount: 6, checkedIn: 2, walkUpsAboard: 0 });
    expect(raw.find((i) => i.SK === 'PATRON#walk@example.com')).toMatchObject({ aboard: 2 });
    // Now booked: the walk-up places are free again, and the undo counts against the booking.
    expect((await undo(eventId, 'walk@example.com', 'minor:Kid Wes', 'stayed ashore')).errors).toBeUndefined();
    expect(
      (await items()).find((i) => i.PK === `EVENT#${eventId}` && i.SK === 'PATRON#walk@example.com'),
    ).toMatchObject({ aboard: 1 });
  });

  it('a walk-up aboard cannot sign again over their waiver (it names who boards)', async () => {
    const eventId = await sailing();
    await sign(eventId, 'walk@example.com', 'Wes Walker', ['Kid Wes']);
    expect((await checkIn(eventId, 'walk@example.com', 'minor:Kid Wes')).errors).toBeUndefined();
    await expect(sign(eventId, 'walk@example.com', 'Wes Walker')).rejects.toThrow(/409/);
    expect(await aboard(eventId)).toBe(1);
  });
});

describe('the waiver version each person signed (the manifest prints it)', () => {
  const VERSIONS = `query($eventId: ID!) { boarding(eventId: $eventId) { roster { email waiverVersion } walkUps { email waiverVersion } } }`;
  const versions = async (eventId: string) => (await api.gql(api.tokens.crew, VERSIONS, { eventId })).data!.boarding;

  it('is kept on the roster entry and the walk-up at signing, and follows a walk-up onto the roster', async () => {
    const eventId = await sailing();
    await sign(eventId, 'walk@example.com', 'Wes Walker');
    expect(await versions(eventId)).toEqual({
      roster: [
        { email: 'jo@example.com', waiverVersion: DEFAULT_WAIVER_VERSION },
        { email: 'sam@example.com', waiverVersion: null },
      ],
      walkUps: [{ email: 'walk@example.com', waiverVersion: DEFAULT_WAIVER_VERSION }],
    });
    expect(
      (
        await api.gql(api.tokens.crew, ADD_PATRON, {
          input: { eventId, email: 'walk@example.com', name: 'Wes Walker' },
        })
      ).errors,
    ).toBeUndefined();
    expect((await versions(eventId)).roster).toContainEqual({
      email: 'walk@example.com',
      waiverVersion: DEFAULT_WAIVER_VERSION,
    });
  });
});

describe('capacity against who is aboard (updateEvent)', () => {
  const setCapacity = (eventId: string, capacity: number) =>
    api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: eventId, capacity } });

  it('refuses a capacity below the places booked plus the walk-ups aboard, writing nothing', async () => {
    const eventId = await sailing(10);
    await sign(eventId, 'walk@example.com', 'Wes Walker', ['Kid Wes', 'Kid Wren']);
    for (const [e, p] of [
      ['jo@example.com', 'patron'],
      ['sam@example.com', 'patron'],
      ['walk@example.com', 'patron'],
      ['walk@example.com', 'minor:Kid Wes'],
      ['walk@example.com', 'minor:Kid Wren'],
    ]) {
      expect((await checkIn(eventId, e!, p!)).errors).toBeUndefined();
    }
    // 4 booked (2 of them aboard) and 3 walk-ups aboard: 7 places held.
    const before = await items();
    const res = await setCapacity(eventId, 6);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'BELOW_ABOARD', headCount: 4, walkUpsAboard: 3 },
    });
    expect(await items()).toEqual(before);
    expect((await setCapacity(eventId, 3)).errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'BELOW_BOOKED', headCount: 4 },
    });
    expect((await setCapacity(eventId, 7)).data!.updateEvent.capacity).toBe(7);
  });

  it('never ends below who is aboard when a check-in and a lower capacity land at once', async () => {
    for (let round = 0; round < 4; round += 1) {
      const eventId = await sailing(5);
      await sign(eventId, 'walk@example.com', 'Wes Walker');
      for (const person of ['patron', 'minor:Kid Jo', 'guest:1'])
        expect((await checkIn(eventId, 'jo@example.com', person)).errors).toBeUndefined();
      expect((await checkIn(eventId, 'sam@example.com', 'patron')).errors).toBeUndefined();
      // 4 booked and aboard; the walk-up would make 5 while the admin lowers the boat to 4.
      const [boarded, lowered] = await Promise.all([
        checkIn(eventId, 'walk@example.com', 'patron', crew2),
        setCapacity(eventId, 4),
      ]);
      const b = await boarding(eventId);
      const aboard = b.checkIns.filter((c: any) => c.status === 'CHECKED_IN').length;
      expect(b.event.checkedIn).toBe(aboard);
      expect(
        b.event.checkedIn,
        JSON.stringify({ boarded: boarded.errors, lowered: lowered.errors }),
      ).toBeLessThanOrEqual(b.event.capacity);
      expect([boarded.errors, lowered.errors].filter((e) => e === undefined).length).toBeGreaterThanOrEqual(1);
      for (const r of [boarded, lowered]) if (r.errors) expect(r.errors[0]!.errorType).toBe('Conflict');
    }
  });

  it('holds on a sailing no one has boarded yet (no count stored), with walk-ups racing the change', async () => {
    for (let round = 0; round < 4; round += 1) {
      const ev = await api.gql(api.tokens.admin, CREATE_EVENT, {
        input: {
          title: `Walk-ups only ${round} ${Date.now()}`,
          startsAt: '2037-07-04T17:00:00Z',
          capacity: 2,
          priceCents: 0,
        },
      });
      const eventId = ev.data!.createEvent.id as string;
      await sign(eventId, 'walk@example.com', 'Wes Walker');
      await sign(eventId, 'stroll@example.com', 'Stella Stroll');
      await Promise.all([
        checkIn(eventId, 'walk@example.com', 'patron'),
        checkIn(eventId, 'stroll@example.com', 'patron', crew2),
        setCapacity(eventId, 1),
      ]);
      const b = await boarding(eventId);
      expect(b.event.checkedIn ?? 0).toBe(b.checkIns.filter((c: any) => c.status === 'CHECKED_IN').length);
      expect(b.event.checkedIn ?? 0).toBeLessThanOrEqual(b.event.capacity);
    }
  });
});

describe('boarding, paged', () => {
  const PAGE = `query($eventId: ID!, $limit: Int, $nextToken: String) { boarding(eventId: $eventId, limit: $limit, nextToken: $nextToken) {
    event { id checkedIn } roster { email } walkUps { email } checkIns { email person status } nextToken } }`;

  it('answers a sailing in pages that together hold every check-in, walk-up and booking once, each page with the event', async () => {
    const eventId = await sailing();
    await sign(eventId, 'walk@example.com', 'Wes Walker');
    for (const [e, p] of [
      ['jo@example.com', 'patron'],
      ['jo@example.com', 'minor:Kid Jo'],
      ['walk@example.com', 'patron'],
    ])
      await checkIn(eventId, e!, p!);
    const whole = (await api.gql(api.tokens.crew, PAGE, { eventId })).data!.boarding;
    expect(whole.nextToken).toBeNull();
    expect([whole.roster.length, whole.walkUps.length, whole.checkIns.length]).toEqual([2, 1, 3]);
    const pages: any[] = [];
    let token: string | null = null;
    do {
      const res: any = await api.gql(api.tokens.crew, PAGE, { eventId, limit: 2, nextToken: token });
      expect(res.errors).toBeUndefined();
      pages.push(res.data.boarding);
      token = res.data.boarding.nextToken;
    } while (token && pages.length < 10);
    expect(pages.length).toBe(4); // 7 items from BOARD# to PATRON# (the event among them), 2 a page
    for (const p of pages) expect(p.event).toEqual({ id: eventId, checkedIn: 3 });
    const merged = (k: 'roster' | 'walkUps' | 'checkIns') => pages.flatMap((p) => p[k]);
    expect({ roster: merged('roster'), walkUps: merged('walkUps'), checkIns: merged('checkIns') }).toEqual({
      roster: whole.roster,
      walkUps: whole.walkUps,
      checkIns: whole.checkIns,
    });
    const other = await sailing();
    expect(
      (await api.gql(api.tokens.crew, PAGE, { eventId: other, nextToken: pages[0].nextToken })).errors?.[0],
    ).toMatchObject({ errorType: 'ValidationError' });
    expect((await api.gql(api.tokens.crew, PAGE, { eventId, limit: 0 })).errors?.[0]).toMatchObject({
      errorType: 'ValidationError',
    });
    expect((await api.gql(api.tokens.crew, PAGE, { eventId: 'no-such-sail' })).data!.boarding).toBeNull();
  });
});

describe('two crew at once', () => {
  it('never lose a check-in and count each person once', async () => {
    const eventId = await sailing();
    const people: [string, string][] = [
      ['jo@example.com', 'patron'],
      ['jo@example.com', 'minor:Kid Jo'],
      ['jo@example.com', 'guest:1'],
      ['sam@example.com', 'patron'],
    ];
    // Both crew check in everyone at the same moment: each person is claimed twice.
    const results = await Promise.all(
      people.flatMap(([e, p]) => [checkIn(eventId, e, p), checkIn(eventId, e, p, crew2)]),
    );
    for (const r of results)
      expect(r.errors === undefined || r.errors[0]!.errorType === 'Conflict', JSON.stringify(r.errors)).toBe(true);
    const b = await boarding(eventId);
    const aboard = b.checkIns.filter((c: any) => c.status === 'CHECKED_IN').length;
    expect(b.event.checkedIn).toBe(aboard);
    expect(await audits(eventId, 'checkIn')).toHaveLength(b.checkIns.length);
    // What a lost race left out is checked in on a retry, never twice.
    for (const [e, p] of people) await checkIn(eventId, e, p);
    expect((await boarding(eventId)).event.checkedIn).toBe(4);
    expect(await audits(eventId, 'checkIn')).toHaveLength(4);
  });
});
