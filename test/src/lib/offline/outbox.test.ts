import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../src/graphql/errors';
import type { LogPaymentInput, Payment } from '../../../../src/graphql/types';
import { Outbox, type OutboxEntry } from '../../../../src/lib/offline/outbox';
import { connectionApi, memoryApi, samplePayment, stored } from '../../components/support/fixtures';

const OWNER = 'crew@example.com';

/** A fresh outbox database per test, as a fresh phone has. */
const freshOutbox = () => new Outbox(`scc-outbox-test-${crypto.randomUUID()}`);

function input(amountCents: number, over: Partial<LogPaymentInput> = {}): LogPaymentInput {
  return {
    idempotencyKey: crypto.randomUUID(),
    eventId: '2025-07-04-fireworks-sail',
    patronEmail: 'jo@example.com',
    amountCents,
    method: 'CASH',
    ...over,
  };
}

function queue(box: Outbox, payment: LogPaymentInput, owner = OWNER) {
  return box.add({
    key: payment.idempotencyKey,
    owner,
    input: payment,
    patronName: 'Jo March',
    eventTitle: 'Fireworks Sail',
    receipt: false,
  });
}

/**
 * A server that behaves as logPayment does: idempotent on the key (a replay answers the payment
 * recorded first), refusing more than the balance. `recorded` is its ledger.
 */
function ledgerServer(balanceCents: number, delayMs = 0) {
  const recorded = new Map<string, Payment>();
  const state = { balanceCents };
  const api = memoryApi({
    logPayment: async (payment) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const earlier = recorded.get(payment.idempotencyKey);
      if (earlier) return earlier;
      if (payment.amountCents > state.balanceCents)
        throw new ApiError('Conflict', `Amount exceeds the balance due of $${state.balanceCents / 100}.`);
      state.balanceCents -= payment.amountCents;
      const made = samplePayment({ ...stored(payment), id: `p${recorded.size + 1}` });
      recorded.set(payment.idempotencyKey, made);
      return made;
    },
  });
  return { api, recorded, state };
}

const states = (entries: OutboxEntry[]) => entries.map((e) => [e.input.amountCents, e.state]);

describe('the outbox', () => {
  it('sends waiting payments in the order they were entered, and keeps each outcome until it is dismissed', async () => {
    const box = freshOutbox();
    const server = ledgerServer(10_000);
    for (const cents of [1000, 2000, 3000]) await queue(box, input(cents));
    await box.flush(server.api, OWNER);
    expect([...server.recorded.values()].map((p) => p.amountCents)).toEqual([1000, 2000, 3000]);
    const entries = await box.entries(OWNER);
    expect(states(entries)).toEqual([
      [1000, 'sent'],
      [2000, 'sent'],
      [3000, 'sent'],
    ]);
    expect(entries[0].payment?.id).toBe('p1');
    await box.dismiss(entries[0].key);
    expect(states(await box.entries(OWNER))).toEqual([
      [2000, 'sent'],
      [3000, 'sent'],
    ]);
  });

  it('keeps a payment that got no answer first in line, and the ones behind it wait too', async () => {
    const box = freshOutbox();
    const { api, state } = connectionApi();
    const payments = [input(1000), input(2000)];
    for (const p of payments) await queue(box, p);
    await box.flush(api, OWNER);
    const waiting = await box.entries(OWNER);
    expect(waiting.map((e) => [e.state, e.attempts, e.lastError])).toEqual([
      ['waiting', 1, 'Network'],
      ['waiting', 0, undefined],
    ]);
    state.offline = false;
    await box.flush(api, OWNER);
    const sent = api.calls.filter((c) => c.method === 'logPayment').map((c) => c.args[0]);
    expect(sent).toEqual(payments);
    expect(states(await box.entries(OWNER))).toEqual([
      [1000, 'sent'],
      [2000, 'sent'],
    ]);
  });

  it('keeps a payment refused on arrival with the server’s reason, and sends the next one', async () => {
    const box = freshOutbox();
    const server = ledgerServer(5000);
    await queue(box, input(4000));
    await queue(box, input(2000));
    await queue(box, input(1000));
    await box.flush(server.api, OWNER);
    const entries = await box.entries(OWNER);
    expect(states(entries)).toEqual([
      [4000, 'sent'],
      [2000, 'refused'],
      [1000, 'sent'],
    ]);
    expect(entries[1].refusal).toEqual({ kind: 'Conflict', detail: 'Amount exceeds the balance due of $10.' });
  });

  it('sends again, under the same key, a payment whose answer was lost, and the server records it once', async () => {
    const box = freshOutbox();
    const server = ledgerServer(10_000);
    let loseAnswer = true;
    const flaky = memoryApi({
      // The request reaches the server and is recorded; the answer never comes back (the page was
      // reloaded, the phone locked, the signal dropped).
      logPayment: async (payment) => {
        const made = await server.api.logPayment(payment);
        if (loseAnswer) throw new TypeError('Failed to fetch');
        return made;
      },
    });
    const payment = input(2500);
    await queue(box, payment);
    await box.flush(flaky, OWNER);
    expect(states(await box.entries(OWNER))).toEqual([[2500, 'waiting']]);
    loseAnswer = false;
    await box.flush(flaky, OWNER);
    expect(states(await box.entries(OWNER))).toEqual([[2500, 'sent']]);
    expect(flaky.calls.map((c) => (c.args[0] as LogPaymentInput).idempotencyKey)).toEqual([
      payment.idempotencyKey,
      payment.idempotencyKey,
    ]);
    expect(server.recorded.size).toBe(1);
    expect(server.state.balanceCents).toBe(7500);
  });

  it('gives up waiting for an answer that never comes, keeps the payment, and sends it again later', async () => {
    const box = new Outbox(`scc-outbox-test-${crypto.randomUUID()}`, 100);
    const server = ledgerServer(10_000);
    let hang = true;
    const api = memoryApi({
      logPayment: (payment) => (hang ? new Promise<Payment>(() => undefined) : server.api.logPayment(payment)),
    });
    await queue(box, input(2500));
    await box.flush(api, OWNER);
    expect((await box.entries(OWNER)).map((e) => [e.state, e.lastError])).toEqual([['waiting', 'Network']]);
    hang = false;
    await box.flush(api, OWNER);
    expect(states(await box.entries(OWNER))).toEqual([[2500, 'sent']]);
  });

  it('emails the receipt asked for once the payment is recorded; a failed receipt leaves the payment recorded', async () => {
    const box = freshOutbox();
    const server = ledgerServer(10_000);
    const mailed: string[] = [];
    const api = memoryApi({
      logPayment: server.api.logPayment,
      notifyPatron: async (_eventId, paymentId) => {
        if (paymentId === 'p2') throw new ApiError('Unknown', 'mail server down');
        mailed.push(paymentId);
        return { paymentId, to: 'jo@example.com', status: 'SENT', messageId: 'm', error: null };
      },
    });
    for (const [cents, receipt] of [
      [1000, true],
      [2000, true],
      [500, false],
    ] as const) {
      const payment = input(cents);
      await box.add({
        key: payment.idempotencyKey,
        owner: OWNER,
        input: payment,
        patronName: 'Jo March',
        eventTitle: 'Fireworks Sail',
        receipt,
      });
    }
    await box.flush(api, OWNER);
    expect((await box.entries(OWNER)).map((e) => [e.state, e.receiptStatus])).toEqual([
      ['sent', 'SENT'],
      ['sent', 'FAILED'],
      ['sent', undefined],
    ]);
    expect(mailed).toEqual(['p1']);
    expect(server.recorded.size).toBe(3);
  });

  it('lets two tabs send at once without sending any entry twice', async () => {
    const name = `scc-outbox-test-${crypto.randomUUID()}`;
    const [tabA, tabB] = [new Outbox(name), new Outbox(name)];
    const server = ledgerServer(100_000, 15);
    for (let i = 1; i <= 5; i += 1) await queue(tabA, input(i * 100));
    await Promise.all([tabA.flush(server.api, OWNER), tabB.flush(server.api, OWNER)]);
    const sentKeys = server.api.calls
      .filter((c) => c.method === 'logPayment')
      .map((c) => (c.args[0] as LogPaymentInput).idempotencyKey);
    expect(sentKeys.length).toBe(5);
    expect(new Set(sentKeys).size).toBe(5);
    expect(states(await tabB.entries(OWNER)).every(([, s]) => s === 'sent')).toBe(true);
  });

  it('tells another tab of the same phone when an entry changes', async () => {
    const name = `scc-outbox-test-${crypto.randomUUID()}`;
    const [tabA, tabB] = [new Outbox(name), new Outbox(name)];
    let heard = 0;
    tabB.onChange(() => (heard += 1));
    await queue(tabA, input(1000));
    await expect.poll(() => heard).toBeGreaterThan(0);
    expect(states(await tabB.entries(OWNER))).toEqual([[1000, 'waiting']]);
  });

  it('queues one entry per key, sends only its owner’s, and never drops one still waiting', async () => {
    const box = freshOutbox();
    const server = ledgerServer(10_000);
    const payment = input(1000);
    await queue(box, payment);
    await queue(box, payment);
    await queue(box, input(2000), 'admin@example.com');
    await box.dismiss(payment.idempotencyKey);
    expect(states(await box.entries(OWNER))).toEqual([[1000, 'waiting']]);
    await box.flush(server.api, OWNER);
    expect([...server.recorded.values()].map((p) => p.amountCents)).toEqual([1000]);
    expect(states(await box.entries('admin@example.com'))).toEqual([[2000, 'waiting']]);
  });

  it('keeps waiting while the server is busy or the session has ended, since nothing settles it', async () => {
    for (const kind of ['Busy', 'SignedOut', 'Unknown'] as const) {
      const box = freshOutbox();
      await queue(box, input(1000));
      await box.flush(
        memoryApi({
          logPayment: async () => {
            throw new ApiError(kind, 'no');
          },
        }),
        OWNER,
      );
      expect((await box.entries(OWNER)).map((e) => [e.state, e.lastError])).toEqual([['waiting', kind]]);
    }
  });
});
