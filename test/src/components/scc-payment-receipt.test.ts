import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-payment-receipt';
import type { SccPaymentReceipt } from '../../../src/components/scc-payment-receipt';
import { fixtureWith, memoryApi, samplePayment, user } from './support/fixtures';

const text = (el: SccPaymentReceipt) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const sends = (api: ReturnType<typeof memoryApi>) =>
  api.calls.filter((c) => c.method === 'notifyPatron').map((c) => c.args);

describe('scc-payment-receipt', () => {
  it('emails the receipt of the payment it is given once, however often it renders, and tells the views', async () => {
    const api = memoryApi();
    const payment = samplePayment({ id: 'p1' });
    const { el } = await fixtureWith<SccPaymentReceipt>(html`<scc-payment-receipt></scc-payment-receipt>`, {
      user: user('CREW'),
      api,
    });
    const sent = oneEvent(el, 'scc-receipt-sent');
    el.payment = payment;
    const fired = await sent;
    expect(fired.detail.notification.status).toBe('SENT');
    expect(fired.composed).toBe(true);
    await waitUntil(() => text(el).includes('Receipt sent to jo@example.com.'), 'sent shown');
    el.requestUpdate();
    await el.updateComplete;
    expect(sends(api)).toEqual([[payment.eventId, 'p1']]);
  });

  it('emails the next payment’s receipt when given another payment', async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccPaymentReceipt>(
      html`<scc-payment-receipt .payment=${samplePayment({ id: 'p1' })}></scc-payment-receipt>`,
      { user: user('CREW'), api },
    );
    await waitUntil(() => sends(api).length === 1, 'first sent');
    el.payment = samplePayment({ id: 'p2' });
    await waitUntil(() => sends(api).length === 2, 'second sent');
    expect(sends(api).map(([, id]) => id)).toEqual(['p1', 'p2']);
  });

  it('is accessible', async () => {
    const { el } = await fixtureWith<SccPaymentReceipt>(
      html`<scc-payment-receipt .payment=${samplePayment()}></scc-payment-receipt>`,
      { user: user('CREW'), api: memoryApi() },
    );
    await waitUntil(() => text(el).includes('Receipt sent'), 'sent shown');
    await chai(el).to.be.accessible();
  });
});
