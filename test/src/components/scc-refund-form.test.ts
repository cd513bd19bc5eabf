import { html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../../src/components/scc-refund-form';
import { refundOfPayment, type SccRefundForm } from '../../../src/components/scc-refund-form';
import { ApiError } from '../../../src/graphql/errors';
import type { RefundPaymentInput } from '../../../src/graphql/types';
import { fixtureWith, memoryApi, samplePayment, user } from './support/fixtures';
import { control, invalidIds, messageOf, overflowing, unlabelled } from './support/forms';

type Api = ReturnType<typeof memoryApi>;
// $25 card payment of which $10 was already refunded: $15 remains.
const paid = samplePayment({ id: 'p-1', amountCents: 2500, method: 'CARD', refundedCents: 1000 });

async function open(api: Api = memoryApi(), group: 'ADMINS' | 'ACCOUNTING' = 'ACCOUNTING') {
  const { el } = await fixtureWith<SccRefundForm>(html`<scc-refund-form></scc-refund-form>`, {
    user: user(group),
    api,
  });
  await el.show(refundOfPayment(paid));
  return el;
}

const root = (el: SccRefundForm) => el.shadowRoot!;
const text = (el: SccRefundForm) => root(el).textContent!.replace(/\s+/g, ' ');
const submit = (el: SccRefundForm) => root(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
const refundsSent = (api: Api) =>
  api.calls.filter((c) => c.method === 'refundPayment').map((c) => c.args[0] as RefundPaymentInput);

describe('scc-refund-form', () => {
  it('defaults to what remains refundable of the payment, in its method, with labelled controls', async () => {
    const el = await open();
    expect(control(root(el), 'amount').value).toBe('15.00');
    expect(control(root(el), 'method').value).toBe('CARD');
    expect(unlabelled(root(el))).toEqual([]);
  });

  it('requires a reason and refuses more than remains, sending nothing', async () => {
    const api = memoryApi();
    const el = await open(api);
    control(root(el), 'amount').value = '15.01';
    submit(el);
    await waitUntil(() => invalidIds(root(el)).length === 2, 'both refused');
    expect(invalidIds(root(el))).toEqual(['amount', 'reason']);
    expect(messageOf(root(el), 'amount')).toBe('At most $15.00 remains to refund.');
    expect(messageOf(root(el), 'reason')).toBe('Say why the money is given back.');
    expect(root(el).activeElement?.id).toBe('amount');
    expect(refundsSent(api)).toEqual([]);
  });

  it('refunds part of the payment once, with one key per opening, then offers an admin the refund receipt', async () => {
    const api = memoryApi();
    const el = await open(api, 'ADMINS');
    control(root(el), 'amount').value = '5';
    control(root(el), 'reason').value = 'Skipped the second leg';
    const logged = oneEvent(el, 'scc-payment-logged');
    submit(el);
    submit(el);
    expect((await logged).detail.payment.kind).toBe('REFUND');
    expect(refundsSent(api)).toEqual([
      {
        idempotencyKey: el.idempotencyKey,
        eventId: paid.eventId,
        patronEmail: paid.patronEmail,
        amountCents: 500,
        method: 'CARD',
        reason: 'Skipped the second leg',
        refundOf: 'p-1',
      },
    ]);
    await waitUntil(() => text(el).includes('Refunded $5.00 to Jo March'), 'result shown');
    const email = [...root(el).querySelectorAll('button')].find((b) =>
      b.textContent!.includes('Email refund receipt'),
    )!;
    email.click();
    await waitUntil(() => text(el).includes('Refund receipt sent to jo@example.com'), 'receipt sent');
    expect(api.calls.find((c) => c.method === 'notifyPatron')!.args).toEqual([paid.eventId, 'new-refund']);
    const firstKey = el.idempotencyKey;
    await el.show(refundOfPayment(paid));
    expect(el.idempotencyKey).not.toBe(firstKey);
    expect(text(el)).not.toContain('Refunded');
  });

  it("sends what the screen read of an event's payment (name, start, refunds so far), so the server writes at once", async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccRefundForm>(html`<scc-refund-form></scc-refund-form>`, {
      user: user('ADMINS'),
      api,
    });
    await el.show(refundOfPayment(paid, '2037-06-20T18:00:00.000Z'));
    control(root(el), 'amount').value = '5';
    control(root(el), 'reason').value = 'Weather';
    submit(el);
    await waitUntil(() => refundsSent(api).length === 1, 'refund sent');
    expect(refundsSent(api)[0]).toMatchObject({
      refundOf: 'p-1',
      patronName: paid.patronName,
      eventStartsAt: '2037-06-20T18:00:00.000Z',
      refundOfRefundedCents: 1000,
    });
  });

  it('says why a refusal happened and makes the views reload', async () => {
    const api = memoryApi({
      refundPayment: async () => {
        throw new ApiError('Conflict', 'more than paid');
      },
    });
    const el = await open(api);
    control(root(el), 'reason').value = 'weather';
    const stale = oneEvent(el, 'scc-data-stale');
    submit(el);
    await stale;
    await waitUntil(() => root(el).querySelector('[role=alert]'), 'refusal shown');
    expect(root(el).querySelector('[role=alert]')!.textContent).toContain('more than remains to refund');
  });

  it('shows a server refusal of one field on that field', async () => {
    const api = memoryApi({
      refundPayment: async () => {
        throw new ApiError('ValidationError', 'reason must not be empty.');
      },
    });
    const el = await open(api);
    control(root(el), 'reason').value = 'x';
    submit(el);
    await waitUntil(() => invalidIds(root(el)).includes('reason'), 'reason refused');
    expect(messageOf(root(el), 'reason')).toBe('Reason must not be empty.');
  });

  it('fits a 375 px phone', async () => {
    await page.viewport(375, 700);
    const el = await open();
    expect(overflowing(root(el))).toEqual([]);
  });

  describe('"Refund all", one refund per payment', () => {
    const parts = [
      { refundOf: 'p-cash', method: 'CASH' as const, cents: 2000, receivedAt: '2025-06-01T16:00:00.000Z' },
      { refundOf: 'p-card', method: 'CARD' as const, cents: 3000, receivedAt: '2025-06-02T16:00:00.000Z' },
    ];
    async function openAll(api: Api = memoryApi()) {
      const { el } = await fixtureWith<SccRefundForm>(html`<scc-refund-form></scc-refund-form>`, {
        user: user('ADMINS'),
        api,
      });
      await el.show({
        eventId: paid.eventId,
        patronEmail: 'jo@example.com',
        patronName: 'Jo March',
        refundableCents: 5000,
        parts,
      });
      return el;
    }

    it('labels each payment’s method, set to how it came in, and fits a phone', async () => {
      await page.viewport(375, 700);
      const el = await openAll();
      expect([...root(el).querySelectorAll('select')].map((s) => s.value)).toEqual(['CASH', 'CARD']);
      expect(unlabelled(root(el))).toEqual([]);
      expect(overflowing(root(el))).toEqual([]);
    });

    it('refunds each in the method chosen; after one is refused, trying again replays the first (same key) rather than refunding it twice', async () => {
      let refuse = true;
      const api = memoryApi({
        refundPayment: async (input) => {
          if (input.refundOf === 'p-card' && refuse) throw new ApiError('Network', 'offline');
          return samplePayment({
            id: `r-${input.idempotencyKey}`,
            amountCents: input.amountCents,
            method: input.method,
            kind: 'REFUND',
          });
        },
      });
      const el = await openAll(api);
      control(root(el), 'method-1').value = 'CHECK';
      control(root(el), 'reason').value = 'gale';
      submit(el);
      await waitUntil(() => root(el).querySelector('[role=alert]'), 'second refused');
      expect(text(el)).toContain('1 of 2 refunds recorded ($20.00); the next was refused.');
      refuse = false;
      submit(el);
      await waitUntil(
        () => text(el).includes('Refunded $50.00 to Jo March, in 2 refunds: $20.00 cash, $30.00 check'),
        'both refunded',
      );
      const sent = refundsSent(api);
      expect(sent.map((r) => [r.refundOf, r.method, r.amountCents])).toEqual([
        ['p-cash', 'CASH', 2000],
        ['p-card', 'CHECK', 3000],
        ['p-cash', 'CASH', 2000],
        ['p-card', 'CHECK', 3000],
      ]);
      // Each refund has its key, the same on each attempt: the server answers the first again.
      expect(sent[2]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
      expect(sent[3]!.idempotencyKey).toBe(sent[1]!.idempotencyKey);
      expect(sent[0]!.idempotencyKey).not.toBe(sent[1]!.idempotencyKey);
    });
  });

  it("offers accounting no receipt to email, since notifyPatron is crew's and admins' (and says who can); an admin gets the button", async () => {
    for (const group of ['ACCOUNTING', 'ADMINS'] as const) {
      const api = memoryApi();
      const el = await open(api, group);
      control(root(el), 'amount').value = '5';
      control(root(el), 'reason').value = 'Skipped the second leg';
      submit(el);
      await waitUntil(() => text(el).includes('Refunded $5.00 to Jo March'), 'result shown');
      const email = [...root(el).querySelectorAll('button')].find((b) =>
        b.textContent!.includes('Email refund receipt'),
      );
      if (group === 'ACCOUNTING') {
        expect(email).toBeUndefined();
        expect(text(el)).toContain('Crew or an admin can email the refund receipt');
      } else {
        expect(email).toBeDefined();
      }
    }
  });
});
