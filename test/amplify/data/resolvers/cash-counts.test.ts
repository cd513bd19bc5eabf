import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ctx, run } from './support/context';

/**
 * recordCashCount's request: "not in the future" is the operator's today (ctx.env.TIME_ZONE), not
 * UTC's, and the count and its audit record go in one transaction. The clock is 05:00 UTC on Dec 1,
 * 2026: still 9 PM on Nov 30 in San Diego, already 2 PM on Dec 1 in Tokyo.
 */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T05:00:00Z'));
});
afterEach(() => vi.useRealTimers());

async function record(day: string, zone = 'America/Los_Angeles', shown: number | null = 41_500) {
  const context = ctx('recordCashCount', {
    arguments: { day, countedCents: 41_250, expectedCents: shown, notes: 'drawer' },
    // what the steps before summed from the ledger
    stash: { cashCents: 41_500 },
    env: { TABLE_NAME: 'scc-unit', TIME_ZONE: zone },
    identity: {
      sub: 's',
      username: 's',
      claims: { email: 'acc@example.com', 'cognito:groups': ['ACCOUNTING'] },
      groups: ['ACCOUNTING'],
    },
  });
  return run('recordCashCount.write.ts', 'request', context);
}

describe('recordCashCount', () => {
  it('takes the operator’s today though UTC is a day ahead, and refuses the operator’s tomorrow', async () => {
    expect((await record('2026-11-30')).error).toBeUndefined();
    expect((await record('2026-12-01')).error).toMatchObject({
      errorType: 'ValidationError',
      message: 'day cannot be in the future: cash is counted on the day or after.',
    });
    expect((await record('2026-12-01', 'Asia/Tokyo')).error).toBeUndefined();
  });

  it('writes the count, keyed by day and time, and its audit record in one transaction', async () => {
    const out = await record('2026-11-30');
    const [count, audit] = (out.value as any).transactItems;
    expect(count.key.PK.S).toBe('CASHCOUNTS#2026');
    expect(count.key.SK.S).toMatch(/^2026-11-30#2026-12-01T05:00:00(\.000)?Z#[0-9A-Z]{26}$/);
    expect(count.condition.expression).toBe('attribute_not_exists(PK)');
    expect(count.attributeValues).toMatchObject({
      type: { S: 'CashCount' },
      countedCents: { N: 41250 },
      expectedCents: { N: 41500 },
      differenceCents: { N: -250 },
      countedBy: { S: 'acc@example.com' },
      notes: { S: 'drawer' },
    });
    expect(audit.key.PK.S).toBe('AUDIT#CASHCOUNT#2026-11-30');
    expect(audit.attributeValues).toMatchObject({
      operation: { S: 'recordCashCount' },
      actor: { S: 'acc@example.com' },
    });
  });

  it('records the expected cash the server summed, and refuses a caller’s other figure, writing nothing', async () => {
    const out = await record('2026-11-30', 'America/Los_Angeles', null);
    expect((out.value as any).transactItems[0].attributeValues).toMatchObject({
      expectedCents: { N: 41500 },
      differenceCents: { N: -250 },
    });
    const wrong = await record('2026-11-30', 'America/Los_Angeles', 1_000);
    expect(wrong.value).toBeUndefined();
    expect(wrong.error).toMatchObject({
      errorType: 'ValidationError',
      message:
        'expectedCents $10.00 is not the day’s recorded cash, $415.00: reload the day’s totals and count against them.',
    });
  });
});
