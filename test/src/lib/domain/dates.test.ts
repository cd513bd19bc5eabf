import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayRange,
  formatDate,
  formatDateTime,
  formatDay,
  formatEventTime,
  receivedAtFromDateInput,
  timeZone,
  toAwsDate,
  toZoneTime,
  zoneAbbreviation,
  zoneDateTimeToIso,
  zoneName,
} from '../../../../src/lib/domain/dates';

/**
 * The dashboard's dates are the operator's (America/Los_Angeles by default), whatever the browser's
 * zone: this file runs in a UTC browser and again in an Asia/Tokyo one (vite.config.ts), and every
 * expectation is written out, never computed from the device's clock.
 */
describe('the operator zone', () => {
  it('is not the browser’s here', () => {
    expect(timeZone()).toBe('America/Los_Angeles');
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).not.toBe('America/Los_Angeles');
    expect(zoneName()).toBe('Pacific Time');
  });

  it('gives the operator’s calendar day of an instant', () => {
    expect(toAwsDate(new Date('2026-12-05T02:30:00Z'))).toBe('2026-12-04');
    expect(toAwsDate('2026-11-30T07:59:59.999Z')).toBe('2026-11-29');
    expect(toAwsDate('2026-11-30T08:00:00Z')).toBe('2026-11-30');
  });

  it('adds calendar days, across a month end and a DST change', () => {
    expect(addDays('2025-01-30', 3)).toBe('2025-02-02');
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
    expect(addDays('2026-11-29', -30)).toBe('2026-10-30');
  });
});

describe('reading what people type, in the operator zone', () => {
  it('takes a date and time as Pacific wall time', () => {
    expect(zoneDateTimeToIso('2026-12-04', '18:30')).toBe('2026-12-05T02:30:00.000Z');
    expect(zoneDateTimeToIso('2026-07-04', '18:30')).toBe('2026-07-05T01:30:00.000Z');
    expect(zoneDateTimeToIso('', '22:00')).toBeUndefined();
    expect(zoneDateTimeToIso('2026-12-04', '25:00')).toBeUndefined();
  });

  it('on Mar 8, 2026: 1:30 AM is PST, 3:30 AM is PDT, and the skipped 2:30 AM moves on to 3:30 AM', () => {
    expect(zoneDateTimeToIso('2026-03-08', '01:30')).toBe('2026-03-08T09:30:00.000Z');
    expect(zoneDateTimeToIso('2026-03-08', '03:30')).toBe('2026-03-08T10:30:00.000Z');
    expect(zoneDateTimeToIso('2026-03-08', '02:30')).toBe('2026-03-08T10:30:00.000Z');
    expect(zoneDateTimeToIso('2026-03-08', '18:00')).toBe('2026-03-09T01:00:00.000Z');
  });

  it('on Nov 1, 2026: 1:30 AM is the first one (PDT); the evening is PST', () => {
    expect(zoneDateTimeToIso('2026-11-01', '01:30')).toBe('2026-11-01T08:30:00.000Z');
    expect(zoneDateTimeToIso('2026-11-01', '00:00')).toBe('2026-11-01T07:00:00.000Z');
    expect(zoneDateTimeToIso('2026-11-01', '18:00')).toBe('2026-11-02T02:00:00.000Z');
  });

  it('shows a stored instant back as the same wall time', () => {
    for (const iso of [
      '2026-12-05T02:30:00.000Z',
      '2026-03-09T01:00:00.000Z',
      '2026-11-02T02:00:00.000Z',
      '2026-03-08T10:30:00.000Z',
    ]) {
      expect(zoneDateTimeToIso(toAwsDate(iso), toZoneTime(iso))).toBe(iso);
    }
    expect(toZoneTime('2026-12-05T02:30:00Z')).toBe('18:30');
  });

  it('takes "received today" as now, and an earlier day as noon that day in San Diego', () => {
    const now = new Date('2026-11-30T03:12:00Z'); // Nov 29, 7:12 PM PST
    expect(receivedAtFromDateInput('2026-11-29', now)).toBe(now.toISOString());
    expect(receivedAtFromDateInput('', now)).toBe(now.toISOString());
    expect(receivedAtFromDateInput('2026-11-01', now)).toBe('2026-11-01T20:00:00.000Z');
    expect(receivedAtFromDateInput('2026-03-08', now)).toBe('2026-03-08T19:00:00.000Z');
  });

  it('covers whole operator days in a range: 23 hours on Mar 8, 25 on Nov 1', () => {
    expect(dayRange('2026-11-01', '2026-11-30')).toEqual({
      from: '2026-11-01T07:00:00.000Z',
      to: '2026-12-01T07:59:59.999Z',
    });
    expect(dayRange('2026-03-08', '2026-03-08')).toEqual({
      from: '2026-03-08T08:00:00.000Z',
      to: '2026-03-09T06:59:59.999Z',
    });
    expect(dayRange('2026-11-01', '2026-11-01')).toEqual({
      from: '2026-11-01T07:00:00.000Z',
      to: '2026-11-02T07:59:59.999Z',
    });
  });
});

describe('showing times, labelled with the zone', () => {
  it('shows an event in Pacific time, with PST or PDT', () => {
    expect(formatEventTime('2026-12-05T02:30:00Z', '2026-12-05T05:00:00Z')).toBe('Fri, Dec 4, 6:30 PM – 9:00 PM PST');
    expect(formatEventTime('2026-07-05T01:30:00Z')).toBe('Sat, Jul 4, 6:30 PM PDT');
    expect(zoneAbbreviation('2026-11-01T08:30:00Z')).toBe('PDT');
    // A sail across a clock change: each end with its own label, so 1:00–4:00 AM reads as 2 hours.
    expect(formatEventTime('2027-03-14T09:00:00Z', '2027-03-14T11:00:00Z')).toBe(
      'Sun, Mar 14, 1:00 AM PST – 4:00 AM PDT',
    );
    expect(formatEventTime('2026-11-01T07:30:00Z', '2026-11-01T09:30:00Z')).toBe(
      'Sun, Nov 1, 12:30 AM PDT – 1:30 AM PST',
    );
    expect(zoneAbbreviation('2026-11-01T09:30:00Z')).toBe('PST');
  });

  it('dates an instant by the operator’s day', () => {
    expect(formatDate('2026-11-30T03:00:00Z')).toBe('Nov 29, 2026');
    expect(formatDateTime('2026-11-30T03:15:00Z')).toBe('Nov 29, 2026, 7:15 PM PST');
    expect(formatDay('2026-11-29')).toBe('Nov 29, 2026');
  });
});
