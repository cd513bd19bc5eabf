import { describe, expect, it } from 'vitest';
import { ctx, run } from './support/context';

/** refundPayment's last step: the one transaction that gives money back, and what it refuses. */
const EVENT_ID = '2026-12-01-sunset-sail';
const PK = `EVENT#${EVENT_ID}`;
const event = {
  PK,
  SK: 'EVENT',
  id: EVENT_ID,
  startsAt: '2026-12-02T02:30:00.000Z',
  capacity: 40,
  headCount: 2,
  priceCents: 6_500,
  paidCents: 9_000,
};
const entry = {
  PK,
  SK: 'PATRON#pat@example.com',
  email: 'pat@example.com',
  name: 'Pat',
  paidCents: 5_000,
  balanceCents: 1_500,
  amountDueCents: 6_500,
  partySize: 1,
};
const payment = {
  PK,
  SK: 'PAYMENT#P1',
  id: 'P1',
  eventId: EVENT_ID,
  patronEmail: 'pat@example.com',
  patronName: 'Pat',
  amountCents: 5_000,
  method: 'CASH',
  status: 'RECORDED',
};
const input = {
  idempotencyKey: 'k-1',
  eventId: EVENT_ID,
  patronEmail: 'pat@example.com',
  amountCents: 1_200,
  method: 'CARD',
  reason: 'Weather',
  refundOf: null,
  notes: null,
  receivedAt: null,
};
const asAccounting = {
  sub: 'sub-2',
  username: 'sub-2',
  claims: { email: 'books@example.com', 'cognito:groups': ['ACCOUNTING'] },
  groups: ['ACCOUNTING'],
};

/** The stash refundPayment.load leaves: the checked input, what it read, and the caller's access checked in that read. */
const stash = (over: { input?: object; loaded?: object } = {}) => ({
  accessChecked: true,
  input: { ...input, ...over.input },
  loaded: { event, entry, idempotency: null, refunded: null, ...over.loaded },
});
const write = (s = stash()) =>
  run('refundPayment.write.ts', 'request', ctx('refundPayment', { stash: s, identity: asAccounting }));
const items = (out: { value?: unknown }) => (out.value as any).transactItems as any[];

describe('refundPayment.write', () => {
  it('records the refund as a Payment of kind REFUND, by whoever gave it, with the entry, the event, its key and its audit record in one transaction', async () => {
    const out = await write();
    expect(out.error).toBeUndefined();
    expect(out.value).toMatchObject({ operation: 'TransactWriteItems' });
    expect(items(out).map((i) => i.operation)).toEqual([
      'PutItem',
      'UpdateItem',
      'UpdateItem',
      'PutItem',
      'PutItem',
      'UpdateItem',
    ]);
    // and the day's takings, which DynamoDB adds to
    expect(items(out)[5].key.PK.S).toMatch(/^TAKINGS#/);
    const refund = items(out)[0];
    expect(refund.key.PK).toEqual({ S: PK });
    expect(refund.key.SK.S).toMatch(/^PAYMENT#/);
    expect(refund.attributeValues).toMatchObject({
      kind: { S: 'REFUND' },
      amountCents: { N: 1_200 },
      patronEmail: { S: 'pat@example.com' },
      patronName: { S: 'Pat' },
      method: { S: 'CARD' },
      reason: { S: 'Weather' },
      status: { S: 'RECORDED' },
      loggedBy: { S: 'books@example.com' },
      idempotencyKey: { S: 'k-1' },
    });
    expect(items(out)[3].key.PK).toEqual({ S: 'IDEMPOTENCY#k-1' });
    expect(items(out)[4].key.PK.S).toMatch(/^AUDIT#/);
    expect(items(out).every((i) => i.table === 'scc-unit')).toBe(true);
  });

  it("lowers the entry's and the event's paid and raises their balance by DynamoDB's own addition", async () => {
    for (const update of items(await write()).slice(1, 3)) {
      expect(update.update.expression).toBe(
        'SET #paidCents = #paidCents + :paidCents, #balanceCents = #balanceCents + :balanceCents',
      );
      expect(update.update.expressionValues).toEqual({ ':paidCents': { N: -1_200 }, ':balanceCents': { N: 1_200 } });
    }
    expect(
      items(await write())
        .slice(1, 3)
        .map((i) => i.key.SK),
    ).toEqual([{ S: entry.SK }, { S: 'EVENT' }]);
  });

  it('lets DynamoDB refuse giving back more than is paid at that moment, on the entry and on the event alike', async () => {
    for (const update of items(await write()).slice(1, 3)) {
      expect(update.condition.expression).toContain('#c_b_paidCents >= :c_b_paidCents');
      expect(update.condition.expressionNames['#c_b_paidCents']).toBe('paidCents');
      expect(update.condition.expressionValues[':c_b_paidCents']).toEqual({ N: 1_200 });
    }
  });

  it('writes the entry only as read (the name the refund copies) and still booked, the event only with the start its expiry comes from', async () => {
    const [, entryUpdate, eventUpdate] = items(await write());
    expect(Object.values(entryUpdate.condition.expressionNames)).toEqual(expect.arrayContaining(['name', 'status']));
    expect(Object.values(entryUpdate.condition.expressionValues)).toEqual(
      expect.arrayContaining([{ S: 'Pat' }, { S: 'MOVED' }]),
    );
    expect(Object.values(eventUpdate.condition.expressionNames)).toContain('startsAt');
    expect(Object.values(eventUpdate.condition.expressionValues)).toContainEqual({ S: event.startsAt });
  });

  it('keeps the refund as long as the payments of its sailing: seven years after it starts', async () => {
    const [refund] = items(await write());
    expect(refund.attributeValues.expiresAt).toEqual({ N: Date.parse(event.startsAt) / 1000 + 7 * 366 * 24 * 60 * 60 });
  });

  it('refuses more than the patron has paid, naming what they paid, and writes nothing', async () => {
    const out = await write(stash({ input: { amountCents: 5_001 } }));
    expect(out.error).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'OVER_PAID', paidCents: 5_000 } });
    expect(out.error?.message).toBe('A refund of $50.01 is more than pat@example.com has paid ($50.00).');
    expect(out.value).toBeUndefined();
  });

  it('refuses an event or a patron it did not find, and a patron rebooked onto another sailing', async () => {
    expect((await write(stash({ loaded: { event: null } }))).error).toMatchObject({
      errorType: 'NotFound',
      message: `No event with id "${EVENT_ID}".`,
    });
    expect((await write(stash({ loaded: { entry: null } }))).error).toMatchObject({ errorType: 'NotFound' });
    const moved = await write(stash({ loaded: { entry: { ...entry, status: 'MOVED', movedTo: 'elsewhere' } } }));
    expect(moved.error).toMatchObject({
      errorType: 'Conflict',
      errorInfo: { reason: 'PATRON_MOVED', movedTo: 'elsewhere' },
    });
    expect(moved.value).toBeUndefined();
  });

  describe('of a payment named (refundOf)', () => {
    const of = (p: object | null, amountCents = 1_200) =>
      write(stash({ input: { refundOf: 'P1', amountCents }, loaded: { refunded: p } }));

    it("raises that payment's refundedCents from the value read, only while it is RECORDED and unchanged", async () => {
      const out = await of({ ...payment, refundedCents: 500 });
      expect(out.error).toBeUndefined();
      expect(items(out)).toHaveLength(7);
      expect(items(out)[0].attributeValues.refundOf).toEqual({ S: 'P1' });
      const named = items(out)[5];
      expect(named.key).toEqual({ PK: { S: PK }, SK: { S: 'PAYMENT#P1' } });
      expect(Object.values(named.update.expressionValues)).toContainEqual({ N: 1_700 });
      expect(named.condition.expression).toContain(
        '#c_st = :c_recorded AND (attribute_not_exists(#c_refunded) OR #c_refunded = :c_refunded)',
      );
      // and the payment covers its refunds with this one, is the same patron's, and is no refund itself
      expect(named.condition.expression).toContain('#c_amount >= :c_after AND #c_email = :c_email');
      expect(named.condition.expressionValues).toMatchObject({
        ':c_recorded': { S: 'RECORDED' },
        ':c_refunded': { N: 500 },
        ':c_after': { N: 1_700 },
        ':c_email': { S: 'pat@example.com' },
      });
    });

    it('counts a first refund of it from nothing', async () => {
      const named = items(await of(payment))[5];
      expect(Object.values(named.update.expressionValues)).toContainEqual({ N: 1_200 });
      expect(named.condition.expressionValues[':c_refunded']).toEqual({ N: 0 });
    });

    it('refuses more than is left of it to refund, saying how much is left', async () => {
      const out = await of({ ...payment, refundedCents: 4_000 }, 1_200);
      expect(out.error).toMatchObject({
        errorType: 'Conflict',
        errorInfo: { reason: 'OVER_PAYMENT', refundableCents: 1_000 },
      });
      expect(out.error?.message).toBe('Only $10.00 of that $50.00 payment is left to refund.');
    });

    it("refuses a payment it did not find, a refund, another patron's payment and a payment not recorded", async () => {
      expect((await of(null)).error).toMatchObject({
        errorType: 'NotFound',
        message: 'No payment "P1" on this event.',
      });
      for (const p of [
        { ...payment, kind: 'REFUND' },
        { ...payment, patronEmail: 'other@example.com' },
        { ...payment, status: 'VOIDED' },
      ]) {
        const out = await of(p);
        expect(out.error?.errorType, JSON.stringify(p)).toBe('Conflict');
        expect(out.value).toBeUndefined();
      }
    });
  });

  describe('retried with its idempotency key', () => {
    const fingerprint = JSON.stringify([
      'REFUND',
      EVENT_ID,
      'pat@example.com',
      1_200,
      'CARD',
      'Weather',
      null,
      null,
      null,
    ]);

    it('answers the refund recorded under it, writing nothing', async () => {
      const out = await write(
        stash({ loaded: { idempotency: { fingerprint, payment: { id: 'R1', kind: 'REFUND' } } } }),
      );
      expect(out.earlyReturn).toEqual({ value: { id: 'R1', kind: 'REFUND' } });
    });

    it('refuses the key reused for a different refund', async () => {
      const out = await write(
        stash({ input: { amountCents: 1_300 }, loaded: { idempotency: { fingerprint, payment: { id: 'R1' } } } }),
      );
      expect(out.error).toMatchObject({ errorType: 'Conflict' });
      expect(out.error?.message).toMatch(/already used for something else/);
    });
  });

  describe('when DynamoDB cancels the transaction', () => {
    const cancelled = (failed: number, length = 5) =>
      run(
        'refundPayment.write.ts',
        'response',
        ctx('refundPayment', {
          stash: { ...stash(), refund: { id: 'R1' } },
          error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
          result: {
            cancellationReasons: Array.from({ length }, (_, i) => ({
              type: i === failed ? 'ConditionalCheckFailed' : 'None',
            })),
          },
        }),
      );

    it("tells a refund that raced another change of the patron's payments to reload", async () => {
      const out = await cancelled(1);
      expect(out.error?.errorType).toBe('Conflict');
      expect(out.error?.message).toMatch(/payments changed a moment ago.*reload/);
    });

    it('tells one that raced the same idempotency key to try again', async () => {
      expect((await cancelled(3)).error).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
    });

    it('tells one whose payment named was refunded, voided or moved meanwhile what to do', async () => {
      expect((await cancelled(5, 6)).error?.message).toMatch(/refunded, voided or moved a moment ago/);
    });
  });

  it('answers the refund it recorded', async () => {
    const out = await run(
      'refundPayment.write.ts',
      'response',
      ctx('refundPayment', { stash: { refund: { id: 'R1', kind: 'REFUND' } }, result: {} }),
    );
    expect(out.value).toEqual({ id: 'R1', kind: 'REFUND' });
  });
});
