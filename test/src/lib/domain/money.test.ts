import { describe, expect, it } from 'vitest';
import { centsToPlain, formatCents, MAX_CENTS, parseMoney } from '../../../../src/lib/domain/money';

describe('parseMoney', () => {
  it.each([
    ['25', 2500],
    ['25.5', 2550],
    ['25.50', 2550],
    ['$1,250.00', 125000],
    ['1250', 125000],
    ['.75', 75],
    ['0.01', 1],
    [' $ 40 ', 4000],
    ['25.', 2500],
    ['$12,345,678.90', 1234567890],
  ])('reads %j as %i cents', (typed, cents) => {
    expect(parseMoney(typed)).toEqual({ ok: true, cents });
  });

  it('reads 0.1 + 0.2 style amounts without binary rounding', () => {
    expect(parseMoney('0.29')).toEqual({ ok: true, cents: 29 });
    expect(parseMoney('1.15')).toEqual({ ok: true, cents: 115 });
    expect(parseMoney('4.35')).toEqual({ ok: true, cents: 435 });
  });

  it.each(['', '  ', 'abc', '25.5.5', '1,25', '12,34.00', '$', '25$', '1e3'])('refuses %j', (typed) => {
    expect(parseMoney(typed).ok).toBe(false);
  });

  it('refuses zero and negative amounts with a reason', () => {
    expect(parseMoney('0')).toEqual({ ok: false, error: 'The amount must be more than zero.' });
    expect(parseMoney('-5')).toEqual({ ok: false, error: 'The amount must be more than zero.' });
  });

  it('accepts zero where a price may be zero, still refusing negatives', () => {
    expect(parseMoney('0.00', { allowZero: true })).toEqual({ ok: true, cents: 0 });
    expect(parseMoney('-5', { allowZero: true })).toEqual({ ok: false, error: 'The amount must be more than zero.' });
  });

  it('refuses fractions of a cent', () => {
    expect(parseMoney('25.555')).toEqual({ ok: false, error: 'Use at most two digits for cents.' });
  });

  it('refuses amounts over what the API can carry', () => {
    expect(parseMoney('21474836.48').ok).toBe(false);
    expect(parseMoney('21474836.47')).toEqual({ ok: true, cents: MAX_CENTS });
  });
});

describe('formatCents', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [2500, '$25.00'],
    [125000, '$1,250.00'],
    [-2500, '-$25.00'],
    [123456789, '$1,234,567.89'],
  ])('shows %i cents as %s', (cents, shown) => {
    expect(formatCents(cents)).toBe(shown);
  });

  it('round-trips with parseMoney', () => {
    for (const cents of [1, 99, 100, 2550, 100000, 987654321]) {
      expect(parseMoney(formatCents(cents))).toEqual({ ok: true, cents });
    }
  });

  it('writes plain amounts for CSV', () => {
    expect(centsToPlain(125005)).toBe('1250.05');
    expect(centsToPlain(-7)).toBe('-0.07');
  });
});
