import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../../src/graphql/types';
import { cancelledMoney, owedCents, refundPlan, toRefundCents } from '../../../../src/lib/domain/cancelled-money';

const payment = (over: Partial<Payment>): Payment => ({
  id: 'p',
  eventId: 'e',
  patronEmail: 'amy@x.test',
  patronName: 'Amy',
  amountCents: 1000,
  currency: 'USD',
  method: 'CASH',
  notes: null,
  receivedAt: '2026-06-01T16:00:00.000Z',
  loggedAt: '2026-06-01T16:00:00.000Z',
  loggedBy: 'crew@x.test',
  status: 'RECORDED',
  voidedAt: null,
  voidedBy: null,
  voidReason: null,
  notificationStatus: null,
  notifiedAt: null,
  ...over,
});

describe('money on a cancelled sailing', () => {
  it('owes nothing, whatever the stored balance says; a scheduled one owes its balance', () => {
    expect(owedCents({ status: 'CANCELLED' }, 5000)).toBe(0);
    expect(owedCents({ status: null }, 5000)).toBe(5000);
    expect(owedCents({ status: 'SCHEDULED' }, -100)).toBe(0);
  });

  it('has what a patron paid still to refund, nothing once they moved with their money', () => {
    expect(toRefundCents({ paidCents: 4000, status: null })).toBe(4000);
    expect(toRefundCents({ paidCents: 4000, status: 'MOVED' })).toBe(0);
  });

  it('counts taken, refunded and moved so that taken − refunded − moved is what the sailing still holds', () => {
    const m = cancelledMoney([
      payment({ amountCents: 3000 }),
      payment({ amountCents: 1000, kind: 'REFUND' }),
      payment({ amountCents: 2000, status: 'MOVED' }),
      payment({ amountCents: 500, kind: 'REFUND', status: 'MOVED' }),
      payment({ amountCents: 9900, status: 'VOIDED' }),
    ]);
    expect(m).toEqual({ takenCents: 5000, refundedCents: 1500, movedCents: 1500 });
    expect(m.takenCents - m.refundedCents - m.movedCents).toBe(3000 - 1000);
  });
});

describe('refundPlan ("Refund all")', () => {
  it('is one refund per recorded payment of the patron, oldest first, each in its method for what remains of it', () => {
    const plan = refundPlan('Amy@X.test', 3500, [
      payment({
        id: 'card',
        method: 'CARD',
        amountCents: 2000,
        refundedCents: 500,
        receivedAt: '2026-06-02T00:00:00.000Z',
      }),
      payment({ id: 'cash', method: 'CASH', amountCents: 2000, receivedAt: '2026-06-01T00:00:00.000Z' }),
      payment({ id: 'jo', patronEmail: 'jo@x.test', amountCents: 700 }),
      payment({ id: 'gone', status: 'VOIDED' }),
      payment({ id: 'r', kind: 'REFUND', refundOf: 'card', amountCents: 500 }),
    ]);
    expect(plan).toEqual([
      { refundOf: 'cash', method: 'CASH', cents: 2000, receivedAt: '2026-06-01T00:00:00.000Z' },
      { refundOf: 'card', method: 'CARD', cents: 1500, receivedAt: '2026-06-02T00:00:00.000Z' },
    ]);
  });

  it('takes refunds that named no payment off the newest payments, so the parts add up to what was paid', () => {
    // $30 paid in two payments, then $25 refunded without naming one: $5 left, all of it from the oldest.
    const plan = refundPlan('amy@x.test', 500, [
      payment({ id: 'old', method: 'CHECK', amountCents: 1000, receivedAt: '2026-06-01T00:00:00.000Z' }),
      payment({ id: 'new', method: 'CARD', amountCents: 2000, receivedAt: '2026-06-02T00:00:00.000Z' }),
    ]);
    expect(plan).toEqual([{ refundOf: 'old', method: 'CHECK', cents: 500, receivedAt: '2026-06-01T00:00:00.000Z' }]);
  });

  it('is null when the payments do not account for what was paid (a list older than the roster), or nothing was paid', () => {
    expect(refundPlan('amy@x.test', 3000, [payment({ amountCents: 1000 })])).toBeNull();
    expect(refundPlan('amy@x.test', 0, [payment({ amountCents: 1000 })])).toBeNull();
  });
});
