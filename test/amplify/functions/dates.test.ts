import { describe, expect, it } from 'vitest';
import { formatDay, formatWhen } from '../../../amplify/functions/dates';
import { renderWaiverEmail } from '../../../amplify/functions/waiver/email';
import type { WaiverRecord } from '../../../amplify/functions/waiver/store';
import { operatorTimeZone } from '../../../amplify/time-zone';

const LA = 'America/Los_Angeles';

describe('the operator time zone setting', () => {
  it('defaults to the demo operator’s, takes any IANA name, and refuses anything else at once', () => {
    expect(operatorTimeZone(undefined)).toBe(LA);
    expect(operatorTimeZone(' Asia/Tokyo ')).toBe('Asia/Tokyo');
    expect(() => operatorTimeZone('Pacific Standard')).toThrow(/not an IANA time zone/);
  });
});

describe('dates the Lambdas send people', () => {
  it('shows an instant in the zone given, with its abbreviation, whatever the server’s zone', () => {
    expect(formatWhen('2026-12-05T02:30:00Z', LA)).toBe('Friday, December 4, 2026 at 6:30 PM (PST)');
    expect(formatWhen('2026-12-05T02:30:00Z', 'UTC')).toBe('Saturday, December 5, 2026 at 2:30 AM (UTC)');
    expect(formatDay('2026-11-30T03:00:00Z', LA)).toBe('Sunday, November 29, 2026');
  });

  it('tells the two 1:30 AMs of Nov 1, 2026 apart, and the hour skipped on Mar 8', () => {
    expect(formatWhen('2026-11-01T08:30:00Z', LA)).toBe('Sunday, November 1, 2026 at 1:30 AM (PDT)');
    expect(formatWhen('2026-11-01T09:30:00Z', LA)).toBe('Sunday, November 1, 2026 at 1:30 AM (PST)');
    expect(formatWhen('2026-03-08T10:00:00Z', LA)).toBe('Sunday, March 8, 2026 at 3:00 AM (PDT)');
  });

  it('dates the signature of a waiver email in the operator zone', () => {
    const waiver = {
      id: 'w1',
      eventId: 'e',
      waiverVersion: 'v',
      text: 'Text',
      signedAt: '2026-11-30T03:15:00.000Z',
      ip: '',
      userAgent: '',
      name: 'Pat',
      email: 'pat@example.com',
      phone: '555',
      dateOfBirth: '1990-01-01',
      minors: [],
      signature: 'Pat',
    } as unknown as WaiverRecord;
    const mail = renderWaiverEmail({ id: 'e', title: 'Sunset Sail', startsAt: '2026-12-05T02:30:00Z' }, waiver, LA);
    expect(mail.text).toContain('Event: Sunset Sail, Friday, December 4, 2026 at 6:30 PM (PST)');
    expect(mail.text).toContain('Signed at: Sunday, November 29, 2026 at 7:15 PM (PST)');
  });
});
