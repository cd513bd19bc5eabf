/** refundPayment end to end: money given back as a record of its own, never more than was paid. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY, startApi, VOID_PAYMENT, type Api } from './support/harness';
import { sesMessages } from '../support/stack';
import { book, expectSums, ledger, mail, newEvent, pay, refund } from './support/refunds';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('refundPayment', () => {
  it('gives money back as a REFUND item: what was paid drops, the balance rises, on the entry and the event alike', async () => {
    const eventId = await newEvent(api);
    const email = mail(1);
    await book(api, eventId, email);
    const p = await pay(api, eventId, email, 6_000);
    const res = await refund(
      api,
      { eventId, patronEmail: email, amountCents: 2_500, refundOf: p.id },
      api.tokens.accounting,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.refundPayment).toMatchObject({
      kind: 'REFUND',
      amountCents: 2_500,
      status: 'RECORDED',
      reason: 'Weather',
      refundOf: p.id,
      method: 'CARD',
    });
    const l = await ledger(api, eventId);
    expect(l.entry(email)).toMatchObject({ paidCents: 3_500, balanceCents: 6_500 });
    expect(l.payments.find((x) => x.id === p.id).refundedCents).toBe(2_500);
    expectSums(l, expect);
  });

  it('never gives back more than was paid, by the patron or of the payment named', async () => {
    const eventId = await newEvent(api);
    const email = mail(2);
    await book(api, eventId, email);
    const a = await pay(api, eventId, email, 3_000);
    await pay(api, eventId, email, 1_000);
    const tooMuch = await refund(api, { eventId, patronEmail: email, amountCents: 4_001 });
    expect(tooMuch.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'OVER_PAID' } });
    const overPayment = await refund(api, { eventId, patronEmail: email, amountCents: 3_001, refundOf: a.id });
    expect(overPayment.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'OVER_PAYMENT' } });
    const noReason = await api.gql(
      api.tokens.admin,
      `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: 'no-reason-' + eventId,
          eventId,
          patronEmail: email,
          amountCents: 100,
          method: 'CASH',
          reason: '  ',
        },
      },
    );
    expect(noReason.errors?.[0]?.errorType).toBe('ValidationError');
    expectSums(await ledger(api, eventId), expect);
  });

  it('lets 20 concurrent refunds give back at most what was paid (of the patron, and of one payment)', async () => {
    const eventId = await newEvent(api);
    const email = mail(3);
    await book(api, eventId, email);
    const a = await pay(api, eventId, email, 5_000);
    await pay(api, eventId, email, 5_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        refund(api, { eventId, patronEmail: email, amountCents: 1_500, ...(i % 2 ? { refundOf: a.id } : {}) }),
      ),
    );
    const ok = results.filter((r) => !r.errors);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0]!.errorType).toBe('Conflict');
    const l = await ledger(api, eventId);
    const refunds = l.payments.filter((p) => p.kind === 'REFUND' && p.status === 'RECORDED');
    expect(refunds).toHaveLength(ok.length);
    expect(refunds.reduce((s, r) => s + r.amountCents, 0)).toBeLessThanOrEqual(10_000);
    expect(refunds.filter((r) => r.refundOf === a.id).reduce((s, r) => s + r.amountCents, 0)).toBeLessThanOrEqual(
      5_000,
    );
    expect(l.payments.find((p) => p.id === a.id).refundedCents ?? 0).toBe(
      refunds.filter((r) => r.refundOf === a.id).reduce((s, r) => s + r.amountCents, 0),
    );
    expect(l.entry(email).paidCents).toBeGreaterThanOrEqual(0);
    expectSums(l, expect);
  });

  it('is one refund for one idempotency key, however often it is sent', async () => {
    const eventId = await newEvent(api);
    const email = mail(4);
    await book(api, eventId, email);
    await pay(api, eventId, email, 5_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        refund(api, { eventId, patronEmail: email, amountCents: 1_000, idempotencyKey: 'once-' + eventId }),
      ),
    );
    const again = await refund(api, {
      eventId,
      patronEmail: email,
      amountCents: 1_000,
      idempotencyKey: 'once-' + eventId,
    });
    expect(again.errors).toBeUndefined();
    for (const r of results)
      if (r.errors) expect(r.errors[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
    const l = await ledger(api, eventId);
    expect(l.payments.filter((p) => p.kind === 'REFUND')).toHaveLength(1);
    expect(l.entry(email).paidCents).toBe(4_000);
  });

  it('refuses voiding a payment its refunds name; voiding a refund takes the money back onto what was paid', async () => {
    const eventId = await newEvent(api);
    const email = mail(5);
    await book(api, eventId, email);
    const p = await pay(api, eventId, email, 5_000);
    const r = (await refund(api, { eventId, patronEmail: email, amountCents: 2_000, refundOf: p.id })).data!
      .refundPayment;
    const voidPayment = await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: p.id, reason: 'wrong' });
    expect(voidPayment.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'REFUNDED' } });
    const voidRefund = await api.gql(api.tokens.admin, VOID_PAYMENT, {
      eventId,
      paymentId: r.id,
      reason: 'never handed over',
    });
    expect(voidRefund.errors).toBeUndefined();
    const l = await ledger(api, eventId);
    expect(l.entry(email).paidCents).toBe(5_000);
    expect(l.payments.find((x) => x.id === p.id).refundedCents).toBe(0);
    expectSums(l, expect);
  });

  it('refuses a payment voided when refunds without a payment named gave it back already', async () => {
    const eventId = await newEvent(api);
    const email = mail(6);
    await book(api, eventId, email);
    const p = await pay(api, eventId, email, 5_000);
    await refund(api, { eventId, patronEmail: email, amountCents: 4_000 });
    const res = await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: p.id, reason: 'wrong' });
    expect(res.errors?.[0]?.errorType).toBe('Conflict');
    expectSums(await ledger(api, eventId), expect);
  });

  it('is for ADMINS and ACCOUNTING, not CREW', async () => {
    const eventId = await newEvent(api);
    const email = mail(7);
    await book(api, eventId, email);
    await pay(api, eventId, email, 5_000);
    const res = await refund(api, { eventId, patronEmail: email, amountCents: 100 }, api.tokens.crew);
    expect(res.errors?.[0]?.errorType).toBe('Unauthorized');
  });

  it('sends the patron a receipt that says Refund', async () => {
    const eventId = await newEvent(api);
    const email = mail(8);
    await book(api, eventId, email);
    await pay(api, eventId, email, 5_000);
    const r = (await refund(api, { eventId, patronEmail: email, amountCents: 1_234 })).data!.refundPayment;
    const sent = await api.gql(api.tokens.admin, NOTIFY, { eventId, paymentId: r.id });
    expect(sent.data!.notifyPatron.status).toBe('SENT');
    const [message] = await sesMessages(email);
    expect(message!.subject).toMatch(/^Refund: \$12\.34 for /);
    expect(message!.body.text).toContain('Reason: Weather');
  });
});
