import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IN } from './support/boarding';
import { ADD_PATRON, LOG_PAYMENT, NOTIFY, startApi, VOID_PAYMENT, type Api } from './support/harness';
import { scanAll, sesMessages } from '../support/stack';
import { paymentsCsv, PAYMENT_CSV_COLUMNS } from '../../src/lib/payments-csv';
import { book, CANCEL, expectSums, ledger, newEvent, NOTIFY_CANCELLATION, pay, REBOOK, refund, REFUND_FIELDS } from './support/refunds';
import { readCsv } from '../support/csv';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const mail = (n: number) => `patron${n}-${Date.now()}@example.com`;

describe('refundPayment', () => {
  it('gives money back as a REFUND item: what was paid drops, the balance rises, on the entry and the event alike', async () => {
    const eventId = await newEvent(api);
    const email = mail(1);
    await book(api, eventId, email);
    const p = await pay(api, eventId, email, 6_000);
    const res = await refund(api, { eventId, patronEmail: email, amountCents: 2_500, refundOf: p.id }, api.tokens.accounting);
    expect(res.errors).toBeUndefined();
    expect(res.data!.refundPayment).toMatchObject({ kind: 'REFUND', amountCents: 2_500, status: 'RECORDED', reason: 'Weather', refundOf: p.id, method: 'CARD' });
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
    const noReason = await api.gql(api.tokens.admin, `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { id } }`, {
      input: { idempotencyKey: 'no-reason-' + eventId, eventId, patronEmail: email, amountCents: 100, method: 'CASH', reason: '  ' },
    });
    expect(noReason.errors?.[0]?.errorType).toBe('ValidationError');
    expectSums(await ledger(api, eventId), expect);
  });

  it('lets 20 concurrent refunds give back at most what was paid (of the patron, and of one payment)', async () => {
    const eventId = await newEvent(api);
    const email = mail(3);
    await book(api, eventId, email);
    const a = await pay(api, eventId, email, 5_000);
    await pay(api, eventId, email, 5_000);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      refund(api, { eventId, patronEmail: email, amountCents: 1_500, ...(i % 2 ? { refundOf: a.id } : {}) })));
    const ok = results.filter((r) => !r.errors);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0]!.errorType).toBe('Conflict');
    const l = await ledger(api, eventId);
    const refunds = l.payments.filter((p) => p.kind === 'REFUND' && p.status === 'RECORDED');
    expect(refunds).toHaveLength(ok.length);
    expect(refunds.reduce((s, r) => s + r.amountCents, 0)).toBeLessThanOrEqual(10_000);
    expect(refunds.filter((r) => r.refundOf === a.id).reduce((s, r) => s + r.amountCents, 0)).toBeLessThanOrEqual(5_000);
    expect(l.payments.find((p) => p.id === a.id).refundedCents ?? 0).toBe(refunds.filter((r) => r.refundOf === a.id).reduce((s, r) => s + r.amountCents, 0));
    expect(l.entry(email).paidCents).toBeGreaterThanOrEqual(0);
    expectSums(l, expect);
  });

  it('is one refund for one idempotency key, however often it is sent', async () => {
    const eventId = await newEvent(api);
    const email = mail(4);
    await book(api, eventId, email);
    await pay(api, eventId, email, 5_000);
    const results = await Promise.all(Array.from({ length: 8 }, () => refund(api, { eventId, patronEmail: email, amountCents: 1_000, idempotencyKey: 'once-' + eventId })));
    const again = await refund(api, { eventId, patronEmail: email, amountCents: 1_000, idempotencyKey: 'once-' + eventId });
    expect(again.errors).toBeUndefined();
    for (const r of results) if (r.errors) expect(r.errors[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { retryable: true } });
    const l = await ledger(api, eventId);
    expect(l.payments.filter((p) => p.kind === 'REFUND')).toHaveLength(1);
    expect(l.entry(email).paidCents).toBe(4_000);
  });

  it('refuses voiding a payment its refunds name; voiding a refund takes the money back onto what was paid', async () => {
    const eventId = await newEvent(api);
    const email = mail(5);
    await book(api, eventId, email);
    const p = await pay(api, eventId, email, 5_000);
    const r = (await refund(api, { eventId, patronEmail: email, amountCents: 2_000, refundOf: p.id })).data!.refundPayment;
    const voidPayment = await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: p.id, reason: 'wrong' });
    expect(voidPayment.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'REFUNDED' } });
    const voidRefund = await api.gql(api.tokens.admin, VOID_PAYMENT, { eventId, paymentId: r.id, reason: 'never handed over' });
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

describe('cancelEvent', () => {
  it('marks the sailing cancelled, notifies each patron (recorded on their entry) and refuses new payments, bookings and check-ins', async () => {
    const eventId = await newEvent(api);
    const [a, b] = [mail(10), mail(11)];
    await book(api, eventId, a);
    await book(api, eventId, b);
    const res = await api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'Gale warning' });
    expect(res.errors).toBeUndefined();
    const c = res.data!.cancelEvent;
    expect(c.event).toMatchObject({ status: 'CANCELLED', cancelReason: 'Gale warning' });
    expect(c.notices.map((n: any) => [n.email, n.status]).sort()).toEqual([[a, 'SENT'], [b, 'SENT']].sort());
    expect(c.unnotified).toBe(0);
    expect((await sesMessages(a))[0]!.subject).toMatch(/^Cancelled: /);
    const l = await ledger(api, eventId);
    expect(l.entry(a).cancelNoticeStatus).toBe('SENT');
    const payment = await api.gql(api.tokens.crew, LOG_PAYMENT, { input: { idempotencyKey: 'after-cancel-' + eventId, eventId, patronEmail: a, amountCents: 100, method: 'CASH' } });
    expect(payment.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
    const booking = await api.gql(api.tokens.admin, ADD_PATRON, { input: { eventId, email: mail(12), name: 'Late' } });
    expect(booking.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
    const boarding = await api.gql(api.tokens.crew, CHECK_IN, { eventId, email: a, person: 'patron' });
    expect(boarding.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
    const twice = await api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'again' });
    expect(twice.errors?.[0]?.errorType).toBe('Conflict');
    const retry = await api.gql(api.tokens.admin, NOTIFY_CANCELLATION, { eventId });
    expect(retry.data!.notifyCancellation).toMatchObject({ notices: [], unnotified: 0 });
  });

  it('lets one of two concurrent cancellations win, with one audit record of it', async () => {
    const eventId = await newEvent(api);
    await book(api, eventId, mail(13));
    const results = await Promise.all([1, 2, 3].map(() => api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'Fog' })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const audits = (await scanAll(api.tableName)).filter((i) => i.PK?.S === `AUDIT#${eventId}` && i.operation?.S === 'cancelEvent');
    // one record of the cancellation, and one of the one patron's notice
    expect(audits.filter((a) => a.after?.M?.status?.S === 'CANCELLED')).toHaveLength(1);
    expect(audits).toHaveLength(2);
  });

  it('keeps a payment racing the cancellation either recorded before it or refused, never lost from the totals', async () => {
    const eventId = await newEvent(api);
    const email = mail(14);
    await book(api, eventId, email);
    await Promise.all([
      api.gql(api.tokens.admin, CANCEL, { eventId, reason: 'Squall' }),
      ...Array.from({ length: 5 }, (_, i) => api.gql(api.tokens.crew, LOG_PAYMENT, { input: { idempotencyKey: `race-${i}-${eventId}`, eventId, patronEmail: email, amountCents: 100, method: 'CASH' } })),
    ]);
    expectSums(await ledger(api, eventId), expect);
  });
});

describe('rebookPatron', () => {
  it('moves the patron and their payments and refunds to another sailing in one transaction, totals summing on both', async () => {
    const from = await newEvent(api);
    const to = await newEvent(api, 10, 12_000);
    const email = mail(20);
    await book(api, from, email, 2);
    const p = await pay(api, from, email, 8_000, 'CHECK');
    await refund(api, { eventId: from, patronEmail: email, amountCents: 1_000, refundOf: p.id });
    await api.gql(api.tokens.admin, CANCEL, { eventId: from, reason: 'Engine' });
    const res = await api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: to });
    expect(res.errors).toBeUndefined();
    const moved = res.data!.rebookPatron;
    expect(moved.from).toMatchObject({ status: 'MOVED', movedTo: to });
    expect(moved.to).toMatchObject({ eventId: to, movedFrom: from, partySize: 2, amountDueCents: 20_000, paidCents: 7_000, balanceCents: 13_000 });
    const copy = moved.payments.find((x: any) => x.movedFromPaymentId === p.id);
    expect(copy).toMatchObject({ status: 'RECORDED', amountCents: 8_000, method: 'CHECK', loggedAt: p.loggedAt, receivedAt: p.receivedAt, movedFrom: from, refundedCents: 1_000 });
    expect(moved.payments.find((x: any) => x.kind === 'REFUND').refundOf).toBe(copy.id);
    const left = await ledger(api, from);
    expect(left.event).toMatchObject({ paidCents: 0, dueCents: 0, headCount: 0, rosterCount: 0 });
    expect(left.payments.every((x) => x.status === 'MOVED' && x.movedTo === to)).toBe(true);
    expectSums(left, expect);
    const joined = await ledger(api, to);
    expect(joined.event).toMatchObject({ paidCents: 7_000, dueCents: 20_000, headCount: 2 });
    expectSums(joined, expect);
    // The patron's history as the CSV (dashboard and bookkeeping script) writes it: net_amount sums to what they paid, net.
    const history = await api.gql(api.tokens.accounting, `query($email: AWSEmail!) { paymentsByPatron(email: $email, limit: 100) { items { ${REFUND_FIELDS} } } }`, { email });
    const csv = readCsv(paymentsCsv(history.data!.paymentsByPatron.items));
    const net = csv.slice(1).map((line) => line[PAYMENT_CSV_COLUMNS.indexOf('net_amount')]!);
    expect(csv).toHaveLength(5);
    expect(net.reduce((sum, cell) => sum + Math.round(Number(cell) * 100), 0)).toBe(7_000);
    const again = await api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: to });
    expect(again.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'PATRON_MOVED' } });
    const pays = await api.gql(api.tokens.crew, LOG_PAYMENT, { input: { idempotencyKey: 'moved-' + from, eventId: from, patronEmail: email, amountCents: 100, method: 'CASH' } });
    expect(pays.errors?.[0]?.errorType).toBe('Conflict');
  });

  it('respects the capacity of the sailing joined, and refuses a cancelled one', async () => {
    const from = await newEvent(api);
    const full = await newEvent(api, 2);
    const email = mail(21);
    await book(api, from, email, 3);
    const res = await api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: full });
    expect(res.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'NO_ROOM' } });
    const cancelled = await newEvent(api);
    await api.gql(api.tokens.admin, CANCEL, { eventId: cancelled, reason: 'x' });
    const onto = await api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: cancelled });
    expect(onto.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'EVENT_CANCELLED' } });
  });

  it('moves three patrons at once onto two places: two fit, the third is refused, and nobody is half-moved', async () => {
    const from = await newEvent(api);
    const to = await newEvent(api, 2);
    const emails = [mail(30), mail(31), mail(32)];
    for (const e of emails) {
      await book(api, from, e);
      await pay(api, from, e, 2_000);
    }
    const results = await Promise.all(emails.map((email) => api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: to })));
    expect(results.filter((r) => !r.errors).length).toBeLessThanOrEqual(2);
    const [a, b] = [await ledger(api, from), await ledger(api, to)];
    expectSums(a, expect);
    expectSums(b, expect);
    expect(a.event.paidCents + b.event.paidCents).toBe(6_000);
    expect(b.event.headCount).toBeLessThanOrEqual(2);
  });

  it('keeps refunds racing a move either before it (and moved) or refused: no money lost or given back twice', async () => {
    const from = await newEvent(api);
    const to = await newEvent(api);
    const email = mail(33);
    await book(api, from, email);
    await pay(api, from, email, 9_000);
    await Promise.all([
      api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: to }),
      ...Array.from({ length: 4 }, () => refund(api, { eventId: from, patronEmail: email, amountCents: 1_000 })),
    ]);
    const [a, b] = [await ledger(api, from), await ledger(api, to)];
    expectSums(a, expect);
    expectSums(b, expect);
    const refunded = [...a.payments, ...b.payments].filter((p) => p.kind === 'REFUND' && p.status === 'RECORDED').reduce((s, p) => s + p.amountCents, 0);
    expect(a.event.paidCents + b.event.paidCents).toBe(9_000 - refunded);
  });

  it('refuses, clearly and writing nothing, a patron with more payments than one transaction can move', async () => {
    const from = await newEvent(api, 50, 100_000);
    const to = await newEvent(api);
    const email = mail(34);
    await book(api, from, email);
    for (let i = 0; i < 48; i += 1) await pay(api, from, email, 100);
    const res = await api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: to });
    expect(res.errors?.[0]?.errorType).toBe('ValidationError');
    expect(res.errors?.[0]?.message).toContain('at most 47');
    const l = await ledger(api, from);
    expect(l.entry(email).status).toBeNull();
    expect(l.event.paidCents).toBe(4_800);
  });
});
