import { describe, expect, it } from 'vitest';
import { ledgerViolations } from './support/ledger';

/** The invariant checker the reliability tests lean on must itself catch each kind of damage. */
const event = {
  type: 'Event',
  PK: 'EVENT#e',
  SK: 'EVENT',
  id: 'e',
  dueCents: 10_000,
  paidCents: 3_000,
  balanceCents: 7_000,
  rosterCount: 1,
};
const entry = {
  type: 'RosterEntry',
  PK: 'EVENT#e',
  SK: 'PATRON#a@x.co',
  eventId: 'e',
  email: 'a@x.co',
  amountDueCents: 10_000,
  paidCents: 3_000,
  balanceCents: 7_000,
};
const payment = (id: string, amountCents: number, status = 'RECORDED') => ({
  type: 'Payment',
  PK: 'EVENT#e',
  SK: `PAYMENT#${id}`,
  id,
  eventId: 'e',
  patronEmail: 'a@x.co',
  amountCents,
  status,
  idempotencyKey: `k-${id}`,
});
const idempotency = (id: string) => ({
  type: 'Idempotency',
  PK: `IDEMPOTENCY#k-${id}`,
  SK: 'IDEMPOTENCY',
  payment: { id },
});
const audit = (id: string, operation = 'logPayment') => ({
  type: 'Audit',
  PK: 'AUDIT#e',
  SK: `t#${id}${operation}`,
  id: `a-${id}-${operation}`,
  operation,
  after: { id },
});

const consistent = (): Record<string, any>[] => [
  event,
  entry,
  payment('p1', 1_000),
  idempotency('p1'),
  audit('p1'),
  payment('p2', 2_000),
  idempotency('p2'),
  audit('p2'),
  payment('p3', 500, 'VOIDED'),
  idempotency('p3'),
  audit('p3'),
  audit('p3', 'voidPayment'),
];

describe('ledgerViolations', () => {
  it('finds nothing wrong in a consistent ledger', () => {
    expect(ledgerViolations(consistent())).toEqual([]);
  });

  it('reports totals that differ from the sum of recorded payments', () => {
    const items = consistent().map((i) => (i.type === 'Event' ? { ...i, paidCents: 3_500, balanceCents: 6_500 } : i));
    expect(ledgerViolations(items)).toEqual(['event e: paidCents 3500 but its recorded payments sum to 3000']);
  });

  it('reports a balance below zero', () => {
    const items = consistent().map((i) =>
      i.type === 'RosterEntry' ? { ...i, amountDueCents: 2_000, balanceCents: -1_000 } : i,
    );
    expect(ledgerViolations(items)).toContain('e/a@x.co: balance below zero (-1000)');
  });

  it('reports a payment written without its idempotency or audit record', () => {
    const items = consistent().filter(
      (i) => i.PK !== 'IDEMPOTENCY#k-p2' && !(i.type === 'Audit' && i.after?.id === 'p1'),
    );
    expect(ledgerViolations(items)).toEqual([
      'payment p1 has 0 logPayment audit records',
      'payment p2 has no idempotency record',
    ]);
  });

  it('reports an idempotency or audit record whose payment is missing', () => {
    const items = consistent().filter((i) => i.SK !== 'PAYMENT#p3');
    expect(ledgerViolations(items)).toEqual([
      'idempotency record IDEMPOTENCY#k-p3 names no stored payment (p3)',
      'logPayment audit a-p3-logPayment names no stored payment (p3)',
      'voidPayment audit a-p3-voidPayment names no stored payment (p3)',
    ]);
  });

  it('reports daily takings that differ from what the payments counted in them add up to', () => {
    const counted = (i: Record<string, any>) =>
      i.type === 'Payment'
        ? { ...i, inTotals: true, method: 'CASH', loggedAt: '2026-06-01T19:00:00Z', receivedAt: '2026-06-01T19:00:00Z' }
        : i;
    const takings = {
      type: 'Takings',
      PK: 'TAKINGS#2026',
      SK: '2026-06-01#e',
      day: '2026-06-01',
      eventId: 'e',
      takingsCASH: 3_000,
      counted: 2,
      voided: 1,
      lateEntries: 0,
    };
    expect(ledgerViolations([...consistent().map(counted), takings])).toEqual([]);
    expect(ledgerViolations([...consistent().map(counted), { ...takings, takingsCASH: 3_500 }])).toEqual([
      'takings 2026-06-01#e: takingsCASH 3500 but its payments add up to 3000',
    ]);
    expect(ledgerViolations([...consistent().map(counted), { ...takings, SK: '2026-06-02#e' }])).toContain(
      'takings 2026-06-01#e: counted 0 but its payments add up to 2',
    );
  });

  it('reports two payments under one idempotency key', () => {
    const items = [...consistent(), { ...payment('p4', 0), idempotencyKey: 'k-p1' }, audit('p4')];
    expect(ledgerViolations(items)).toContain('idempotency key k-p1 has 2 payments');
  });
});
