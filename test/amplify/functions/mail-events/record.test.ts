import { describe, expect, it } from 'vitest';
import { afterRefusal, planDelivery, type SesEvent } from '../../../../amplify/functions/mail-events/record';
import { messageTags, recordOfTags, type MailRecord } from '../../../../amplify/functions/mail-events/tags';

const record: MailRecord = {
  kind: 'waiverLink',
  PK: 'EVENT#2037-12-20-sunset',
  SK: 'PATRON#ann@example.com',
  to: 'Ann@Example.com',
};
const tags = Object.fromEntries(messageTags(record).map((t) => [t.Name, [t.Value]]));
const mail = {
  messageId: 'm-1',
  timestamp: '2037-12-01T10:00:00.000Z',
  destination: ['Ann@Example.com', 'audit@example.com'],
  tags: { ...tags, 'ses:configuration-set': ['scc'] },
};

describe('message tags', () => {
  it("carry the record key in SES's tag alphabet (letters, digits, _ and -) and read back the same", () => {
    for (const t of messageTags(record)) expect(t.Value).toMatch(/^[A-Za-z0-9_-]{1,256}$/);
    expect(recordOfTags(tags)).toEqual({ ...record, to: 'ann@example.com' });
  });

  it('name no record outside an event partition, and none without all their tags', () => {
    const foreign = Object.fromEntries(messageTags({ ...record, PK: 'TEAM' }).map((t) => [t.Name, [t.Value]]));
    expect(recordOfTags(foreign)).toBeNull();
    expect(recordOfTags({ 'scc-kind': ['receipt'] })).toBeNull();
    expect(recordOfTags(undefined)).toBeNull();
  });
});

describe('planDelivery', () => {
  it("a permanent bounce of the patron's address is BOUNCED and suppresses it", () => {
    const plan = planDelivery({
      eventType: 'Bounce',
      mail,
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        timestamp: '2037-12-01T10:00:05Z',
        bouncedRecipients: [{ emailAddress: 'ann@example.com' }],
      },
    });
    expect(plan).toMatchObject({
      outcome: 'BOUNCED',
      suppress: true,
      detail: 'Permanent/General',
      eventId: '2037-12-20-sunset',
      messageId: 'm-1',
    });
  });

  it('a transient bounce is BOUNCED without suppressing; a complaint suppresses', () => {
    expect(
      planDelivery({
        eventType: 'Bounce',
        mail,
        bounce: { bounceType: 'Transient', timestamp: 't', bouncedRecipients: [{ emailAddress: 'ann@example.com' }] },
      }),
    ).toMatchObject({ outcome: 'BOUNCED', suppress: false });
    expect(
      planDelivery({
        eventType: 'Complaint',
        mail,
        complaint: { timestamp: 't', complainedRecipients: [{ emailAddress: 'ann@example.com' }] },
      }),
    ).toMatchObject({ outcome: 'COMPLAINED', suppress: true });
  });

  it("ignores the operator's blind copy bouncing, events it does not record, and mail not ours", () => {
    expect(
      planDelivery({
        eventType: 'Bounce',
        mail,
        bounce: { bounceType: 'Permanent', timestamp: 't', bouncedRecipients: [{ emailAddress: 'audit@example.com' }] },
      }),
    ).toBeNull();
    expect(planDelivery({ eventType: 'Open', mail } as SesEvent)).toBeNull();
    expect(
      planDelivery({ eventType: 'Delivery', mail: { ...mail, tags: {} }, delivery: { timestamp: 't' } }),
    ).toBeNull();
  });

  it('reads the EventBridge envelope as well as the bare event', () => {
    const event: SesEvent = {
      eventType: 'Delivery',
      mail,
      delivery: { timestamp: 't', recipients: ['ann@example.com'] },
    };
    expect(planDelivery({ source: 'aws.ses', 'detail-type': 'Email Delivered', detail: event })).toEqual(
      planDelivery(event),
    );
  });
});

describe('afterRefusal', () => {
  const plan = planDelivery({ eventType: 'Delivery', mail, delivery: { timestamp: 't' } })!;
  it('tells a replay or a superseded message (nothing to do) from a send not yet on its record (retry)', () => {
    expect(afterRefusal(undefined, plan)).toBe('gone');
    expect(afterRefusal({ waiverLinkMessageId: 'm-1' }, plan)).toBe('recorded');
    expect(afterRefusal({ waiverLinkMessageId: 'm-2', waiverLinkSentAt: '2037-12-01T11:00:00.000Z' }, plan)).toBe(
      'superseded',
    );
    expect(afterRefusal({ waiverLinkMessageId: 'm-0', waiverLinkSentAt: '2037-11-30T10:00:00.000Z' }, plan)).toBe(
      'not-yet',
    );
    expect(afterRefusal({}, plan)).toBe('not-yet');
  });
});
