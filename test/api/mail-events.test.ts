import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sesMessages } from '../support/stack';
import { ADD_PATRON, eventWithPayment, NOTIFY, PAYMENTS_BY_EVENT, startApi, until, type Api } from './support/harness';

/**
 * SES's sending events, end to end: a message sent through the API to one of SES's mailbox
 * simulator addresses, the local SES stand-in publishing the event SES would, and the mail-events
 * Lambda recording it on the message's record and the patron's roster entry.
 */
let api: Api;
beforeAll(async () => {
  Object.assign(process.env, { WAIVER_LINK_SECRET: 'mail-events-secret', WAIVER_BASE_URL: 'http://localhost:3999/g' });
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const ROSTER = `query($id: ID!) { getEvent(id: $id) { roster { email waiverLinkDelivery mailProblem mailProblemKind mailSuppressed } } }`;
const PAYMENTS = PAYMENTS_BY_EVENT.replace('notifiedAt', 'notifiedAt notificationDelivery notificationDeliveryAt');
const SEND_LINK = `mutation($eventId: ID!, $email: AWSEmail!) { sendWaiverLink(eventId: $eventId, email: $email) { email status error } }`;

const payment = async (eventId: string, paymentId: string) =>
  (await api.gql(api.tokens.admin, PAYMENTS, { eventId, limit: 10 })).data!.paymentsByEvent.items.find(
    (p: any) => p.id === paymentId,
  );
const entry = async (eventId: string, email: string) =>
  (await api.gql(api.tokens.admin, ROSTER, { id: eventId })).data!.getEvent.roster.find((r: any) => r.email === email);

describe('delivery, bounce and complaint events', () => {
  it('marks a receipt to bounce@simulator.amazonses.com bounced, on the payment and on the roster, and suppresses the address', async () => {
    const email = `bounce+r${Date.now()}@simulator.amazonses.com`;
    const { eventId, paymentId } = await eventWithPayment(api, 5_000, email);
    const sent = await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId });
    expect(sent.data!.notifyPatron.status).toBe('SENT');
    const p = await until(
      () => payment(eventId, paymentId),
      (x) => x.notificationDelivery === 'BOUNCED',
    );
    expect(p).toMatchObject({ notificationStatus: 'SENT', notificationDelivery: 'BOUNCED' });
    expect(
      await until(
        () => entry(eventId, email),
        (x) => x.mailSuppressed === true,
      ),
    ).toMatchObject({ mailProblem: 'BOUNCED', mailProblemKind: 'receipt', mailSuppressed: true });
  });

  it('marks a receipt to success@ delivered, and the booking has no problem', async () => {
    const email = `success+r${Date.now()}@simulator.amazonses.com`;
    const { eventId, paymentId } = await eventWithPayment(api, 5_000, email);
    await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId });
    const p = await until(
      () => payment(eventId, paymentId),
      (x) => x.notificationDelivery === 'DELIVERED',
    );
    expect(p.notificationDelivery).toBe('DELIVERED');
    expect(await entry(eventId, email)).toMatchObject({ mailProblem: null, mailSuppressed: null });
  });

  it('a complaint after the delivery wins: complaint@ ends COMPLAINED', async () => {
    const email = `complaint+r${Date.now()}@simulator.amazonses.com`;
    const { eventId, paymentId } = await eventWithPayment(api, 5_000, email);
    await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId });
    const p = await until(
      () => payment(eventId, paymentId),
      (x) => x.notificationDelivery === 'COMPLAINED',
    );
    expect(p.notificationDelivery).toBe('COMPLAINED');
    expect(
      await until(
        () => entry(eventId, email),
        (x) => x.mailSuppressed === true,
      ),
    ).toMatchObject({ mailProblem: 'COMPLAINED', mailSuppressed: true });
  });

  it('records a waiver link to suppressionlist@ as bounced on the roster entry', async () => {
    const email = `suppressionlist+w${Date.now()}@simulator.amazonses.com`;
    const { eventId } = await eventWithPayment(api, 5_000, email);
    const sent = await api.gql(api.tokens.crew, SEND_LINK, { eventId, email });
    expect(sent.data!.sendWaiverLink.status).toBe('SENT');
    const e = await until(
      () => entry(eventId, email),
      (x) => x.waiverLinkDelivery === 'BOUNCED' && x.mailSuppressed === true,
    );
    expect(e).toMatchObject({
      waiverLinkDelivery: 'BOUNCED',
      mailProblem: 'BOUNCED',
      mailProblemKind: 'waiverLink',
      mailSuppressed: true,
    });
  });
});

describe('suppression: an address that bounced hard or complained is not mailed again', () => {
  const SEND_ALL = `mutation($eventId: ID!) { sendWaiverLinks(eventId: $eventId) { email status error } }`;

  async function suppressed(box: string) {
    const email = `${box}+s${Date.now()}@simulator.amazonses.com`;
    const { eventId, paymentId } = await eventWithPayment(api, 5_000, email);
    await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId });
    await until(
      () => entry(eventId, email),
      (x) => x.mailSuppressed === true,
    );
    return { email, eventId, paymentId };
  }

  it('refuses another receipt to it with a Conflict (SUPPRESSED), and sends nothing', async () => {
    const { email, eventId, paymentId } = await suppressed('bounce');
    const before = (await sesMessages(email)).length;
    const again = await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId });
    expect(again.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'SUPPRESSED' } });
    expect(again.errors![0]!.message).toContain('check the address');
    expect(await sesMessages(email)).toHaveLength(before);
    expect((await payment(eventId, paymentId)).notificationDelivery).toBe('BOUNCED');
  });

  it('refuses a waiver link to it, and sendWaiverLinks skips it and reports it while the others go out', async () => {
    const { email, eventId } = await suppressed('complaint');
    const one = await api.gql(api.tokens.crew, SEND_LINK, { eventId, email });
    expect(one.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'SUPPRESSED' } });
    const other = `success+o${Date.now()}@simulator.amazonses.com`;
    await api.gql(api.tokens.admin, ADD_PATRON, { input: { eventId, email: other, name: 'Olive Other' } });
    const before = (await sesMessages(email)).length;
    const all = await api.gql(api.tokens.crew, SEND_ALL, { eventId });
    expect(all.errors).toBeUndefined();
    const byEmail = Object.fromEntries(all.data!.sendWaiverLinks.map((d: any) => [d.email, d]));
    expect(byEmail[other]).toMatchObject({ status: 'SENT' });
    expect(byEmail[email]).toMatchObject({ status: 'FAILED' });
    expect(byEmail[email].error).toContain('not mailed again');
    expect(await sesMessages(email)).toHaveLength(before);
    expect((await entry(eventId, email)).waiverLinkDelivery).toBeNull();
  });
});
