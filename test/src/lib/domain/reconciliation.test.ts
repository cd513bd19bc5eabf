import { describe, expect, it } from 'vitest';
import type { Payment } from '../../../../src/graphql/types';
import { cashExpected, daysOf, reconcile, type ReconciledPayment } from '../../../../src/lib/domain/reconciliation';
import { reconciliationCsv } from '../../../../src/lib/csv/reconciliation-csv';
import { readCsv } from '../../../support/csv';

/**
 * The sums behind the screen, its CSV and the bookkeeping script, in a browser set to Tokyo with
 * the operator in San Diego (the default zone): days are Pacific days of loggedAt.
 */
const p = (
  id: string,
  loggedAt: string,
  amountCents: number,
  method: Payment['method'],
  over: Partial<ReconciledPayment> = {},
): ReconciledPayment => ({
  id,
  eventId: 'ev',
  amountCents,
  method,
  status: 'RECORDED',
  receivedAt: loggedAt,
  loggedAt,
  ...over,
});

describe('reconcile', () => {
  it('puts a payment on its Pacific day at both edges of the 25-hour fall-back day (Nov 1, 2026)', () => {
    const r = reconcile(
      [
        p('a', '2026-11-01T06:59:59.999Z', 1, 'CASH'), // Oct 31, 11:59 PM PDT
        p('b', '2026-11-01T07:00:00.000Z', 10, 'CASH'), // Nov 1, midnight PDT
        p('c', '2026-11-02T07:59:59.999Z', 100, 'CASH'), // Nov 1, 11:59 PM PST (25 hours later)
        p('d', '2026-11-02T08:00:00.000Z', 1000, 'CASH'), // Nov 2, midnight PST
      ],
      '2026-10-31',
      '2026-11-02',
    );
    expect(r.days.map((d) => [d.day, d.takings.CASH])).toEqual([
      ['2026-10-31', 1],
      ['2026-11-01', 110],
      ['2026-11-02', 1000],
    ]);
  });

  it('subtracts refunds, reports them apart, skips voided and moved, and counts a move’s copy on its event', () => {
    const r = reconcile(
      [
        p('a', '2026-06-01T18:00:00Z', 5_000, 'CASH'),
        p('r', '2026-06-01T19:00:00Z', 1_200, 'CASH', { kind: 'REFUND' }),
        p('v', '2026-06-01T19:30:00Z', 9_999, 'CARD', { status: 'VOIDED' }),
        p('m', '2026-06-01T20:00:00Z', 3_000, 'CHECK', { status: 'MOVED' }),
        p('m', '2026-06-01T20:00:00Z', 3_000, 'CHECK', { eventId: 'other' }),
        p('old', '2026-06-01T21:00:00Z', 700, 'ACH', { kind: null }),
      ],
      '2026-06-01',
      '2026-06-01',
    );
    expect(r).toMatchObject({
      takingsCents: 8_700,
      refundsCents: 1_200,
      netCents: 7_500,
      counted: 4,
      voided: 1,
      moved: 1,
    });
    expect(r.refunds).toEqual({ CASH: 1_200, CARD: 0, CHECK: 0, ACH: 0, OTHER: 0 });
    expect(cashExpected(r.days[0])).toBe(3_800);
    expect(r.events.map((e) => [e.eventId, e.netCents])).toEqual([
      ['ev', 4_500],
      ['other', 3_000],
    ]);
  });

  it('counts late entries: received on an earlier day than logged', () => {
    const r = reconcile(
      [p('a', '2026-06-02T18:00:00Z', 100, 'CASH', { receivedAt: '2026-06-01T18:00:00Z' })],
      '2026-06-02',
      '2026-06-02',
    );
    expect(r.lateEntries).toBe(1);
    expect(r.days[0].takings.CASH).toBe(100);
  });

  it('refuses rather than guesses: outside the range, read twice, an unknown kind or status, or an amount not whole cents', () => {
    const day = '2026-06-01';
    expect(() => reconcile([p('a', '2026-06-02T18:00:00Z', 1, 'CASH')], day, day)).toThrow('logged outside');
    expect(() =>
      reconcile([p('a', '2026-06-01T18:00:00Z', 1, 'CASH'), p('a', '2026-06-01T18:00:00Z', 1, 'CASH')], day, day),
    ).toThrow('read twice');
    expect(() => reconcile([p('a', '2026-06-01T18:00:00Z', 1, 'CASH', { kind: 'CREDIT' })], day, day)).toThrow(
      'kind this screen does not know',
    );
    expect(() =>
      reconcile([p('a', '2026-06-01T18:00:00Z', 1, 'CASH', { status: 'PENDING' as Payment['status'] })], day, day),
    ).toThrow('status');
    expect(() => reconcile([p('a', '2026-06-01T18:00:00Z', 1.5, 'CASH')], day, day)).toThrow('whole cents');
  });

  it('covers every day of a range, at most 366, and refuses one backwards', () => {
    expect(daysOf('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(daysOf('2026-01-01', '2027-01-01')).toHaveLength(366);
    expect(() => daysOf('2026-01-01', '2027-01-02')).toThrow('at most 366 days');
    expect(() => daysOf('2026-01-02', '2026-01-01')).toThrow('on or before');
  });
});

describe('reconciliationCsv', () => {
  it('writes day × method rows with money, every event, every method and the total, in dollars', () => {
    const r = reconcile(
      [
        p('a', '2026-06-01T18:00:00Z', 5_000, 'CASH', { eventId: '2026-06-01-sunset' }),
        p('r', '2026-06-02T19:00:00Z', 1_250, 'CASH', { kind: 'REFUND', eventId: '2026-06-01-sunset' }),
      ],
      '2026-06-01',
      '2026-06-02',
    );
    expect(readCsv(reconciliationCsv(r)).map((row) => row.join(','))).toEqual([
      'section,day,event_id,method,takings,refunds,net,from,to',
      'day,2026-06-01,,CASH,50.00,0.00,50.00,2026-06-01,2026-06-02',
      'day,2026-06-02,,CASH,0.00,12.50,-12.50,2026-06-01,2026-06-02',
      'event,,2026-06-01-sunset,,50.00,12.50,37.50,2026-06-01,2026-06-02',
      'method,,,CASH,50.00,12.50,37.50,2026-06-01,2026-06-02',
      'method,,,CARD,0.00,0.00,0.00,2026-06-01,2026-06-02',
      'method,,,CHECK,0.00,0.00,0.00,2026-06-01,2026-06-02',
      'method,,,ACH,0.00,0.00,0.00,2026-06-01,2026-06-02',
      'method,,,OTHER,0.00,0.00,0.00,2026-06-01,2026-06-02',
      'total,,,,50.00,12.50,37.50,2026-06-01,2026-06-02',
    ]);
  });
});
