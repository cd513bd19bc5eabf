import { describe, expect, it } from 'vitest';
import { renderReceipt } from '../../amplify/functions/mailer/receipt';

const input = {
  payment: { id: '01PAY', patronName: 'Pat <b>Bold</b>', patronEmail: 'pat@example.com', amountCents: 12_345, method: 'CHECK', receivedAt: '2026-12-01T18:00:00Z', loggedBy: 'crew@example.com', notes: 'Check #1041' },
  event: { title: 'Sunset Sail & Supper', startsAt: '2026-12-02T02:30:00Z', boat: 'Lady Grace' },
  patron: { balanceCents: 7_655 },
};

describe('renderReceipt', () => {
  it('states the event, date, amount, method, balance remaining and who logged it', () => {
    const r = renderReceipt(input);
    expect(r.subject).toBe('Receipt: $123.45 for Sunset Sail & Supper');
    for (const part of ['Event: Sunset Sail & Supper', 'Amount paid: $123.45', 'Method: Check', 'Balance remaining: $76.55', 'Logged by: crew@example.com', 'Date: Wednesday, December 2, 2026']) {
      expect(r.text).toContain(part);
    }
  });

  it('escapes what people typed in the HTML', () => {
    const r = renderReceipt(input);
    expect(r.html).toContain('Pat &lt;b&gt;Bold&lt;/b&gt;');
    expect(r.html).toContain('Sunset Sail &amp; Supper');
    expect(r.html).not.toContain('<b>Bold');
  });

  it('leaves out the balance when the patron is no longer on the roster', () => {
    expect(renderReceipt({ ...input, patron: null }).text).not.toContain('Balance remaining');
  });
});
