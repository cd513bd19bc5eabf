import { describe, expect, it } from 'vitest';
import { eventBridgeEnvelope, simulatorBox, simulatorEvents, type AcceptedMail } from '../../../local/stack/ses-events';

const mail = (to: string): AcceptedMail => ({
  messageId: 'ses-1',
  source: 'bookings@example.com',
  destination: [to, 'audit@example.com'],
  timestamp: '2037-01-01T00:00:00.000Z',
  configurationSet: 'scc-local',
  tags: { 'scc-kind': 'receipt' },
});
const now = new Date('2037-01-01T00:00:01.000Z');

describe('the local SES mailbox simulator', () => {
  it("answers SES's simulator addresses (labels allowed) as SES documents", () => {
    expect(simulatorEvents(mail('success@simulator.amazonses.com'), now).map((e) => e.eventType)).toEqual(['Delivery']);
    expect(simulatorEvents(mail('ooto+x@simulator.amazonses.com'), now).map((e) => e.eventType)).toEqual(['Delivery']);
    expect(simulatorEvents(mail('complaint@simulator.amazonses.com'), now).map((e) => e.eventType)).toEqual([
      'Delivery',
      'Complaint',
    ]);
    const [bounce] = simulatorEvents(mail('bounce+r1@simulator.amazonses.com'), now);
    expect(bounce).toMatchObject({
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'bounce+r1@simulator.amazonses.com' }],
      },
    });
    expect(simulatorEvents(mail('suppressionlist@simulator.amazonses.com'), now)[0]!.bounce!.bounceSubType).toBe(
      'OnAccountSuppressionList',
    );
  });

  it('publishes nothing for other addresses, or without a configuration set', () => {
    expect(simulatorEvents(mail('ann@example.com'), now)).toEqual([]);
    expect(simulatorEvents({ ...mail('bounce@simulator.amazonses.com'), configurationSet: undefined }, now)).toEqual(
      [],
    );
    expect(simulatorBox('bounce@simulator.amazonses.com.evil.example')).toBeNull();
  });

  it("carries the message, its tags and its configuration set, in SES's EventBridge envelope", () => {
    const [event] = simulatorEvents(mail('success@simulator.amazonses.com'), now);
    expect(event!.mail).toMatchObject({
      messageId: 'ses-1',
      timestamp: '2037-01-01T00:00:00.000Z',
      tags: { 'scc-kind': ['receipt'], 'ses:configuration-set': ['scc-local'] },
    });
    expect(eventBridgeEnvelope(event!, 'id-1', 'us-east-1')).toMatchObject({
      source: 'aws.ses',
      'detail-type': 'Email Delivered',
      detail: event,
    });
  });
});
