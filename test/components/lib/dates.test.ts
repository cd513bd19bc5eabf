import { describe, expect, it } from 'vitest';
import { addDays, dayRange, localDateTimeToIso, receivedAtFromDateInput, toAwsDate, toLocalTime } from '../../../src/lib/dates';

describe('dates', () => {
  it('writes a local calendar day as AWSDate', () => {
    expect(toAwsDate(new Date(2025, 6, 4, 23, 30))).toBe('2025-07-04');
  });

  it('adds days across a month end', () => {
    expect(toAwsDate(addDays(new Date(2025, 0, 30), 3))).toBe('2025-02-02');
  });

  it('takes "received today" as now', () => {
    const now = new Date(2025, 6, 4, 15, 12);
    expect(receivedAtFromDateInput('2025-07-04', now)).toBe(now.toISOString());
    expect(receivedAtFromDateInput('', now)).toBe(now.toISOString());
  });

  it('takes an earlier day as local noon that day', () => {
    const now = new Date(2025, 6, 4, 15, 12);
    expect(receivedAtFromDateInput('2025-07-01', now)).toBe(new Date(2025, 6, 1, 12).toISOString());
  });

  it('covers whole local days in a range', () => {
    const range = dayRange('2025-07-01', '2025-07-31');
    expect(range.from).toBe(new Date(2025, 6, 1).toISOString());
    expect(range.to).toBe(new Date(2025, 6, 31, 23, 59, 59, 999).toISOString());
  });

  it('reads local date and time inputs, an earlier end being the next day', () => {
    expect(localDateTimeToIso('2025-08-09', '22:00')).toBe(new Date(2025, 7, 9, 22).toISOString());
    expect(localDateTimeToIso('2025-08-09', '01:00', '22:00')).toBe(new Date(2025, 7, 10, 1).toISOString());
    expect(localDateTimeToIso('', '22:00')).toBeUndefined();
    expect(toLocalTime(new Date(2025, 7, 9, 7, 5).toISOString())).toBe('07:05');
  });
});
