import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { sendMail } from '../../../../amplify/functions/mailer/ses';
import { sesMessages, stack } from '../../../support/stack';

describe('mail through the local SES', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.SES_ENDPOINT = stack().sesUrl;
    process.env.SENDER_EMAIL = 'bookings@example.com';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('lands in the local store with its recipients, subject and both bodies', async () => {
    const to = `patron-${randomUUID().slice(0, 8)}@example.com`;
    const { messageId } = await sendMail({
      to: [to],
      bcc: ['audit@example.com'],
      subject: 'Your receipt',
      html: '<p>Paid <b>$25.00</b></p>',
      text: 'Paid $25.00',
    });
    expect(messageId).not.toBe('');
    const [mail] = await sesMessages(to);
    expect(mail).toMatchObject({
      from: 'bookings@example.com',
      subject: 'Your receipt',
      destination: { to: [to], bcc: ['audit@example.com'] },
      body: { text: 'Paid $25.00', html: '<p>Paid <b>$25.00</b></p>' },
    });
  });

  it('sends every Subject as one line, whatever a renderer passed (no header can be added)', async () => {
    const to = `patron-${randomUUID().slice(0, 8)}@example.com`;
    await sendMail({ to: [to], subject: 'Receipt: Sunset\r\nBcc: evil@example.com\u2028Sail', html: 'h', text: 't' });
    const [mail] = await sesMessages(to);
    expect(mail).toMatchObject({ subject: 'Receipt: Sunset Bcc: evil@example.com Sail', destination: { to: [to] } });
  });

  it('fails loudly when no sender is configured', async () => {
    delete process.env.SENDER_EMAIL;
    await expect(sendMail({ to: ['x@example.com'], subject: 's', html: 'h', text: 't' })).rejects.toThrow(
      /SENDER_EMAIL/,
    );
  });
});
