import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-outbox-status';
import type { SccOutboxStatus } from '../../../src/components/scc-outbox-status';
import { ApiError } from '../../../src/graphql/errors';
import type { DataClient } from '../../../src/graphql/client';
import type { LogPaymentInput } from '../../../src/graphql/types';
import { Outbox } from '../../../src/lib/offline/outbox';
import { connectionApi, fixtureWith, memoryApi, samplePayment, stored, user } from './support/fixtures';

const EVENT = '2025-07-04-fireworks-sail';

async function phoneWith(...payments: Array<[cents: number, owner?: string]>) {
  const box = new Outbox(`scc-outbox-test-${crypto.randomUUID()}`);
  for (const [cents, owner] of payments) {
    const input: LogPaymentInput = {
      idempotencyKey: crypto.randomUUID(),
      eventId: EVENT,
      patronEmail: 'jo@example.com',
      amountCents: cents,
      method: 'CASH',
    };
    await box.add({
      key: input.idempotencyKey,
      owner: owner ?? 'crew@example.com',
      input,
      patronName: 'Jo March',
      eventTitle: 'Fireworks Sail',
      receipt: false,
    });
  }
  return box;
}

async function statusOf(box: Outbox, api: DataClient) {
  const { el } = await fixtureWith<SccOutboxStatus>(html`<scc-outbox-status .box=${box}></scc-outbox-status>`, {
    user: user('CREW'),
    api,
  });
  return el;
}

const text = (el: SccOutboxStatus) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const dismissButtons = (el: SccOutboxStatus) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.textContent === 'Dismiss');

describe('scc-outbox-status', () => {
  it('shows nothing while nothing waits', async () => {
    const el = await statusOf(await phoneWith(), memoryApi());
    await el.updateComplete;
    expect(el.hidden).toBe(true);
    expect(text(el).trim()).toBe('');
  });

  it('says how many payments wait for signal, lists them, and sends them when the connection returns', async () => {
    const box = await phoneWith([2500], [1000], [500, 'admin@example.com']);
    const { api, state } = connectionApi();
    const el = await statusOf(box, api);
    await waitUntil(() => text(el).includes('2 payments waiting for signal'), 'count shown', { timeout: 5000 });
    expect(text(el)).toContain('$25.00 cash from Jo March, Fireworks Sail');
    expect(text(el)).toContain('$10.00 cash from Jo March');
    // Another person's payment on this phone is theirs to see and send.
    expect(text(el)).not.toContain('$5.00');
    state.offline = false;
    const logged = oneEvent(el, 'scc-payment-logged');
    window.dispatchEvent(new Event('online'));
    expect((await logged).detail.payment.amountCents).toBe(2500);
    await waitUntil(() => !text(el).includes('waiting for signal'), 'nothing waits', { timeout: 5000 });
    expect(text(el)).toContain('Recorded: $25.00 cash from Jo March');
    expect(text(el)).toContain('Recorded: $10.00 cash from Jo March');
    expect(
      api.calls.filter((c) => c.method === 'logPayment').map((c) => (c.args[0] as LogPaymentInput).amountCents),
    ).toEqual([2500, 1000]);
    dismissButtons(el)[0].click();
    await waitUntil(() => !text(el).includes('$25.00'), 'first outcome dismissed');
    dismissButtons(el)[0].click();
    await waitUntil(() => el.hidden, 'nothing left to show');
  });

  it('sends what waited as soon as the app has started', async () => {
    const box = await phoneWith([2500]);
    const api = memoryApi();
    const el = await statusOf(box, api);
    await waitUntil(() => text(el).includes('Recorded: $25.00'), 'sent at start', { timeout: 5000 });
  });

  it('shows a payment refused on arrival, with what to do, until its person dismisses it', async () => {
    const box = await phoneWith([6500], [1000]);
    const api = memoryApi({
      logPayment: async (input) => {
        if (input.amountCents === 6500) throw new ApiError('Conflict', 'Amount exceeds the balance due of $40.00.');
        return samplePayment({ ...stored(input), id: 'p2' });
      },
    });
    const stale = new Promise((resolve) => document.addEventListener('scc-data-stale', resolve, { once: true }));
    const el = await statusOf(box, api);
    await waitUntil(() => text(el).includes('Not recorded'), 'refusal shown', { timeout: 5000 });
    await stale;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!.textContent!.replace(/\s+/g, ' ');
    expect(alert).toContain(
      'Not recorded: $65.00 cash from Jo March, Fireworks Sail was refused when it arrived (Amount exceeds the balance due of $40.00.)',
    );
    expect(alert).toContain('check what they owe now, and log that amount if they still owe it');
    expect(text(el)).toContain('Recorded: $10.00');
    // Sending again changes nothing: a refusal is final, and stays on screen.
    el.send();
    await box.flush(api, 'crew@example.com');
    expect(api.calls.filter((c) => c.method === 'logPayment')).toHaveLength(2);
    expect(text(el)).toContain('Not recorded');
    const [refusal] = dismissButtons(el);
    expect(refusal.getAttribute('aria-label')).toBe('Dismiss the outcome of $65.00 from Jo March');
    refusal.click();
    await waitUntil(() => !text(el).includes('Not recorded'), 'dismissed');
    expect((await box.entries('crew@example.com')).map((e) => e.state)).toEqual(['sent']);
  });

  it('sends within 2 s of the browser saying `online`, even when the try right after it still fails', async () => {
    const box = await phoneWith([2500]);
    const { api, state } = connectionApi();
    const el = await statusOf(box, api);
    const attempts = async () => (await box.entries('crew@example.com'))[0]!.attempts;
    await waitUntil(async () => (await attempts()) >= 1, 'tried once on start', { timeout: 5000 });
    const before = await attempts();
    // The browser says `online` before a request can get through: the send it starts fails.
    window.dispatchEvent(new Event('online'));
    await waitUntil(async () => (await attempts()) > before, 'the try on `online` failed');
    state.offline = false;
    const started = performance.now();
    await waitUntil(() => text(el).includes('Recorded: $25.00'), 'sent by a quick second try', { timeout: 2000 });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('tries again by itself while payments wait and signal is back', async () => {
    const box = await phoneWith([2500]);
    const { api, state } = connectionApi();
    const { el } = await fixtureWith<SccOutboxStatus>(
      html`<scc-outbox-status .box=${box} retryEvery="200"></scc-outbox-status>`,
      { user: user('CREW'), api },
    );
    await waitUntil(() => text(el).includes('1 payment waiting for signal'), 'waiting', { timeout: 5000 });
    // The connection is back but the browser never said so (no `online` event).
    state.offline = false;
    await waitUntil(() => text(el).includes('Recorded: $25.00'), 'sent by the periodic retry', { timeout: 5000 });
  });

  it('is accessible', async () => {
    const box = await phoneWith([2500], [6500]);
    const api = memoryApi({
      logPayment: async () => {
        throw new ApiError('Conflict', 'Amount exceeds the balance due.');
      },
    });
    const el = await statusOf(box, api);
    await waitUntil(() => text(el).includes('Not recorded'), 'refusal shown', { timeout: 5000 });
    await chai(el).to.be.accessible();
  });
});
