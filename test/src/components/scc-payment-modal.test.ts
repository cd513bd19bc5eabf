import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../../src/components/scc-payment-modal';
import type { SccPaymentModal } from '../../../src/components/scc-payment-modal';
import { ApiError } from '../../../src/graphql/errors';
import type { LogPaymentInput } from '../../../src/graphql/types';
import { formatDateTime } from '../../../src/lib/domain/dates';
import { clearSavedReads, eventKey, saveRead } from '../../../src/lib/offline/offline-store';
import { outbox } from '../../../src/lib/offline/outbox';
import {
  connectionApi,
  fixtureWith,
  memoryApi,
  sampleEntry,
  sampleEvent,
  samplePayment,
  stored,
  user,
} from './support/fixtures';

type Api = ReturnType<typeof memoryApi>;

async function openModal(api: Api, patronEmail = 'jo@example.com') {
  const { el } = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
    user: user('CREW'),
    api,
  });
  el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail });
  await waitUntil(
    () => el.shadowRoot!.querySelectorAll('option[value="jo@example.com"]').length === 1,
    'roster loaded',
  );
  await el.updateComplete;
  return el;
}

const $ = <T extends Element>(el: SccPaymentModal, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const text = (el: SccPaymentModal) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
/** The receipt's part of the result, its own element (scc-payment-receipt) inside the modal. */
const receipt = (el: SccPaymentModal) => el.shadowRoot!.querySelector('scc-payment-receipt')?.shadowRoot;
const receiptText = (el: SccPaymentModal) => receipt(el)?.textContent!.replace(/\s+/g, ' ') ?? '';

function fill(el: SccPaymentModal, amount: string, method = 'CASH') {
  $<HTMLInputElement>(el, 'input[name=amount]').value = amount;
  $<HTMLSelectElement>(el, 'select[name=method]').value = method;
}

function submit(el: SccPaymentModal) {
  $<HTMLButtonElement>(el, 'button[type=submit]').click();
}

describe('scc-payment-modal', () => {
  // Each test is a fresh phone: no roster saved earlier to fall back on.
  beforeEach(() => clearSavedReads());
  // And leaves this browser's outbox as it found it: what a test queued is sent, then dismissed.
  afterEach(async () => {
    await outbox().flush(memoryApi(), 'crew@example.com');
    for (const e of await outbox().entries('crew@example.com')) await outbox().dismiss(e.key);
  });

  it('pre-fills the patron it was opened for and shows what they owe', async () => {
    const el = await openModal(memoryApi());
    expect($<HTMLSelectElement>(el, 'select[name=patron]').value).toBe('jo@example.com');
    expect(text(el)).toContain('Still owes $75.00 of $100.00');
  });

  it('fills the amount with what the chosen patron still owes, and keeps an amount the person typed', async () => {
    const el = await openModal(memoryApi());
    const amount = $<HTMLInputElement>(el, 'input[name=amount]');
    expect(amount.value).toBe('75.00');
    expect(amount.placeholder).toBe('');
    amount.value = '10';
    amount.dispatchEvent(new Event('input'));
    el.requestUpdate();
    await el.updateComplete;
    expect(amount.value).toBe('10');
  });

  it('sends the typed amount as integer cents with the chosen method', async () => {
    const api = memoryApi();
    const el = await openModal(api);
    fill(el, '$25.5', 'CHECK');
    const logged = oneEvent(el, 'scc-payment-logged');
    submit(el);
    expect((await logged).detail.payment.id).toBe('new-payment');
    const input = api.calls.find((c) => c.method === 'logPayment')!.args[0] as LogPaymentInput;
    expect(input).toMatchObject({
      eventId: '2025-07-04-fireworks-sail',
      patronEmail: 'jo@example.com',
      amountCents: 2550,
      method: 'CHECK',
    });
    expect(input.idempotencyKey).toBe(el.idempotencyKey);
  });

  it('refuses an amount over the balance before sending anything', async () => {
    const api = memoryApi();
    const el = await openModal(api);
    fill(el, '80');
    submit(el);
    await el.updateComplete;
    expect(text(el)).toContain('That is more than the $75.00 Jo March still owes.');
    expect(api.calls.some((c) => c.method === 'logPayment')).toBe(false);
  });

  it('explains an amount it cannot read', async () => {
    const el = await openModal(memoryApi());
    fill(el, '25.5.5');
    submit(el);
    await el.updateComplete;
    expect($<HTMLInputElement>(el, 'input[name=amount]').getAttribute('aria-invalid')).toBe('true');
    expect(text(el)).toContain('Type an amount like 25, 25.50 or $1,250.00.');
  });

  it('disables submit while sending, so a double click logs once', async () => {
    let release!: () => void;
    const api = memoryApi({
      logPayment: (input) =>
        new Promise((resolve) => (release = () => resolve(samplePayment({ ...stored(input), id: 'p1' })))),
    });
    const el = await openModal(api);
    fill(el, '25');
    submit(el);
    submit(el);
    await el.updateComplete;
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).toBe(true);
    release();
    await oneEvent(el, 'scc-payment-logged');
    expect(api.calls.filter((c) => c.method === 'logPayment')).toHaveLength(1);
  });

  it('puts a payment it got no answer for into the outbox under its key, and says it is not yet recorded', async () => {
    const api = memoryApi({
      logPayment: async () => {
        throw new ApiError('Network', 'Failed to fetch');
      },
    });
    const el = await openModal(api);
    fill(el, '25');
    const queued = oneEvent(el, 'scc-payment-queued');
    submit(el);
    expect((await queued).detail).toEqual({ key: el.idempotencyKey, eventId: '2025-07-04-fireworks-sail' });
    await waitUntil(() => text(el).includes('is saved on this phone, not yet recorded'), 'queued shown');
    expect(text(el)).toContain('No signal: $25.00 cash from Jo March');
    expect(text(el)).not.toContain('Logged');
    const entry = (await outbox().entries('crew@example.com')).find((e) => e.key === el.idempotencyKey);
    expect(entry).toMatchObject({
      state: 'waiting',
      patronName: 'Jo March',
      eventTitle: 'Fireworks Sail',
      receipt: true,
      input: { idempotencyKey: el.idempotencyKey, amountCents: 2500, method: 'CASH', patronEmail: 'jo@example.com' },
    });
  });

  it('counts what already waits for signal from this patron against what they owe', async () => {
    const waiting = {
      idempotencyKey: crypto.randomUUID(),
      eventId: '2025-07-04-fireworks-sail',
      patronEmail: 'jo@example.com',
      amountCents: 5000,
      method: 'CASH' as const,
    };
    await outbox().add({
      key: waiting.idempotencyKey,
      owner: 'crew@example.com',
      input: waiting,
      patronName: 'Jo March',
      eventTitle: 'Fireworks Sail',
      receipt: false,
    });
    const api = memoryApi();
    const el = await openModal(api);
    await waitUntil(
      () => text(el).includes('Still owes $75.00 of $100.00 · $50.00 of it waits for signal'),
      'waiting shown',
    );
    fill(el, '30');
    submit(el);
    await waitUntil(
      () =>
        text(el).includes(
          'That is more than the $25.00 Jo March still owes once the $50.00 waiting for signal is recorded.',
        ),
      'refused',
    );
    expect(api.calls.some((c) => c.method === 'logPayment')).toBe(false);
    fill(el, '25');
    const logged = oneEvent(el, 'scc-payment-logged');
    submit(el);
    await logged;
  });

  it('shows a server refusal as an error and queues nothing', async () => {
    const api = memoryApi({
      logPayment: async () => {
        throw new ApiError('ValidationError', 'receivedAt is in the future');
      },
    });
    const el = await openModal(api);
    fill(el, '25');
    submit(el);
    await waitUntil(() => text(el).includes('receivedAt is in the future'), 'refusal shown');
    expect((await outbox().entries('crew@example.com')).some((e) => e.key === el.idempotencyKey)).toBe(false);
  });

  it('without signal, works from the roster this person saved on this phone, says when that was, and queues the payment', async () => {
    // Saved by an earlier page (the event page, before a reload): nothing of it is in memory.
    const savedAt = new Date('2026-11-30T09:05:00Z');
    await saveRead(
      'crew@example.com',
      eventKey('2025-07-04-fireworks-sail'),
      { event: sampleEvent(), roster: [sampleEntry()], walkUps: [] },
      savedAt,
    );
    const { api } = connectionApi();
    const { el } = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
      user: user('CREW'),
      api,
    });
    el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(() => text(el).includes('No signal. Balances as loaded'), 'stale roster marked', { timeout: 5000 });
    expect(text(el)).toContain(`Balances as loaded ${formatDateTime(savedAt.toISOString())};`);
    expect(text(el)).toContain('Still owes $75.00 of $100.00');
    expect($<HTMLButtonElement>(el, 'button[type=submit]').textContent!.trim()).toBe('Save for sending');
    fill(el, '80');
    submit(el);
    await waitUntil(
      () => text(el).includes('That is more than the $75.00 Jo March still owes.'),
      'known balance still checked',
    );
    fill(el, '25');
    submit(el);
    await waitUntil(() => text(el).includes('is saved on this phone, not yet recorded'), 'queued shown');
    expect((await outbox().entries('crew@example.com')).find((e) => e.key === el.idempotencyKey)?.state).toBe(
      'waiting',
    );
  });

  it('saves the roster it loaded, so the form still opens after the signal goes and the page is reloaded', async () => {
    const { api, state } = connectionApi();
    state.offline = false;
    const first = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
      user: user('CREW'),
      api,
    });
    first.el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(() => text(first.el).includes('Still owes $75.00 of $100.00'), 'roster loaded');
    expect(text(first.el)).not.toContain('No signal');
    first.el.remove();
    state.offline = true;
    const { el } = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
      user: user('CREW'),
      api,
    });
    el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(() => text(el).includes('No signal. Balances as loaded'), 'saved roster marked', { timeout: 5000 });
    expect(text(el)).toContain('Still owes $75.00 of $100.00');
  });

  it('without signal, never uses a roster another person saved on this phone', async () => {
    await saveRead('admin@example.com', eventKey('2025-07-04-fireworks-sail'), {
      event: sampleEvent(),
      roster: [sampleEntry()],
      walkUps: [],
    });
    const { api } = connectionApi();
    const { el } = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
      user: user('CREW'),
      api,
    });
    el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(
      () => text(el).includes('Could not load the patrons of this event. Cannot reach the server'),
      'load failed',
      { timeout: 5000 },
    );
    expect(text(el)).not.toContain('Still owes');
  });

  it('uses a new idempotency key for each opening', async () => {
    const el = await openModal(memoryApi());
    const first = el.idempotencyKey;
    el.close();
    el.show({ eventId: '2025-07-04-fireworks-sail' });
    expect(el.idempotencyKey).not.toBe(first);
  });

  it('says "over the balance" in words when the server refuses with Conflict', async () => {
    const api = memoryApi({
      logPayment: async () => {
        throw new ApiError('Conflict', 'amount exceeds balance');
      },
    });
    const el = await openModal(api);
    fill(el, '25');
    submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'error shown');
    expect(text(el)).toContain('more than the patron still owes');
  });

  it('says the payment is not confirmed, and safe to send again, when it collided with another change', async () => {
    const api = memoryApi({
      logPayment: async () => {
        throw new ApiError('Busy', 'try again');
      },
    });
    const el = await openModal(api);
    fill(el, '25');
    submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'error shown');
    expect(text(el)).toContain('the payment is not confirmed');
    expect(text(el)).toContain('it will not be logged twice');
    expect(text(el)).not.toContain('more than the patron still owes');
  });

  it('emails a receipt after logging and shows that it was sent', async () => {
    const api = memoryApi();
    const el = await openModal(api);
    fill(el, '25');
    submit(el);
    await waitUntil(() => receiptText(el).includes('Receipt sent to jo@example.com'), 'receipt sent');
    expect(api.calls.find((c) => c.method === 'notifyPatron')!.args).toEqual([
      '2025-07-04-fireworks-sail',
      'new-payment',
    ]);
  });

  it('sends no receipt when "Email a receipt" is unchecked', async () => {
    const api = memoryApi();
    const el = await openModal(api);
    fill(el, '25');
    $<HTMLInputElement>(el, 'input[name=receipt]').click();
    const logged = oneEvent(el, 'scc-payment-logged');
    submit(el);
    await logged;
    await waitUntil(() => text(el).includes('Logged $25.00 cash from Jo March.'), 'result shown');
    expect(api.calls.some((c) => c.method === 'notifyPatron')).toBe(false);
  });

  it('shows a failed receipt and sends it again on retry', async () => {
    let attempt = 0;
    const api = memoryApi({
      notifyPatron: async (eventId, paymentId) => {
        attempt += 1;
        return {
          paymentId,
          to: 'jo@example.com',
          status: attempt === 1 ? 'FAILED' : 'SENT',
          error: attempt === 1 ? 'mailbox full' : null,
        };
      },
    });
    const el = await openModal(api);
    fill(el, '25');
    submit(el);
    await waitUntil(() => receiptText(el).includes('The receipt was not sent'), 'failure shown');
    receipt(el)!.querySelector<HTMLButtonElement>('.row button')!.click();
    await waitUntil(() => receiptText(el).includes('Receipt sent to jo@example.com'), 'retry sent');
  });

  it('shows the latest balance after the server refuses a payment, and tells the other views to reload', async () => {
    let owes = 6500;
    const api = memoryApi({
      getEvent: async () => ({
        event: sampleEvent(),
        roster: [sampleEntry({ amountDueCents: 6500, paidCents: 6500 - owes, balanceCents: owes })],
        walkUps: [],
      }),
      logPayment: async () => {
        owes = 0; // another crew member logged the $65 a moment earlier
        throw new ApiError('Conflict', 'Amount exceeds the balance due of $0.00.');
      },
    });
    const el = await openModal(api);
    expect(text(el)).toContain('Still owes $65.00 of $65.00');
    fill(el, '65');
    const stale = oneEvent(el, 'scc-data-stale');
    submit(el);
    await stale;
    await waitUntil(() => text(el).includes('Still owes $0.00 of $65.00'), 'the latest balance shown');
    expect(text(el)).toContain('more than the patron still owes');
    expect(api.calls.filter((c) => c.method === 'getEvent')).toHaveLength(2);
  });

  it('offers Retry when the patrons cannot be loaded, and never asks to choose from an empty list', async () => {
    const { api, state } = connectionApi();
    const { el } = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
      user: user('CREW'),
      api,
    });
    el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(() => text(el).includes('Could not load the patrons of this event'), 'load failure shown', {
      timeout: 5000,
    });
    expect(text(el)).toContain('Cannot reach the server');
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).toBe(true);
    state.offline = false;
    $<HTMLButtonElement>(el, '.load-failed button').click();
    await waitUntil(() => text(el).includes('Still owes $75.00 of $100.00'), 'roster loaded on retry');
    expect(text(el)).not.toContain('Could not load');
    expect($<HTMLButtonElement>(el, 'button[type=submit]').disabled).toBe(false);
  });

  it('loads the patrons again by itself when the connection returns', async () => {
    const { api, state } = connectionApi();
    const { el } = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
      user: user('CREW'),
      api,
    });
    el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(() => text(el).includes('Could not load the patrons'), 'load failure shown', { timeout: 5000 });
    state.offline = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => text(el).includes('Still owes $75.00 of $100.00'), 'roster loaded when online');
  });

  it('loads the patrons again when reopened after a failure', async () => {
    const { api, state } = connectionApi();
    const { el } = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
      user: user('CREW'),
      api,
    });
    el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(() => text(el).includes('Could not load the patrons'), 'load failure shown', { timeout: 5000 });
    el.close();
    state.offline = false;
    el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(() => text(el).includes('Still owes $75.00 of $100.00'), 'roster loaded on reopening');
  });

  it('offers no patron of a cancelled sailing, which logPayment refuses, and points to its refunds', async () => {
    const api = memoryApi({
      getEvent: async () => ({
        event: sampleEvent({ status: 'CANCELLED', cancelReason: 'Gale warning' }),
        roster: [sampleEntry()],
        walkUps: [],
      }),
    });
    const { el } = await fixtureWith<SccPaymentModal>(html`<scc-payment-modal></scc-payment-modal>`, {
      user: user('CREW'),
      api,
    });
    el.show({ eventId: '2025-07-04-fireworks-sail', patronEmail: 'jo@example.com' });
    await waitUntil(() => text(el).includes('Sailing cancelled'), 'cancelled said');
    expect(text(el)).toContain('Sailing cancelled: it takes no payments. Money is given back as refunds on its page.');
    expect(el.shadowRoot!.querySelector('select[name=patron]')).toBeNull();
    expect(el.shadowRoot!.querySelector('button[type=submit]')).toBeNull();
    expect($<HTMLAnchorElement>(el, '[role=status] a').getAttribute('href')).toBe('/events/2025-07-04-fireworks-sail');
    await chai(el).to.be.accessible();
  });

  it('offers no patron moved to another sailing, and shows one who owes nothing as not to be chosen', async () => {
    const roster = [
      sampleEntry(),
      sampleEntry({ email: 'amy@example.com', name: 'Amy March', paidCents: 10000, balanceCents: 0 }),
      sampleEntry({ email: 'beth@example.com', name: 'Beth March', status: 'MOVED', movedTo: 'sail-2' }),
    ];
    const el = await openModal(memoryApi({ getEvent: async () => ({ event: sampleEvent(), roster, walkUps: [] }) }));
    const options = [...el.shadowRoot!.querySelectorAll<HTMLOptionElement>('select[name=patron] option')].slice(1);
    expect(options.map((o) => [o.value, o.disabled, o.textContent!.replace(/\s+/g, ' ').trim()])).toEqual([
      ['jo@example.com', false, 'Jo March (jo@example.com)'],
      ['amy@example.com', true, 'Amy March (amy@example.com) · owes nothing'],
    ]);
  });

  it('is accessible', async () => {
    const el = await openModal(memoryApi());
    await chai(el).to.be.accessible();
  });
});
