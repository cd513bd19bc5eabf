import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAll, sesMessages, stack } from '../support/stack';
import {
  eventWithPatron,
  GET_EVENT,
  LOG_PAYMENT,
  NOTIFY,
  PAYMENTS_BY_EVENT,
  startApi,
  useMailerEnv,
  VOID_PAYMENT,
  type Api,
} from './support/harness';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const pay = (
  eventId: string,
  patronEmail: string,
  amountCents: number,
  idempotencyKey = `k-${Math.random().toString(36).slice(2)}`,
  extra = {},
) =>
  api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: { idempotencyKey, eventId, patronEmail, amountCents, method: 'CASH', ...extra },
  });

async function totals(eventId: string, email: string) {
  const res = await api.gql(api.tokens.admin, GET_EVENT, { id: eventId });
  const entry = res.data!.getEvent.roster.find((r: any) => r.email === email);
  const payments = await api.gql(api.tokens.admin, PAYMENTS_BY_EVENT, { eventId, limit: 100 });
  const recorded = payments.data!.paymentsByEvent.items.filter((p: any) => p.status === 'RECORDED');
  return {
    event: res.data!.getEvent.event,
    entry,
    recordedSum: recorded.reduce((s: number, p: any) => s + p.amountCents, 0),
    recordedCount: recorded.length,
  };
}

describe('logPayment', () => {
  it('records a payment, moving the totals of the patron and the event together', async () => {
    const { eventId, email } = await eventWithPatron(api, 20_000, 'Mixed.Case@Example.com');
    const res = await pay(eventId, 'MIXED.case@example.com', 7_550);
    expect(res.errors).toBeUndefined();
    const p = res.data!.logPayment;
    expect(p).toMatchObject({
      eventId,
      patronEmail: 'mixed.case@example.com',
      patronName: 'Pat Patron',
      amountCents: 7_550,
      currency: 'USD',
      method: 'CASH',
      status: 'RECORDED',
    });
    expect(p.loggedBy).toBe(stack().users.crew);
    const t = await totals(eventId, email.toLowerCase());
    expect(t.entry).toMatchObject({ paidCents: 7_550, balanceCents: 12_450 });
    expect(t.event).toMatchObject({ dueCents: 20_000, paidCents: 7_550, balanceCents: 12_450 });
  });

  it('refuses an amount over the balance due, saying what is due', async () => {
    const { eventId, email } = await eventWithPatron(api, 1_250);
    const res = await pay(eventId, email, 1_251);
    expect(res.errors?.[0]).toMatchObject({
      errorType: 'Conflict',
      message: 'Amount exceeds the balance due of $12.50.',
    });
  });

  it('keeps the payment 7 years after the event (TTL) and writes an audit record that never expires', async () => {
    const { eventId, email } = await eventWithPatron(api);
    const res = await pay(eventId, email, 100);
    const items = await scanAll(api.tableName);
    const payment = items.find((i) => i.SK?.S === `PAYMENT#${res.data!.logPayment.id}`)!;
    const eventEpoch = Date.parse('2037-12-20T18:00:00Z') / 1000;
    const ttl = Number(payment.expiresAt!.N);
    expect(ttl - eventEpoch).toBeGreaterThanOrEqual(7 * 365.25 * 86400);
    expect(ttl - eventEpoch).toBeLessThan(7 * 367 * 86400);
    const audit = items.filter((i) => i.PK?.S === `AUDIT#${eventId}` && i.operation?.S === 'logPayment');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.expiresAt).toBeUndefined();
    expect(audit[0]!.actor?.S).toBe(stack().users.crew);
  });

  it('makes one payment from the same request sent 20 times, concurrently', async () => {
    const { eventId, email } = await eventWithPatron(api);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => pay(eventId, email, 1_000, 'same-key-' + eventId)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.data!.logPayment.id));
    expect(ids.size).toBe(1);
    const again = await pay(eventId, email, 1_000, 'same-key-' + eventId);
    expect(again.data!.logPayment.id).toBe([...ids][0]);
    const t = await totals(eventId, email);
    expect(t.recordedCount).toBe(1);
    expect(t.entry.paidCents).toBe(1_000);
  });

  it('refuses the same idempotency key with different content', async () => {
    const { eventId, email } = await eventWithPatron(api);
    await pay(eventId, email, 1_000, 'reused-' + eventId);
    const res = await pay(eventId, email, 2_000, 'reused-' + eventId);
    expect(res.errors?.[0]?.errorType).toBe('Conflict');
    expect(res.errors?.[0]?.message).toMatch(/already used for a different payment/);
  });

  it('lets exactly 20 of 40 concurrent $10 payments through on a $200 balance', async () => {
    const { eventId, email } = await eventWithPatron(api, 20_000);
    // A transaction that collided with another in flight is a retryable Conflict; a client retries it.
    const attempt = async (): Promise<'ok' | 'refused'> => {
      const key = `c-${Math.random().toString(36).slice(2)}`;
      for (let i = 0; i < 20; i++) {
        const r = await pay(eventId, email, 1_000, key);
        if (!r.errors) return 'ok';
        expect(r.errors[0]!.errorType).toBe('Conflict');
        if (!(r.errors[0]!.errorInfo as any)?.retryable) return 'refused';
      }
      throw new Error('still colliding after 20 tries');
    };
    const outcomes = await Promise.all(Array.from({ length: 40 }, attempt));
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(20);
    const t = await totals(eventId, email);
    expect(t.recordedSum).toBe(20_000);
    expect(t.entry).toMatchObject({ paidCents: 20_000, balanceCents: 0 });
    expect(t.event).toMatchObject({ paidCents: 20_000, balanceCents: 0 });
  });
});

describe('voidPayment', () => {
  it('marks the payment voided with who, when and why, and reverses the totals', async () => {
    const { eventId, email } = await eventWithPatron(api);
    const p = (await pay(eventId, email, 4_000)).data!.logPayment;
    const res = await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: p.id, reason: 'Entered twice' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.voidPayment).toMatchObject({
      id: p.id,
      status: 'VOIDED',
      voidedBy: stack().users.admin,
      voidReason: 'Entered twice',
      amountCents: 4_000,
    });
    const t = await totals(eventId, email);
    expect(t.entry).toMatchObject({ paidCents: 0, balanceCents: 20_000 });
    expect(t.event).toMatchObject({ paidCents: 0, balanceCents: 20_000 });
  });

  it('refuses to void a payment twice', async () => {
    const { eventId, email } = await eventWithPatron(api);
    const p = (await pay(eventId, email, 4_000)).data!.logPayment;
    await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: p.id, reason: 'Wrong patron' });
    const again = await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: p.id, reason: 'Wrong patron' });
    expect(again.errors?.[0]?.errorType).toBe('Conflict');
  });
});

describe('notifyPatron', () => {
  it('emails the patron a receipt with the amount, copies the audit address, and records SENT', async () => {
    const { eventId, email } = await eventWithPatron(api, 20_000, 'receipt.me@example.com');
    const p = (await pay(eventId, email, 12_345)).data!.logPayment;
    const res = await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId: p.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.notifyPatron).toMatchObject({ paymentId: p.id, to: email, status: 'SENT', error: null });
    const mail = (await sesMessages(email)).find((m) => m.body.text?.includes(p.id));
    expect(mail?.subject).toContain('$123.45');
    expect(mail?.body.text).toContain('Balance remaining: $76.55');
    expect(mail?.destination.bcc).toContain('audit@scc.test');
    const after = (await api.gql(api.tokens.admin, PAYMENTS_BY_EVENT, { eventId })).data!.paymentsByEvent.items[0];
    expect(after.notificationStatus).toBe('SENT');
  });

  it('returns FAILED when SES is down, records it, and leaves the payment intact', async () => {
    const { eventId, email } = await eventWithPatron(api);
    const p = (await pay(eventId, email, 5_000)).data!.logPayment;
    useMailerEnv('http://127.0.0.1:9'); // nothing listens on the discard port
    try {
      const res = await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId: p.id });
      expect(res.errors).toBeUndefined();
      expect(res.data!.notifyPatron.status).toBe('FAILED');
      expect(res.data!.notifyPatron.error).toMatch(/could not be sent/);
    } finally {
      useMailerEnv(stack().sesUrl);
    }
    const after = (await api.gql(api.tokens.admin, PAYMENTS_BY_EVENT, { eventId })).data!.paymentsByEvent.items[0];
    expect(after).toMatchObject({ id: p.id, status: 'RECORDED', amountCents: 5_000, notificationStatus: 'FAILED' });
    const t = await totals(eventId, email);
    expect(t.entry.paidCents).toBe(5_000);
  });

  it('refuses to send a receipt for a voided payment', async () => {
    const { eventId, email } = await eventWithPatron(api);
    const p = (await pay(eventId, email, 5_000)).data!.logPayment;
    await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: p.id, reason: 'Bounced check' });
    const res = await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId: p.id });
    expect(res.errors?.[0]?.errorType).toBe('Conflict');
  });
});
