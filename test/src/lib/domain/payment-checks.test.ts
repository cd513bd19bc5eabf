import { describe, expect, it } from 'vitest';
import { overBalance } from '../../../../src/lib/domain/payment-checks';

const jo = { name: 'Jo March', balanceCents: 7500 };

describe('overBalance', () => {
  it('takes any amount up to the balance, the whole balance included', () => {
    expect(overBalance(jo, 1)).toBe('');
    expect(overBalance(jo, 7500)).toBe('');
  });

  it('refuses a cent more than the balance, naming what the patron still owes', () => {
    expect(overBalance(jo, 7501)).toBe('That is more than the $75.00 Jo March still owes.');
  });

  it('counts what waits for signal as paid first, and says so', () => {
    expect(overBalance(jo, 2500, 5000)).toBe('');
    expect(overBalance(jo, 3000, 5000)).toBe(
      'That is more than the $25.00 Jo March still owes once the $50.00 waiting for signal is recorded.',
    );
  });

  it('says when nothing is left to pay, with or without payments waiting for signal', () => {
    expect(overBalance({ name: 'Amy March', balanceCents: 0 }, 100)).toBe('Amy March has nothing left to pay.');
    expect(overBalance(jo, 100, 7500)).toBe(
      'Jo March has nothing left to pay once the $75.00 waiting for signal is recorded.',
    );
  });
});
