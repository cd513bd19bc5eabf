import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAll, stack } from '../support/stack';
import {
  ADD_PATRON,
  CREATE_EVENT,
  EVENT_FIELDS,
  GET_EVENT,
  LOG_PAYMENT,
  ROSTER_FIELDS,
  startApi,
  type Api,
} from './support/harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const UPDATE_EVENT = `mutation($input: UpdateEventInput!) { updateEvent(input: $input) { ${EVENT_FIELDS} } }`;
const UPDATE_PATRON = `mutation($input: UpdatePatronInput!) { updatePatron(input: $input) { ${ROSTER_FIELDS} } }`;
const REMOVE_PATRON = `mutation($eventId: ID!, $email: AWSEmail!) { removePatron(eventId: $eventId, email: $email) { ${ROSTER_FIELDS} } }`;
const LIST_EVENTS = `query($from: AWSDate!, $to: AWSDate!, $limit: Int, $nextToken: String) { listEvents(from: $from, to: $to, limit: $limit, nextToken: $nextToken) { items { id startsAt } nextToken } }`;

let n = 0;
async function createEvent(input: Record<string, unknown> = {}) {
  n += 1;
  const res = await api.gql(api.tokens.admin, CREATE_EVENT, {
    input: {
      title: `Whale Watch ${n}`,
      startsAt: '2027-03-0' + ((n % 9) + 1) + 'T16:00:00Z',
      capacity: 10,
      priceCents: 5_000,
      ...input,
    },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.createEvent;
}

describe('createEvent', () => {
  it('derives the id from the local date of startsAt and the slug of the title', async () => {
    const res = await api.gql(api.tokens.admin, CREATE_EVENT, {
      input: {
        title: 'Sunset Sail & Supper!',
        startsAt: '2027-07-04T19:30:00-07:00',
        capacity: 40,
        priceCents: 6_500,
        crew: ['Ann', 'Bo'],
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createEvent).toMatchObject({
      id: '2027-07-04-sunset-sail-supper',
      capacity: 40,
      priceCents: 6_500,
      crew: ['Ann', 'Bo'],
      dueCents: 0,
      paidCents: 0,
      balanceCents: 0,
      rosterCount: 0,
      waiversSigned: 0,
    });
    expect(Date.parse(res.data!.createEvent.startsAt)).toBe(Date.parse('2027-07-04T19:30:00-07:00'));
  });

  it('refuses a duplicate id as a Conflict', async () => {
    const input = { title: 'Private Charter', startsAt: '2027-08-01T10:00:00Z', capacity: 12, priceCents: 0 };
    await api.gql(api.tokens.admin, CREATE_EVENT, { input });
    const again = await api.gql(api.tokens.admin, CREATE_EVENT, { input });
    expect(again.errors?.[0]).toMatchObject({ errorType: 'Conflict' });
    expect(again.errors?.[0]?.message).toContain('2027-08-01-private-charter');
  });
});

describe('updateEvent', () => {
  it('changes only the fields given, crew and captain included', async () => {
    const ev = await createEvent({ boat: 'Lady Washington', captain: 'Ahab' });
    const res = await api.gql(api.tokens.admin, UPDATE_EVENT, {
      input: { id: ev.id, captain: 'Haddock', crew: ['Ann', 'Cy'] },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateEvent).toMatchObject({ ...ev, captain: 'Haddock', crew: ['Ann', 'Cy'] });
    const read = await api.gql(api.tokens.crew, GET_EVENT, { id: ev.id });
    expect(read.data!.getEvent.event).toMatchObject({
      captain: 'Haddock',
      boat: 'Lady Washington',
      crew: ['Ann', 'Cy'],
    });
  });

  it('refuses a capacity below the people already booked', async () => {
    const ev = await createEvent({ capacity: 10 });
    await api.gql(api.tokens.crew, ADD_PATRON, {
      input: { eventId: ev.id, email: 'big@example.com', name: 'Big Party', partySize: 6 },
    });
    const res = await api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: ev.id, capacity: 5 } });
    expect(res.errors?.[0]).toMatchObject({ errorType: 'Conflict' });
    expect(res.errors?.[0]?.message).toContain('6 people');
    const ok = await api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: ev.id, capacity: 6 } });
    expect(ok.data!.updateEvent.capacity).toBe(6);
  });

  it('answers NotFound for an unknown event', async () => {
    const res = await api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: 'no-such-event', title: 'x' } });
    expect(res.errors?.[0]?.errorType).toBe('NotFound');
  });
});

describe('listEvents', () => {
  it('pages events between two dates in start order, across a new year', async () => {
    for (const startsAt of [
      '2030-12-30T10:00:00Z',
      '2031-01-02T10:00:00Z',
      '2030-12-31T10:00:00Z',
      '2031-01-05T10:00:00Z',
      '2031-02-01T10:00:00Z',
    ]) {
      await createEvent({ title: 'Year end ' + startsAt, startsAt });
    }
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const res: any = await api.gql(api.tokens.crew, LIST_EVENTS, {
        from: '2030-12-30',
        to: '2031-01-31',
        limit: 2,
        nextToken,
      });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.listEvents.items.map((e: any) => e.startsAt));
      nextToken = res.data.listEvents.nextToken;
      pages += 1;
    } while (nextToken && pages < 10);
    expect(seen.map((s) => s.slice(0, 10))).toEqual(['2030-12-30', '2030-12-31', '2031-01-02', '2031-01-05']);
  });

  it('refuses a forged nextToken as a ValidationError', async () => {
    const forged = Buffer.from(JSON.stringify({ p: '2030', t: 'abc' })).toString('base64') + '.12345';
    for (const nextToken of [forged, 'garbage', '']) {
      const res = await api.gql(api.tokens.crew, LIST_EVENTS, { from: '2030-01-01', to: '2030-12-31', nextToken });
      expect(res.errors?.[0]?.errorType, nextToken).toBe('ValidationError');
    }
  });

  it('refuses a limit outside 1-100', async () => {
    for (const limit of [0, 101, -1]) {
      const res = await api.gql(api.tokens.crew, LIST_EVENTS, { from: '2030-01-01', to: '2030-12-31', limit });
      expect(res.errors?.[0]?.errorType).toBe('ValidationError');
    }
  });
});

describe('roster', () => {
  it('adds a patron with the amount due defaulting to price × party size, emails lower-cased', async () => {
    const ev = await createEvent({ priceCents: 4_500 });
    const res = await api.gql(api.tokens.crew, ADD_PATRON, {
      input: { eventId: ev.id, email: 'Jo.Doe@Example.COM', name: 'Jo Doe', partySize: 3 },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.addPatron).toMatchObject({
      email: 'jo.doe@example.com',
      partySize: 3,
      amountDueCents: 13_500,
      paidCents: 0,
      balanceCents: 13_500,
    });
    const read = await api.gql(api.tokens.crew, GET_EVENT, { id: ev.id });
    expect(read.data!.getEvent.event).toMatchObject({ rosterCount: 1, dueCents: 13_500, balanceCents: 13_500 });
    const head = await api.gql(api.tokens.crew, `query($id: ID!) { getEvent(id: $id) { event { headCount } } }`, {
      id: ev.id,
    });
    expect(head.data!.getEvent.event.headCount).toBe(3);
  });

  it('refuses an unknown event, a duplicate email (in any case) and a party over capacity', async () => {
    const ev = await createEvent({ capacity: 4 });
    const add = (input: Record<string, unknown>) =>
      api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId: ev.id, name: 'Someone', ...input } });
    expect((await add({ eventId: 'nope-nope', email: 'a@example.com' })).errors?.[0]?.errorType).toBe('NotFound');
    expect((await add({ email: 'a@example.com', partySize: 3 })).errors).toBeUndefined();
    const again = await add({ email: 'A@Example.com' });
    expect(again.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'ALREADY_ON_ROSTER' } });
    expect(again.errors?.[0]?.message).toBe('a@example.com is already on the roster of this event.');
    const over = await add({ email: 'b@example.com', partySize: 2 });
    expect(over.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'NO_ROOM', placesLeft: 1, capacity: 4 },
    });
    expect(over.errors?.[0]?.message).toContain('1 of 4 places left');
  });

  it('updates a patron, keeping the event totals in step', async () => {
    const ev = await createEvent({ priceCents: 1_000 });
    await api.gql(api.tokens.crew, ADD_PATRON, {
      input: { eventId: ev.id, email: 'u@example.com', name: 'U', partySize: 2 },
    });
    const res = await api.gql(api.tokens.crew, UPDATE_PATRON, {
      input: { eventId: ev.id, email: 'U@example.com', partySize: 4, phone: '+1 555 0100' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updatePatron).toMatchObject({
      partySize: 4,
      amountDueCents: 4_000,
      balanceCents: 4_000,
      phone: '+1 555 0100',
      name: 'U',
    });
    const read = await api.gql(api.tokens.crew, GET_EVENT, { id: ev.id });
    expect(read.data!.getEvent.event).toMatchObject({ dueCents: 4_000, balanceCents: 4_000 });
  });

  it('says which case an update refusal is: a party that does not fit, or a due amount below what was paid', async () => {
    const ev = await createEvent({ capacity: 5, priceCents: 1_000 });
    await api.gql(api.tokens.crew, ADD_PATRON, {
      input: { eventId: ev.id, email: 'grow@example.com', name: 'Grow', partySize: 2 },
    });
    await api.gql(api.tokens.crew, ADD_PATRON, {
      input: { eventId: ev.id, email: 'other@example.com', name: 'Other', partySize: 1 },
    });
    const update = (input: Record<string, unknown>) =>
      api.gql(api.tokens.crew, UPDATE_PATRON, { input: { eventId: ev.id, email: 'grow@example.com', ...input } });
    const over = await update({ partySize: 5 });
    expect(over.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'NO_ROOM', placesLeft: 2, capacity: 5 },
    });
    expect(over.errors?.[0]?.message).toBe('A party of 5 does not fit: 2 of 5 places left on this event.');
    expect((await update({ partySize: 4 })).errors).toBeUndefined();
    await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: {
        idempotencyKey: 'due-' + ev.id,
        eventId: ev.id,
        patronEmail: 'grow@example.com',
        amountCents: 2_500,
        method: 'CASH',
      },
    });
    const below = await update({ amountDueCents: 2_499 });
    expect(below.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'DUE_BELOW_PAID', paidCents: 2_500 },
    });
    const read = await api.gql(api.tokens.crew, GET_EVENT, { id: ev.id });
    expect(read.data!.getEvent.event).toMatchObject({ dueCents: 5_000, paidCents: 2_500 });
  });

  it('refuses to remove a patron while payments are recorded, and removes one without', async () => {
    const ev = await createEvent();
    await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId: ev.id, email: 'paid@example.com', name: 'Paid' } });
    await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId: ev.id, email: 'free@example.com', name: 'Free' } });
    await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: {
        idempotencyKey: 'rm-' + ev.id,
        eventId: ev.id,
        patronEmail: 'paid@example.com',
        amountCents: 100,
        method: 'CARD',
      },
    });
    const refused = await api.gql(api.tokens.admin, REMOVE_PATRON, { eventId: ev.id, email: 'paid@example.com' });
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'Conflict' });
    expect(refused.errors?.[0]?.message).toContain('$1.00');
    const removed = await api.gql(api.tokens.admin, REMOVE_PATRON, { eventId: ev.id, email: 'free@example.com' });
    expect(removed.errors).toBeUndefined();
    const read = await api.gql(api.tokens.crew, GET_EVENT, { id: ev.id });
    expect(read.data!.getEvent.roster.map((r: any) => r.email)).toEqual(['paid@example.com']);
    expect(read.data!.getEvent.event).toMatchObject({
      rosterCount: 1,
      dueCents: 5_000,
      paidCents: 100,
      balanceCents: 4_900,
    });
  });

  it('writes an audit record with who, before and after for every change', async () => {
    const ev = await createEvent();
    await api.gql(api.tokens.crew, ADD_PATRON, { input: { eventId: ev.id, email: 'aud@example.com', name: 'Aud' } });
    await api.gql(api.tokens.crew, UPDATE_PATRON, {
      input: { eventId: ev.id, email: 'aud@example.com', name: 'Audrey' },
    });
    const audit = (await scanAll(api.tableName)).filter((i) => i.PK?.S === `AUDIT#${ev.id}`);
    expect(audit.map((a) => a.operation?.S)).toEqual(['createEvent', 'addPatron', 'updatePatron']);
    const update = audit[2]!;
    expect(update.actor?.S).toBe(stack().users.crew);
    expect(update.before?.M?.name?.S).toBe('Aud');
    expect(update.after?.M?.name?.S).toBe('Audrey');
  });
});

describe('capacity under concurrency', () => {
  it('lets exactly 5 of 10 concurrent one-person bookings onto 5 places', async () => {
    const ev = await createEvent({ capacity: 5 });
    const book = async (i: number): Promise<'ok' | 'full'> => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const r = await api.gql(api.tokens.crew, ADD_PATRON, {
          input: { eventId: ev.id, email: `p${i}@example.com`, name: `P ${i}` },
        });
        if (!r.errors) return 'ok';
        expect(r.errors[0]!.errorType).toBe('Conflict');
        // A collision with a booking in flight says so (retryable, or the event changed); a full boat says NO_ROOM.
        const info = r.errors[0]!.errorInfo as { retryable?: boolean; reason?: string } | null;
        if (info?.retryable || info?.reason === 'EVENT_CHANGED') continue;
        expect(info?.reason).toBe('NO_ROOM');
        return 'full';
      }
      throw new Error('still colliding after 20 tries');
    };
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => book(i)));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
    const read = await api.gql(
      api.tokens.crew,
      `query($id: ID!) { getEvent(id: $id) { event { rosterCount headCount } roster { email } } }`,
      { id: ev.id },
    );
    expect(read.data!.getEvent.event).toEqual({ rosterCount: 5, headCount: 5 });
    expect(read.data!.getEvent.roster).toHaveLength(5);
  });
});
