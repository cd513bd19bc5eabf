import { describe, expect, it } from 'vitest';
import { ctx, run } from './support/context';

const input = {
  idempotencyKey: 'k-1',
  eventId: '2026-12-01-sunset-sail',
  patronEmail: 'Pat@Example.com',
  amountCents: 1_000,
  method: 'CASH',
};
const event = {
  PK: 'EVENT#2026-12-01-sunset-sail',
  SK: 'EVENT',
  id: '2026-12-01-sunset-sail',
  startsAt: '2026-12-02T02:30:00.000Z',
  capacity: 40,
  headCount: 2,
  priceCents: 6_500,
};
const entry = {
  PK: 'EVENT#2026-12-01-sunset-sail',
  SK: 'PATRON#pat@example.com',
  email: 'pat@example.com',
  name: 'Pat',
  paidCents: 0,
  balanceCents: 1_250,
  amountDueCents: 1_250,
  partySize: 1,
};

describe('logPayment.direct', () => {
  const asRead = { patronName: 'Pat', eventStartsAt: '2026-12-01T18:30:00-08:00' };

  it('refuses bad input before reading or writing anything', async () => {
    for (const bad of [
      { amountCents: 0 },
      { amountCents: 1.5 },
      { notes: 'x'.repeat(1001) },
      { idempotencyKey: 'a b' },
      { receivedAt: '2099-01-01T00:00:00Z' },
      { ...asRead, eventStartsAt: 'tomorrow' },
      { ...asRead, patronName: 42 },
    ]) {
      const out = await run(
        'logPayment.direct.ts',
        'request',
        ctx('logPayment', { arguments: { input: { ...input, ...bad } } }),
      );
      expect(out.error?.errorType, JSON.stringify(bad)).toBe('ValidationError');
      expect(out.value).toBeUndefined();
    }
  });

  it('writes nothing itself when the client does not say what it read: the next steps read first', async () => {
    for (const partial of [{}, { patronName: 'Pat' }, { eventStartsAt: asRead.eventStartsAt }]) {
      const out = await run(
        'logPayment.direct.ts',
        'request',
        ctx('logPayment', { arguments: { input: { ...input, ...partial } } }),
      );
      expect(out.error).toBeUndefined();
      expect(out.earlyReturn, JSON.stringify(partial)).toMatchObject({ value: null });
    }
  });

  it('writes at once from what the client read, conditioned on the name, email and start it read', async () => {
    const out = await run(
      'logPayment.direct.ts',
      'request',
      ctx('logPayment', { arguments: { input: { ...input, ...asRead } } }),
    );
    expect(out.error).toBeUndefined();
    const items = (out.value as any).transactItems;
    expect(items.map((i: any) => i.operation)).toEqual([
      'PutItem',
      'UpdateItem',
      'UpdateItem',
      'PutItem',
      'PutItem',
      'UpdateItem',
      'ConditionCheck',
    ]);
    // The day's takings, added to by DynamoDB in the same transaction.
    expect(items[5].key.PK.S).toMatch(/^TAKINGS#/);
    // No access step ran before it: the caller's access record is checked in the same transaction.
    expect(items[6].key).toEqual({ PK: { S: 'TEAM' }, SK: { S: 'ACCESS#sub-1' } });
    expect(items[6].condition.expression).toContain('attribute_not_exists(#c_acc_rv)');
    expect(items[0].attributeValues.patronName).toEqual({ S: 'Pat' });
    expect(items[0].attributeValues.patronEmail).toEqual({ S: 'pat@example.com' });
    expect(Object.values(items[1].condition.expressionValues)).toEqual(
      expect.arrayContaining([{ S: 'Pat' }, { S: 'pat@example.com' }]),
    );
    // The start as stored: the same instant in UTC, so a start given with an offset still matches.
    expect(items[2].condition.expressionValues[':c_start']).toEqual({ S: '2026-12-02T02:30:00.000Z' });
  });
});

describe('logPayment.load', () => {
  it('reads the event, the patron (email lower-cased) and the idempotency record in one consistent request', async () => {
    const stash = { input: { ...input, patronEmail: 'pat@example.com' } };
    const out = await run('logPayment.load.ts', 'request', ctx('logPayment', { arguments: { input }, stash }));
    expect(out.error).toBeUndefined();
    expect(out.value).toMatchObject({ operation: 'TransactGetItems' });
    const keys = (out.value as any).transactItems.map((i: any) => i.key.SK.S + '|' + i.key.PK.S);
    // With the caller's access record: no access step ran before it (logPayment folds the check).
    expect(keys).toEqual([
      'EVENT|EVENT#2026-12-01-sunset-sail',
      'PATRON#pat@example.com|EVENT#2026-12-01-sunset-sail',
      'IDEMPOTENCY|IDEMPOTENCY#k-1',
      'ACCESS#sub-1|TEAM',
    ]);
  });

  it('reads nothing once the direct write has recorded the payment', async () => {
    const out = await run(
      'logPayment.load.ts',
      'request',
      ctx('logPayment', { arguments: { input }, stash: { recorded: { id: 'P1' } } }),
    );
    expect(out.earlyReturn).toMatchObject({ value: { id: 'P1' } });
  });
});

describe('logPayment.write', () => {
  // As the load step leaves it: the caller's access checked in its read.
  const loaded = (over = {}) => ({
    input: { ...input, patronEmail: 'pat@example.com', notes: null, receivedAt: null },
    loaded: { event, entry, idempotency: null, ...over },
    accessChecked: true,
  });

  it('writes payment, both totals, idempotency and audit in one transaction, each conditional', async () => {
    const out = await run('logPayment.write.ts', 'request', ctx('logPayment', { stash: loaded() }));
    expect(out.error).toBeUndefined();
    const items = (out.value as any).transactItems;
    expect(items.map((i: any) => i.operation)).toEqual([
      'PutItem',
      'UpdateItem',
      'UpdateItem',
      'PutItem',
      'PutItem',
      'UpdateItem',
    ]);
    for (const i of items.slice(0, 5)) expect(i.condition.expression).toBeTruthy();
    // The day's takings carry no condition: an addition DynamoDB makes never refuses the payment.
    expect(items[5].key.PK.S).toMatch(/^TAKINGS#/);
    expect(items[5].condition).toBeUndefined();
    expect(items[1].condition.expression).toContain('#c_balance >= :c_amount');
    expect(items[1].update.expression).toBe(
      'SET #paidCents = #paidCents + :paidCents, #balanceCents = #balanceCents + :balanceCents',
    );
    expect(items[0].attributeValues.loggedBy).toEqual({ S: 'crew@example.com' });
    expect(items.every((i: any) => i.table === 'scc-unit')).toBe(true);
  });

  it('refuses more than the balance due, in dollars', async () => {
    const out = await run(
      'logPayment.write.ts',
      'request',
      ctx('logPayment', { stash: loaded({ entry: { ...entry, balanceCents: 999 } }) }),
    );
    expect(out.error).toMatchObject({ errorType: 'Conflict', message: 'Amount exceeds the balance due of $9.99.' });
  });

  it('returns the original payment for a retry without writing', async () => {
    const fingerprint = JSON.stringify(['2026-12-01-sunset-sail', 'pat@example.com', 1_000, 'CASH', null, null]);
    const out = await run(
      'logPayment.write.ts',
      'request',
      ctx('logPayment', { stash: loaded({ idempotency: { fingerprint, payment: { id: 'P1' } } }) }),
    );
    expect(out.earlyReturn).toEqual({ value: { id: 'P1' } });
  });

  it('maps a failed balance condition to a Conflict a person can act on', async () => {
    const out = await run(
      'logPayment.write.ts',
      'response',
      ctx('logPayment', {
        stash: loaded(),
        error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
        result: {
          cancellationReasons: [
            { type: 'None' },
            { type: 'ConditionalCheckFailed' },
            { type: 'None' },
            { type: 'None' },
            { type: 'None' },
          ],
        },
      }),
    );
    expect(out.error?.errorType).toBe('Conflict');
    expect(out.error?.message).toMatch(/reload to see the balance/);
  });
});

describe('logPayment.write against an event that moves', () => {
  const loaded = {
    input: { ...input, patronEmail: 'pat@example.com', notes: null, receivedAt: null },
    loaded: { event, entry, idempotency: null },
  };

  it("requires the event's startsAt to be the one its expiresAt was computed from", async () => {
    const out = await run('logPayment.write.ts', 'request', ctx('logPayment', { stash: loaded }));
    const eventUpdate = (out.value as any).transactItems[2];
    expect(eventUpdate.condition.expression).toContain('#c_start = :c_start');
    expect(eventUpdate.condition.expressionNames['#c_start']).toBe('startsAt');
    expect(eventUpdate.condition.expressionValues[':c_start']).toEqual({ S: event.startsAt });
  });

  it('answers a failed event condition, the entry having covered the amount, as a retryable Conflict', async () => {
    const out = await run(
      'logPayment.write.ts',
      'response',
      ctx('logPayment', {
        stash: loaded,
        error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
        result: {
          cancellationReasons: [
            { type: 'None' },
            { type: 'None' },
            { type: 'ConditionalCheckFailed' },
            { type: 'None' },
            { type: 'None' },
          ],
        },
      }),
    );
    expect(out.error).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
    expect(out.error?.message).toMatch(/event was changed/);
  });
});

describe('updateEvent.retain', () => {
  const after = { ...event, startsAt: '2027-01-15T02:30:00.000Z' };

  it('asks the retention Lambda to keep the payments 7 years after the new date when startsAt was given', async () => {
    const out = await run(
      'updateEvent.retain.ts',
      'request',
      ctx('updateEvent', { arguments: { input: { id: event.id, startsAt: after.startsAt } }, stash: { after } }),
    );
    const sevenYears = 7 * 366 * 24 * 60 * 60;
    expect(out.value).toEqual({
      operation: 'Invoke',
      payload: { eventId: event.id, keepUntil: Date.parse(after.startsAt) / 1000 + sevenYears },
    });
  });

  it('skips the Lambda when startsAt is not part of the change', async () => {
    const out = await run(
      'updateEvent.retain.ts',
      'request',
      ctx('updateEvent', { arguments: { input: { id: event.id, title: 'x' } }, stash: { after } }),
    );
    expect(out.earlyReturn).toEqual({ value: after });
  });

  it('says the event was saved and to save again when the Lambda failed', async () => {
    const out = await run(
      'updateEvent.retain.ts',
      'response',
      ctx('updateEvent', {
        arguments: { input: { id: event.id, startsAt: after.startsAt } },
        stash: { after },
        error: { message: 'Task timed out', type: 'Lambda:Unhandled' },
        result: null,
      }),
    );
    expect(out.error).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
    expect(out.error?.message).toMatch(/event was saved.*save the event again/);
  });
});

describe('logPayment.replay', () => {
  const stash = { raced: true, input: { ...input, patronEmail: 'pat@example.com', notes: null, receivedAt: null } };

  it('passes the written payment through when the write did not collide', async () => {
    const out = await run(
      'logPayment.replay.ts',
      'request',
      ctx('logPayment', { stash: {}, prev: { result: { id: 'P2' } } }),
    );
    expect(out.earlyReturn).toEqual({ value: { id: 'P2' } });
  });

  it('answers a collision with nothing recorded under the key as a retryable Conflict', async () => {
    const out = await run('logPayment.replay.ts', 'response', ctx('logPayment', { stash, result: null }));
    expect(out.error).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
  });

  it('answers a collision with the same payment recorded under the key with that payment', async () => {
    const fingerprint = JSON.stringify(['2026-12-01-sunset-sail', 'pat@example.com', 1_000, 'CASH', null, null]);
    const out = await run(
      'logPayment.replay.ts',
      'response',
      ctx('logPayment', { stash, result: { fingerprint, payment: { id: 'P3' } } }),
    );
    expect(out.value).toEqual({ id: 'P3' });
  });
});

describe('listEvents', () => {
  it('refuses a limit outside 1-100 and a token it did not issue', async () => {
    const args = { from: '2026-12-01', to: '2027-01-31' };
    expect(
      (await run('listEvents.ts', 'request', ctx('listEvents', { arguments: { ...args, limit: 101 } }))).error
        ?.errorType,
    ).toBe('ValidationError');
    expect(
      (
        await run(
          'listEvents.ts',
          'request',
          ctx('listEvents', { arguments: { ...args, nextToken: 'eyJwIjoiMjAyNiJ9.1' } }),
        )
      ).error?.errorType,
    ).toBe('ValidationError');
  });

  it('refuses to page at all without PAGE_TOKEN_SECRET, rather than sign under a key anyone can compute', async () => {
    const stash = { pageScope: 'listEvents|2026-12-01|2027-01-31', partitions: ['2026', '2027'] };
    const bare = ctx('listEvents', { stash, result: { items: [{ id: 'a' }], nextToken: null } });
    bare.env = { TABLE_NAME: 'scc-unit', TIME_ZONE: 'America/Los_Angeles' };
    const out = await run('listEvents.ts', 'response', bare);
    expect(out.error?.errorType).toBe('ServiceUnavailable');
    expect(out.value).toBeUndefined();
  });

  it("continues into the next year's partition when one runs out", async () => {
    const stash = { pageScope: 'listEvents|2026-12-01|2027-01-31', partitions: ['2026', '2027'] };
    const first = await run(
      'listEvents.ts',
      'response',
      ctx('listEvents', { stash, result: { items: [{ id: 'a' }], nextToken: null } }),
    );
    const token = (first.value as any).nextToken;
    expect(token).toBeTruthy();
    const second = await run(
      'listEvents.ts',
      'request',
      ctx('listEvents', { arguments: { from: '2026-12-01', to: '2027-01-31', nextToken: token } }),
    );
    const values = Object.values((second.value as any).query.expressionValues);
    expect(values).toContainEqual({ S: 'EVENTS#2027' });
    expect((second.value as any).nextToken ?? null).toBeNull();
  });
});

describe('refundPayment.direct', () => {
  const refund = {
    ...input,
    reason: 'Weather',
    refundOf: 'P1',
    patronName: 'Pat',
    eventStartsAt: '2026-12-01T18:30:00-08:00',
  };

  it("writes nothing itself without the refunded payment's refundedCents as read: the next steps read first", async () => {
    const out = await run('refundPayment.direct.ts', 'request', ctx('refundPayment', { arguments: { input: refund } }));
    expect(out.error).toBeUndefined();
    expect(out.earlyReturn).toMatchObject({ value: null });
  });

  it("writes at once, conditioned on the name, start and refundedCents read, the payment covering its refunds, and the caller's access", async () => {
    const out = await run(
      'refundPayment.direct.ts',
      'request',
      ctx('refundPayment', { arguments: { input: { ...refund, refundOfRefundedCents: 200 } } }),
    );
    expect(out.error).toBeUndefined();
    const items = (out.value as any).transactItems;
    expect(items.map((i: any) => i.operation)).toEqual([
      'PutItem',
      'UpdateItem',
      'UpdateItem',
      'PutItem',
      'PutItem',
      'UpdateItem',
      'UpdateItem',
      'ConditionCheck',
    ]);
    expect(items[5].update.expressionValues[':refundedCents']).toEqual({ N: 1200 });
    expect(items[5].condition.expressionValues).toMatchObject({
      ':c_refunded': { N: 200 },
      ':c_after': { N: 1200 },
      ':c_email': { S: 'pat@example.com' },
    });
    expect(items[2].condition.expressionValues[':c_r0']).toEqual({ S: '2026-12-02T02:30:00.000Z' });
    expect(items[6].key.PK.S).toMatch(/^TAKINGS#/);
    expect(items[7].key).toEqual({ PK: { S: 'TEAM' }, SK: { S: 'ACCESS#sub-1' } });
  });
});
