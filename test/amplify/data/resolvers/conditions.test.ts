import { describe, expect, it } from 'vitest';
import { ctx, run } from './support/context';

/**
 * What each write is conditioned on (so no change is lost to a concurrent one), read off the requests the resolvers build: a
 * value the write derived from something it read is pinned to what was read, or computed by
 * DynamoDB itself (`SET x = x + :x`).
 */
const event = {
  PK: 'EVENT#e',
  SK: 'EVENT',
  id: 'e',
  title: 'T',
  startsAt: '2027-06-06T01:30:00.000Z',
  crew: [],
  capacity: 40,
  priceCents: 1_000,
  dueCents: 5_000,
  paidCents: 1_000,
  balanceCents: 4_000,
  rosterCount: 2,
  headCount: 5,
  waiversSigned: 1,
};
const entry = {
  PK: 'EVENT#e',
  SK: 'PATRON#pat@example.com',
  eventId: 'e',
  email: 'pat@example.com',
  name: 'Pat',
  partySize: 2,
  amountDueCents: 2_000,
  paidCents: 1_000,
  balanceCents: 1_000,
  waiverSignedAt: '2027-06-01T10:00:00.000Z',
};
const payment = {
  PK: 'EVENT#e',
  SK: 'PAYMENT#P1',
  id: 'P1',
  eventId: 'e',
  patronEmail: 'pat@example.com',
  patronName: 'Pat',
  amountCents: 1_000,
  status: 'RECORDED',
  notificationStatus: 'SENT',
  notifiedAt: '2027-06-01T10:00:00.000Z',
};

/** The attributes a condition requires equal to a value, by name, with the values it requires. */
function pinned(condition: {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, any>;
}) {
  const out: Record<string, unknown> = {};
  for (const m of condition.expression.matchAll(/(#c_\w+) = (:c_\w+)/g)) {
    const v = condition.expressionValues![m[2]!];
    out[condition.expressionNames![m[1]!]!] = v.S ?? (v.N !== undefined ? Number(v.N) : v);
  }
  for (const m of condition.expression.matchAll(/attribute_not_exists\((#c_\w+)\)/g))
    out[condition.expressionNames![m[1]!]!] = 'absent';
  return out;
}
const write = async (file: string, field: string, over: Record<string, unknown>) => {
  const out = await run(file, 'request', ctx(field, over));
  expect(out.error).toBeUndefined();
  return (out.value as any).transactItems;
};

describe('updatePatron.write', () => {
  it("requires the entry exactly as read, the due amount included (the issue's lost update)", async () => {
    const [entryWrite] = await write('updatePatron.write.ts', 'updatePatron', {
      arguments: { input: { eventId: 'e', email: entry.email, amountDueCents: 3_000 } },
      stash: { loaded: { event, entry } },
    });
    expect(pinned(entryWrite.condition)).toMatchObject({
      amountDueCents: 2_000,
      paidCents: 1_000,
      partySize: 2,
      name: 'Pat',
      waiverSignedAt: entry.waiverSignedAt,
      phone: 'absent',
      notes: 'absent',
    });
  });

  it("moves the event's totals by DynamoDB's addition, within Int, and pins the capacity and price a bigger party's due came from", async () => {
    const [, eventWrite] = await write('updatePatron.write.ts', 'updatePatron', {
      arguments: { input: { eventId: 'e', email: entry.email, partySize: 3 } },
      stash: { loaded: { event, entry: { ...entry, amountDueCents: 2_000 } } },
    });
    expect(eventWrite.update.expression).toBe(
      'SET #headCount = #headCount + :headCount, #dueCents = #dueCents + :dueCents, #balanceCents = #balanceCents + :balanceCents',
    );
    expect(eventWrite.update.expressionValues).toMatchObject({ ':headCount': { N: 1 }, ':dueCents': { N: 1_000 } });
    // status: the event not cancelled, as addPatron's write requires; walkUpsAboard: the places
    // walk-ups hold, which a bigger party's room was reckoned against
    expect(pinned(eventWrite.condition)).toEqual({
      capacity: 40,
      priceCents: 1_000,
      status: 'absent',
      walkUpsAboard: 'absent',
    });
    expect(eventWrite.condition.expression).toContain('#c_held <= :c_heldMax');
    expect(eventWrite.condition.expressionValues[':c_b_dueCents']).toEqual({ N: 2 ** 31 - 1 - 1_000 });
  });

  it('answers a failed condition (a change landed between read and write) as EVENT_CHANGED', async () => {
    const out = await run(
      'updatePatron.write.ts',
      'response',
      ctx('updatePatron', {
        stash: { loaded: { event, entry } },
        error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
        result: { cancellationReasons: [{ type: 'None' }, { type: 'ConditionalCheckFailed' }, { type: 'None' }] },
      }),
    );
    expect(out.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CHANGED' } });
    expect(out.error?.message).toMatch(/a moment ago/);
  });
});

describe('the other writes', () => {
  it('updateEvent requires the whole event as read (its answer and audit come from it)', async () => {
    const [eventWrite] = await write('updateEvent.write.ts', 'updateEvent', {
      arguments: { input: { id: 'e', title: 'New' } },
      stash: { loaded: { event } },
    });
    expect(pinned(eventWrite.condition)).toMatchObject({
      title: 'T',
      capacity: 40,
      priceCents: 1_000,
      dueCents: 5_000,
      paidCents: 1_000,
      headCount: 5,
      endsAt: 'absent',
      boat: 'absent',
    });
  });

  it('addPatron pins the capacity and the price a default due came from, and keeps the total due within Int', async () => {
    const [, eventWrite] = await write('addPatron.write.ts', 'addPatron', {
      arguments: { input: { eventId: 'e', email: 'new@example.com', name: 'New', partySize: 2 } },
      stash: { loaded: { event } },
    });
    // status: the event not cancelled, as an absent status or anything but CANCELLED; walkUpsAboard:
    // the places walk-ups hold, which the booking's room was reckoned against
    expect(pinned(eventWrite.condition)).toEqual({
      capacity: 40,
      priceCents: 1_000,
      status: 'absent',
      walkUpsAboard: 'absent',
    });
    expect(eventWrite.condition.expression).toContain('#c_evstatus <> :c_cancelled');
    expect(eventWrite.condition.expressionValues[':c_b_dueCents']).toEqual({ N: 2 ** 31 - 1 - 2_000 });
  });

  it('removePatron requires the entry as read and no count of the event to go below zero', async () => {
    const [del, eventWrite] = await write('removePatron.write.ts', 'removePatron', {
      arguments: { eventId: 'e', email: entry.email },
      stash: { loaded: { event, entry: { ...entry, paidCents: 0, balanceCents: 2_000 } } },
    });
    expect(pinned(del.condition)).toMatchObject({
      paidCents: 0,
      partySize: 2,
      amountDueCents: 2_000,
      waiverSignedAt: entry.waiverSignedAt,
    });
    for (const [field, n] of [
      ['headCount', 2],
      ['rosterCount', 1],
      ['waiversSigned', 1],
      ['dueCents', 2_000],
      ['balanceCents', 2_000],
    ] as const) {
      expect(eventWrite.condition.expressionValues[`:c_b_${field}`], field).toEqual({ N: n });
    }
  });

  it('voidPayment requires the payment RECORDED and as read (receipt fields included)', async () => {
    const [paymentWrite] = await write('voidPayment.write.ts', 'voidPayment', {
      arguments: { eventId: 'e', paymentId: 'P1' },
      stash: { reason: 'Wrong', loaded: { event, payment } },
    });
    expect(pinned(paymentWrite.condition)).toMatchObject({
      status: 'RECORDED',
      notificationStatus: 'SENT',
      notifiedAt: payment.notifiedAt,
      voidedAt: 'absent',
    });
  });

  it("logPayment pins the patron's name and email it copies onto the payment", async () => {
    const input = {
      idempotencyKey: 'k',
      eventId: 'e',
      patronEmail: entry.email,
      amountCents: 500,
      method: 'CASH',
      notes: null,
      receivedAt: null,
    };
    const [, entryWrite] = await write('logPayment.write.ts', 'logPayment', {
      stash: { input, loaded: { event, entry, idempotency: null } },
    });
    // status: the patron still booked here, not rebooked elsewhere
    expect(pinned(entryWrite.condition)).toEqual({ name: 'Pat', email: entry.email, status: 'absent' });
    expect(entryWrite.condition.expression).toContain('#c_balance >= :c_amount');
    expect(entryWrite.condition.expression).toContain('#c_enstatus <> :c_moved');
  });

  it('notifyPatron.record requires the earlier notification as read, and audits it as the before-image', async () => {
    const [paymentWrite, audit] = await write('notifyPatron.record.ts', 'notifyPatron', {
      stash: { loaded: { event, payment } },
      prev: { result: { status: 'SENT', messageId: 'm1' } },
    });
    // and what SES reported about that earlier receipt, which this send replaces
    const reported = {
      notificationMessageId: 'absent',
      notificationDelivery: 'absent',
      notificationDeliveryRank: 'absent',
      notificationDeliveryAt: 'absent',
      notificationDeliveryDetail: 'absent',
    };
    expect(pinned(paymentWrite.condition)).toEqual({
      notificationStatus: 'SENT',
      notifiedAt: payment.notifiedAt,
      notificationError: 'absent',
      ...reported,
    });
    expect(audit.attributeValues.before.M.notificationStatus).toEqual({ S: 'SENT' });
  });
});

describe('lib/validate utcInstant, through the APPSYNC_JS runtime', () => {
  const start = (startsAt: string) =>
    run(
      'createEvent.ts',
      'request',
      ctx('createEvent', { arguments: { input: { title: 'T', startsAt, capacity: 1, priceCents: 0 } } }),
    );
  it.each([
    ['2027-06-05T18:30:00-07:00', '2027-06-06T01:30:00.000Z'],
    ['2027-06-05T18:30-07:00', '2027-06-06T01:30:00.000Z'],
    ['2027-06-05T18:30:00.123456789+05:30:15', '2027-06-05T12:59:45.123Z'],
    ['2027-06-05T00:00:00+14:00', '2027-06-04T10:00:00.000Z'],
  ])('%s is %s', async (given, utc) => {
    const out = await start(given);
    expect((out.value as any).transactItems[0].attributeValues.startsAt).toEqual({ S: utc });
  });
  it.each([
    '2027-02-29T10:00:00Z',
    '2027-06-05T18:30:00+99:99',
    '2027-06-05T18:30:00-23:59',
    '0000-01-01T00:30:00+01:00',
    '9999-12-31T23:59:00-23:59',
    '2027-06-05 18:30:00Z',
    '2027-06-05T24:00:00Z',
  ])('%s is a ValidationError', async (given) => expect((await start(given)).error?.errorType).toBe('ValidationError'));
});
