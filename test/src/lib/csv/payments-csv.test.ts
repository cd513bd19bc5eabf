import { describe, expect, it } from 'vitest';
import { netCents, paymentsCsv, PAYMENT_CSV_COLUMNS, type CsvPayment } from '../../../../src/lib/csv/payments-csv';
import { readCsv } from '../../../support/csv';

const base: CsvPayment = {
  id: 'P1',
  eventId: '2026-12-04-sunset-sail',
  patronEmail: 'pat@example.com',
  patronName: 'Pat',
  amountCents: 10_000,
  currency: 'USD',
  method: 'CASH',
  status: 'RECORDED',
  receivedAt: '2026-11-29T19:00:00Z',
  loggedAt: '2026-11-29T19:15:02Z',
  loggedBy: 'crew@example.com',
  voidedAt: null,
  voidedBy: null,
  voidReason: null,
  notes: null,
};

/** The CSV read back: one object per row, by column name. */
function rows(csv: string) {
  const [names, ...lines] = readCsv(csv);
  return lines.map((l) => Object.fromEntries(l.map((v, i) => [names![i], v])));
}

describe('the payments CSV with refunds and rebookings', () => {
  it('keeps the earlier columns in place and adds kind, net_amount, reason, refund_of, moved_to, moved_from at the end', () => {
    expect(PAYMENT_CSV_COLUMNS.slice(0, 15)).toEqual([
      'payment_id',
      'event_id',
      'patron_email',
      'patron_name',
      'amount',
      'currency',
      'method',
      'status',
      'received_on',
      'logged_at',
      'logged_by',
      'voided_at',
      'voided_by',
      'void_reason',
      'notes',
    ]);
    expect(PAYMENT_CSV_COLUMNS.slice(15)).toEqual([
      'kind',
      'net_amount',
      'reason',
      'refund_of',
      'moved_to',
      'moved_from',
    ]);
  });

  it('sums net_amount to what was taken: payments in, refunds out, voided and moved-away rows nothing', () => {
    const payments: CsvPayment[] = [
      base,
      { ...base, id: 'R1', kind: 'REFUND', amountCents: 2_500, reason: 'Weather', refundOf: 'P1' },
      {
        ...base,
        id: 'P2',
        amountCents: 4_000,
        status: 'VOIDED',
        voidedAt: '2026-11-29T20:00:00Z',
        voidedBy: 'admin',
        voidReason: 'typo',
      },
      { ...base, id: 'P3', amountCents: 7_000, status: 'MOVED', movedTo: '2026-12-11-sunset-sail' },
      { ...base, id: 'P4', amountCents: 7_000, eventId: '2026-12-11-sunset-sail', movedFrom: '2026-12-04-sunset-sail' },
    ];
    const read = rows(paymentsCsv(payments));
    expect(read.map((r) => [r.payment_id, r.kind, r.amount, r.net_amount])).toEqual([
      ['P1', 'PAYMENT', '100.00', '100.00'],
      ['R1', 'REFUND', '25.00', '-25.00'],
      ['P2', 'PAYMENT', '40.00', '0.00'],
      ['P3', 'PAYMENT', '70.00', '0.00'],
      ['P4', 'PAYMENT', '70.00', '70.00'],
    ]);
    const net = read.reduce((s, r) => s + Math.round(Number(r.net_amount) * 100), 0);
    expect(net).toBe(payments.reduce((s, p) => s + netCents(p), 0));
    expect(net).toBe(10_000 - 2_500 + 7_000);
    expect(read[1]).toMatchObject({ reason: 'Weather', refund_of: 'P1' });
    expect(read[3]!.moved_to).toBe('2026-12-11-sunset-sail');
    expect(read[4]!.moved_from).toBe('2026-12-04-sunset-sail');
  });
});
