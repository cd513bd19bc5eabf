import { describe, expect, it } from 'vitest';
import {
  renderCancellationEmail,
  renderReminderEmail,
  renderWaiverLinkEmail,
} from '../../../amplify/functions/outreach/email';
import {
  personalWaiverUrl,
  readPersonalLink,
  signWaiverToken,
  verifyWaiverToken,
} from '../../../amplify/functions/outreach/link';
import { departureWindow, dueReminders, reminderHours } from '../../../amplify/functions/reminders/plan';

/** The pure parts of outreach: personal link tokens, outreach emails, which reminders are due. */
const SECRET = 'unit-secret';
const EVENT = {
  id: '2027-06-05-sunset-sail',
  title: 'Sunset <b>Sail</b>\r\nBcc: x@evil.example',
  startsAt: '2027-06-06T01:30:00.000Z',
  boat: 'Lady Washington',
};

describe('personal waiver link tokens', () => {
  it('verify for their own event and patron only', () => {
    const token = signWaiverToken(SECRET, EVENT.id, 'Jo@Example.com');
    expect(verifyWaiverToken(SECRET, EVENT.id, token)).toBe('jo@example.com');
    expect(verifyWaiverToken(SECRET, 'another-sailing', token)).toBeNull();
    expect(verifyWaiverToken('other-secret', EVENT.id, token)).toBeNull();
    const [, mac] = token.split('.');
    expect(
      verifyWaiverToken(SECRET, EVENT.id, `${Buffer.from('amy@example.com').toString('base64url')}.${mac}`),
    ).toBeNull();
    for (const junk of ['', '.', 'abc', `${token}x`, token.slice(0, -1), `${token.split('.')[0]}.`])
      expect(verifyWaiverToken(SECRET, EVENT.id, junk), junk).toBeNull();
  });

  it('fail closed without a secret: nothing is signed, and any token is invalid', () => {
    expect(() => signWaiverToken(undefined, EVENT.id, 'jo@example.com')).toThrow(/WAIVER_LINK_SECRET/);
    expect(readPersonalLink(`t=${signWaiverToken(SECRET, EVENT.id, 'jo@example.com')}`, EVENT.id, undefined)).toBe(
      'invalid',
    );
    expect(readPersonalLink('signed=x', EVENT.id, SECRET)).toBeNull();
  });

  it('make the link under the site base, whatever its trailing slash', () => {
    expect(personalWaiverUrl('https://scc.example/g/', SECRET, EVENT.id, 'jo@example.com')).toBe(
      `https://scc.example/g/${EVENT.id}/waiver?t=${signWaiverToken(SECRET, EVENT.id, 'jo@example.com')}`,
    );
  });
});

describe('outreach emails', () => {
  it('escape what people typed and keep the subject one line', () => {
    const mail = renderWaiverLinkEmail(
      EVENT,
      { email: 'jo@example.com', name: '<script>Jo</script>' },
      'https://scc.example/g/x/waiver?t=a.b',
      'America/Los_Angeles',
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>Sail</b>');
    // 01:30 UTC on the 6th is the evening of the 5th in the operator's zone.
    expect(mail.text).toMatch(/Jun(e)? 5/);
  });

  it('say in a reminder only what is still open', () => {
    const owing = renderReminderEmail(
      EVENT,
      { email: 'jo@example.com', name: 'Jo', balanceCents: 2_500, waiverSignedAt: '2027-01-01T00:00:00Z' },
      null,
      'America/Los_Angeles',
    );
    expect(owing.text).toContain('$25.00 is still due');
    expect(owing.text).not.toContain('not signed');
    expect(owing.html).not.toContain('<a href');
  });
});

describe('which reminders are due', () => {
  it('one per open kind: an unsigned waiver, money owed', () => {
    const due = dueReminders(EVENT, [
      { email: 'a@example.com', name: 'A', balanceCents: 100 },
      { email: 'b@example.com', name: 'B', balanceCents: 0, waiverSignedAt: '2027-01-01T00:00:00Z' },
      { email: 'c@example.com', name: 'C', balanceCents: 0 },
    ]);
    expect(due.map((d) => `${d.entry.email} ${d.kind}`)).toEqual([
      'a@example.com WAIVER',
      'a@example.com BALANCE',
      'c@example.com WAIVER',
    ]);
  });

  it('reads both years when the window crosses New Year', () => {
    const window = departureWindow(new Date('2027-12-31T12:00:00Z'), 24);
    expect(window.map((w) => w.partition)).toEqual(['EVENTS#2027', 'EVENTS#2028']);
    expect(window[0]).toMatchObject({ from: '2027-12-31T12:00:00.000Z', to: '2028-01-01T12:00:00.000Z#~' });
  });

  it('takes REMINDER_HOURS as whole hours from 1 to 336, 24 by default', () => {
    expect(reminderHours(undefined)).toBe(24);
    expect(reminderHours('48')).toBe(48);
    for (const bad of ['0', '1.5', 'soon', '337']) expect(() => reminderHours(bad), bad).toThrow(/REMINDER_HOURS/);
  });
});

describe('the notice of a cancelled sailing', () => {
  it('names the sailing in the operator zone and the reason, escaped, and says a refund or a move follows', () => {
    const mail = renderCancellationEmail(
      {
        id: 'e',
        title: 'Sunset <Sail>',
        startsAt: '2026-12-02T02:30:00Z',
        boat: 'Lady Grace',
        cancelReason: 'Gale & fog',
      },
      { email: 'jo@example.com', name: 'Jo' },
      'America/Los_Angeles',
    );
    expect(mail.subject).toBe('Cancelled: Sunset <Sail>');
    expect(mail.text).toContain(
      'Sunset <Sail>, Tuesday, December 1, 2026 at 6:30 PM (PST) aboard Lady Grace is cancelled (Gale & fog).',
    );
    expect(mail.text).toContain('refund what you paid or to move your booking');
    expect(mail.html).toContain('Sunset &lt;Sail&gt;');
    expect(mail.html).toContain('Gale &amp; fog');
  });
});
