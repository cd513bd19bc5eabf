import { describe, expect, it } from 'vitest';
import { renderReceipt } from '../../../../amplify/functions/mailer/receipt';

const LA = 'America/Los_Angeles';
const input = {
  payment: {
    id: '01PAY',
    patronName: 'Pat <b>Bold</b>',
    patronEmail: 'pat@example.com',
    amountCents: 12_345,
    method: 'CHECK',
    receivedAt: '2026-12-01T18:00:00Z',
    loggedBy: 'crew@example.com',
    notes: 'Check #1041',
  },
  event: { title: 'Sunset Sail & Supper', startsAt: '2026-12-02T02:30:00Z', boat: 'Lady Grace' },
  patron: { balanceCents: 7_655 },
};

describe('renderReceipt', () => {
  it('states the event, date, amount, method, balance remaining and who logged it', () => {
    const r = renderReceipt(input, LA);
    expect(r.subject).toBe('Receipt: $123.45 for Sunset Sail & Supper');
    for (const part of [
      'Event: Sunset Sail & Supper',
      'Amount paid: $123.45',
      'Method: Check',
      'Balance remaining: $76.55',
      'Logged by: crew@example.com',
      'Date: Tuesday, December 1, 2026 at 6:30 PM (PST)',
    ]) {
      expect(r.text).toContain(part);
    }
  });

  it('escapes what people typed in the HTML', () => {
    const r = renderReceipt(input, LA);
    expect(r.html).toContain('Pat &lt;b&gt;Bold&lt;/b&gt;');
    expect(r.html).toContain('Sunset Sail &amp; Supper');
    expect(r.html).not.toContain('<b>Bold');
  });

  it('leaves out the balance when the patron is no longer on the roster', () => {
    expect(renderReceipt({ ...input, patron: null }, LA).text).not.toContain('Balance remaining');
  });
});

describe('receipt dates, in the operator time zone', () => {
  // A Friday 6:30 PM PST sunset sail, paid on Sunday evening Nov 29 in San Diego (Monday in UTC).
  const sail = {
    ...input,
    event: { ...input.event, startsAt: '2026-12-05T02:30:00Z' },
    payment: { ...input.payment, receivedAt: '2026-11-30T03:00:00Z' },
  };

  it('shows the event as the operator wrote it, with the zone, and the day the money was received there', () => {
    const r = renderReceipt(sail, LA);
    expect(r.text).toContain('Date: Friday, December 4, 2026 at 6:30 PM (PST)');
    expect(r.text).toContain('Received: Sunday, November 29, 2026');
    expect(r.html).toContain('Friday, December 4, 2026 at 6:30 PM (PST)');
    expect(r.text).not.toContain('UTC');
  });

  it('follows the zone it is given, not the server’s', () => {
    expect(renderReceipt(sail, 'Asia/Tokyo').text).toContain('Date: Saturday, December 5, 2026 at 11:30 AM (GMT+9)');
  });

  it('names PDT or PST on the DST-change days of 2026', () => {
    const at = (startsAt: string) => renderReceipt({ ...input, event: { ...input.event, startsAt } }, LA).text;
    expect(at('2026-03-08T09:30:00Z')).toContain('Date: Sunday, March 8, 2026 at 1:30 AM (PST)');
    expect(at('2026-03-08T10:30:00Z')).toContain('Date: Sunday, March 8, 2026 at 3:30 AM (PDT)');
    expect(at('2026-11-01T08:30:00Z')).toContain('Date: Sunday, November 1, 2026 at 1:30 AM (PDT)');
    expect(at('2026-11-01T09:30:00Z')).toContain('Date: Sunday, November 1, 2026 at 1:30 AM (PST)');
  });
});

describe('what a receipt leaves out', () => {
  it('keeps an event title’s line breaks out of the Subject header', () => {
    const r = renderReceipt(
      { ...input, event: { ...input.event, title: 'Sunset\r\nBcc: victim@example.com\nSail' } },
      LA,
    );
    expect(r.subject).toBe('Receipt: $123.45 for Sunset Bcc: victim@example.com Sail');
    expect(r.subject).not.toMatch(/[\r\n]/);
  });

  it('keeps the crew’s internal payment notes internal', () => {
    const r = renderReceipt(
      { ...input, payment: { ...input.payment, notes: 'Paid by her brother; he still owes us $20' } },
      LA,
    );
    expect(r.text).not.toContain('brother');
    expect(r.html).not.toContain('brother');
  });
});

describe('renderReceipt of a refund', () => {
  const refund = {
    ...input,
    payment: { ...input.payment, kind: 'REFUND', amountCents: 2_500, method: 'CARD', reason: 'Gale <warning>' },
  };

  it('says Refund, the amount given back and why, never "paid"', () => {
    const r = renderReceipt(refund, LA);
    expect(r.subject).toBe('Refund: $25.00 for Sunset Sail & Supper');
    for (const part of [
      'Amount refunded: $25.00',
      'Method: Card',
      'Reason: Gale <warning>',
      'Refunded: ',
      'refund receipt',
    ])
      expect(r.text).toContain(part);
    expect(r.text).not.toContain('Amount paid');
    expect(r.text).not.toContain('Thank you for your payment');
    expect(r.html).toContain('<h1 style="font-size: 1.25rem;">Refund receipt</h1>');
    expect(r.html).toContain('Gale &lt;warning&gt;');
  });

  it('owes nothing on a cancelled sailing: a full refund says nothing is owed, a part one what is still to refund', () => {
    const cancelled = { ...refund, event: { ...refund.event, status: 'CANCELLED' } };
    // A full refund raises the stored balance back to what was due: the receipt must not ask for it.
    const full = renderReceipt(
      { ...cancelled, patron: { balanceCents: 5_000, amountDueCents: 5_000, paidCents: 0 } },
      LA,
    ).text;
    expect(full).toContain('Balance remaining: Nothing is owed: the sailing was cancelled');
    expect(full).not.toContain('$50.00');
    const part = renderReceipt(
      { ...cancelled, patron: { balanceCents: 2_500, amountDueCents: 5_000, paidCents: 2_500 } },
      LA,
    ).text;
    expect(part).toContain('Still to refund: $25.00');
    expect(part).not.toContain('Balance remaining');
  });
});
