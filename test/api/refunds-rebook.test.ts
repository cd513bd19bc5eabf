/** rebookPatron end to end: a patron and their money moved to another sailing in one transaction. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_PAYMENT, startApi, type Api } from './support/harness';
import { paymentsCsv, PAYMENT_CSV_COLUMNS } from '../../src/lib/csv/payments-csv';
import {
  book,
  CANCEL,
  expectSums,
  ledger,
  mail,
  newEvent,
  pay,
  REBOOK,
  refund,
  REFUND_FIELDS,
} from './support/refunds';
import { readCsv } from '../support/csv';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
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
    expect(moved.to).toMatchObject({
      eventId: to,
      movedFrom: from,
      partySize: 2,
      amountDueCents: 20_000,
      paidCents: 7_000,
      balanceCents: 13_000,
    });
    const copy = moved.payments.find((x: any) => x.movedFromPaymentId === p.id);
    expect(copy).toMatchObject({
      status: 'RECORDED',
      amountCents: 8_000,
      method: 'CHECK',
      loggedAt: p.loggedAt,
      receivedAt: p.receivedAt,
      movedFrom: from,
      refundedCents: 1_000,
    });
    expect(moved.payments.find((x: any) => x.kind === 'REFUND').refundOf).toBe(copy.id);
    const left = await ledger(api, from);
    expect(left.event).toMatchObject({ paidCents: 0, dueCents: 0, headCount: 0, rosterCount: 0 });
    expect(left.payments.every((x) => x.status === 'MOVED' && x.movedTo === to)).toBe(true);
    expectSums(left, expect);
    const joined = await ledger(api, to);
    expect(joined.event).toMatchObject({ paidCents: 7_000, dueCents: 20_000, headCount: 2 });
    expectSums(joined, expect);
    // The patron's history as the CSV (dashboard and bookkeeping script) writes it: net_amount sums to what they paid, net.
    const history = await api.gql(
      api.tokens.accounting,
      `query($email: AWSEmail!) { paymentsByPatron(email: $email, limit: 100) { items { ${REFUND_FIELDS} } } }`,
      { email },
    );
    const csv = readCsv(paymentsCsv(history.data!.paymentsByPatron.items));
    const net = csv.slice(1).map((line) => line[PAYMENT_CSV_COLUMNS.indexOf('net_amount')]!);
    expect(csv).toHaveLength(5);
    expect(net.reduce((sum, cell) => sum + Math.round(Number(cell) * 100), 0)).toBe(7_000);
    const again = await api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: to });
    expect(again.errors?.[0]).toMatchObject({ errorType: 'Conflict', errorInfo: { reason: 'PATRON_MOVED' } });
    const pays = await api.gql(api.tokens.crew, LOG_PAYMENT, {
      input: { idempotencyKey: 'moved-' + from, eventId: from, patronEmail: email, amountCents: 100, method: 'CASH' },
    });
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
    const results = await Promise.all(
      emails.map((email) => api.gql(api.tokens.admin, REBOOK, { eventId: from, email, toEventId: to })),
    );
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
    const refunded = [...a.payments, ...b.payments]
      .filter((p) => p.kind === 'REFUND' && p.status === 'RECORDED')
      .reduce((s, p) => s + p.amountCents, 0);
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
