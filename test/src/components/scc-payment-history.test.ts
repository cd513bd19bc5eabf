import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../../src/components/scc-payment-history';
import type { SccPaymentHistory } from '../../../src/components/scc-payment-history';
import type { DataClient } from '../../../src/graphql/client';
import { ApiError } from '../../../src/graphql/errors';
import type { Page, Payment, PaymentSource } from '../../../src/graphql/types';
import type { Group } from '../../../src/lib/domain/roles';
import { paymentsCsv } from '../../../src/lib/csv/payments-csv';
import {
  connectionApi,
  deferred,
  failOffline,
  failWhileOfflineThenReconnect,
  fixtureWith,
  memoryApi,
  samplePayment,
  user,
} from './support/fixtures';
import { clearSavedReads, openSccDb, paymentsKey, savedRead } from '../../../src/lib/offline/offline-store';
import { formatDateTime } from '../../../src/lib/domain/dates';
import { readCsv } from '../../support/csv';

const source: PaymentSource = { kind: 'event', eventId: '2025-07-04-fireworks-sail' };
const older = samplePayment({ id: 'p-old', loggedAt: '2025-06-01T10:00:00.000Z', amountCents: 1000 });
const newer = samplePayment({ id: 'p-new', loggedAt: '2025-06-02T10:00:00.000Z', amountCents: 2000 });
const voided = samplePayment({
  id: 'p-void',
  loggedAt: '2025-05-01T10:00:00.000Z',
  amountCents: 3000,
  status: 'VOIDED',
  voidReason: 'entered twice',
  voidedBy: 'admin@example.com',
  voidedAt: '2025-05-02T10:00:00.000Z',
});

async function render(
  group: Group,
  api = memoryApi({ payments: async () => ({ items: [older, voided, newer], nextToken: null }) }),
) {
  const { el } = await fixtureWith<SccPaymentHistory>(
    html`<scc-payment-history .source=${source}></scc-payment-history>`,
    { user: user(group), api },
  );
  await waitUntil(() => el.shadowRoot!.querySelector('tbody'), 'payments shown');
  return { el, api };
}

/** The event's first page, from a connected API whose connection `state` can take away. */
async function renderPaged(payments: DataClient['payments'] = async (s, token) => pageOf(s, token)) {
  const { api, state } = connectionApi({ payments });
  state.offline = false;
  const { el } = await render('CREW', api);
  return { el, api, state };
}

const voidButtonOf = (el: SccPaymentHistory, i: number) =>
  el.shadowRoot!.querySelectorAll<HTMLButtonElement>('tbody button.danger')[i]!;
const rows = (el: SccPaymentHistory) => [...el.shadowRoot!.querySelectorAll('tbody tr')];
const failed = (el: SccPaymentHistory) => el.shadowRoot!.querySelector('.load-failed')?.textContent ?? '';
const olderButton = (el: SccPaymentHistory) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => /Show older|Loading/.test(b.textContent!));

/** The event's payments in three pages of one, newest first; any other source has one payment. */
const firstPages: Record<string, Page<Payment>> = {
  '': { items: [samplePayment({ id: 'p1', loggedAt: '2025-06-03T10:00:00.000Z' })], nextToken: 't2' },
  t2: { items: [samplePayment({ id: 'p2', loggedAt: '2025-06-02T10:00:00.000Z' })], nextToken: 't3' },
  t3: { items: [samplePayment({ id: 'p3', loggedAt: '2025-06-01T10:00:00.000Z' })], nextToken: null },
};
const otherSource: PaymentSource = { kind: 'event', eventId: 'another-sail' };
const pageOf = (s: PaymentSource, token?: string | null): Page<Payment> =>
  s === source
    ? firstPages[token ?? '']
    : { items: [samplePayment({ id: 'other', eventId: 'another-sail' })], nextToken: null };

describe('scc-payment-history', () => {
  // Each test starts with nothing saved for offline reading (IndexedDB outlives a fixture).
  beforeEach(() => clearSavedReads());

  it('says after a sent receipt what SES reported: delivered, or bounced and to check the address', async () => {
    const sent = { notificationStatus: 'SENT' as const, notifiedAt: '2025-06-02T11:00:00.000Z' };
    const api = memoryApi({
      payments: async () => ({
        items: [
          samplePayment({
            id: 'p-ok',
            loggedAt: '2025-06-03T10:00:00.000Z',
            ...sent,
            notificationDelivery: 'DELIVERED',
          }),
          samplePayment({
            id: 'p-bounced',
            loggedAt: '2025-06-02T10:00:00.000Z',
            ...sent,
            notificationDelivery: 'BOUNCED',
          }),
          samplePayment({ id: 'p-waiting', loggedAt: '2025-06-01T10:00:00.000Z', ...sent }),
        ],
        nextToken: null,
      }),
    });
    for (const group of ['CREW', 'ACCOUNTING'] as const) {
      const { el } = await render(group, api);
      // Crew see it beside "Send receipt again" (scc-resend-receipt), the office as a hint.
      await Promise.all([...el.shadowRoot!.querySelectorAll('scc-resend-receipt')].map((r) => r.updateComplete));
      const said = rows(el).map((r) => {
        const notes = r.querySelector('.notes');
        return `${notes?.textContent ?? ''} ${notes?.querySelector('scc-resend-receipt')?.shadowRoot?.textContent ?? ''}`.replace(
          /\s+/g,
          ' ',
        );
      });
      expect(said[0]).toMatch(/Receipt sent.*: delivered/);
      expect(said[1]).toMatch(/Receipt sent.*: bounced: check the address/);
      expect(said[2]).toMatch(/Receipt sent/);
      expect(said[2]).not.toMatch(/delivered|bounced/);
    }
  });

  it('lists payments newest first', async () => {
    const { el } = await render('CREW');
    expect(el.shown.map((p) => p.id)).toEqual(['p-new', 'p-old', 'p-void']);
    expect(rows(el)[0].textContent).toContain('$20.00');
  });

  it('strikes a voided payment through and shows why', async () => {
    const { el } = await render('CREW');
    const row = rows(el)[2];
    expect(row.querySelector('s')!.textContent).toBe('$30.00');
    expect(row.textContent).toContain('entered twice');
  });

  it('offers crew no void button and no export', async () => {
    const { el } = await render('CREW');
    expect(el.shadowRoot!.querySelectorAll('button.danger')).toHaveLength(0);
    expect(el.shadowRoot!.querySelector('scc-payments-export')).toBeNull();
  });

  it('offers accounting the CSV export', async () => {
    const { el } = await render('ACCOUNTING');
    expect(el.shadowRoot!.querySelector('scc-payments-export')!.source).toEqual(source);
  });

  it('requires a reason before an admin voids a payment', async () => {
    const { el, api } = await render('ADMINS');
    el.shadowRoot!.querySelector<HTMLButtonElement>('tbody button.danger')!.click();
    el.shadowRoot!.querySelector<HTMLButtonElement>('dialog button[type=submit]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dialog')!.textContent).toContain('Say why this payment is being voided.');
    expect(api.calls.some((c) => c.method === 'voidPayment')).toBe(false);
  });

  it('voids with the reason given and announces it', async () => {
    const { el, api } = await render('ADMINS');
    el.shadowRoot!.querySelector<HTMLButtonElement>('tbody button.danger')!.click();
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('dialog textarea')!.value = 'wrong patron';
    const fired = oneEvent(el, 'scc-payment-voided');
    el.shadowRoot!.querySelector<HTMLButtonElement>('dialog button[type=submit]')!.click();
    expect((await fired).detail.payment.status).toBe('VOIDED');
    expect(api.calls.find((c) => c.method === 'voidPayment')!.args).toEqual([newer.eventId, 'p-new', 'wrong patron']);
    expect(el.shadowRoot!.querySelector('dialog')!.open).toBe(false);
  });

  it('offers no Void on a payment refunds were taken from (its refunds are voided first), and Void on the refund itself', async () => {
    const refunded = samplePayment({
      id: 'p-ref',
      loggedAt: '2025-06-03T10:00:00.000Z',
      amountCents: 3000,
      refundedCents: 3000,
    });
    const refund = samplePayment({
      id: 'r-1',
      loggedAt: '2025-06-04T10:00:00.000Z',
      amountCents: 3000,
      kind: 'REFUND',
      refundOf: 'p-ref',
    });
    const { el } = await render(
      'ADMINS',
      memoryApi({ payments: async () => ({ items: [refund, refunded], nextToken: null }) }),
    );
    const voids = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('tbody button.danger')].map((b) =>
      b.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(voids).toHaveLength(1);
    voidButtonOf(el, 0).click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dialog')!.textContent).toContain(
      'The refund is undone: the amount counts as paid again.',
    );
  });

  it('says what the server says when the payment was refunded meanwhile', async () => {
    const api = memoryApi({
      payments: async () => ({ items: [newer], nextToken: null }),
      voidPayment: async () => {
        throw new ApiError('Conflict', '$20.00 of this payment was refunded: void the refunds first.', {
          reason: 'REFUNDED',
        });
      },
    });
    const { el } = await render('ADMINS', api);
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    voidButtonOf(el, 0).click();
    dialog.querySelector('textarea')!.value = 'entered twice';
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => dialog.textContent!.includes('void the refunds first'), 'refusal shown');
  });

  it('shows no earlier refusal when the next payment is voided', async () => {
    const api = memoryApi({
      payments: async () => ({ items: [older, newer], nextToken: null }),
      voidPayment: async () => {
        throw new ApiError('Conflict', 'already voided');
      },
    });
    const { el } = await render('ADMINS', api);
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('tbody button.danger')[0].click();
    dialog.querySelector('textarea')!.value = 'entered twice';
    dialog.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => dialog.textContent!.includes('This payment was already voided'), 'refusal shown');
    dialog.close();
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('tbody button.danger')[1].click();
    await el.updateComplete;
    expect(dialog.open).toBe(true);
    expect(dialog.textContent).not.toContain('already voided');
  });

  it('shows only one patron when asked to', async () => {
    const other = samplePayment({ id: 'p-other', patronEmail: 'amy@example.com', patronName: 'Amy March' });
    const api = memoryApi({ payments: async () => ({ items: [newer, other], nextToken: null }) });
    const { el } = await fixtureWith<SccPaymentHistory>(
      html`<scc-payment-history .source=${source} patronEmail="amy@example.com"></scc-payment-history>`,
      { user: user('CREW'), api },
    );
    await waitUntil(() => el.shadowRoot!.querySelector('tbody'), 'payments shown');
    expect(el.shown.map((p) => p.id)).toEqual(['p-other']);
  });

  it('loads older pages on request', async () => {
    const api = memoryApi({
      payments: async (_s, token) =>
        token ? { items: [older], nextToken: null } : { items: [newer], nextToken: 't2' },
    });
    const { el } = await render('CREW', api);
    const more = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('older'))!;
    more.click();
    await waitUntil(() => rows(el).length === 2, 'second page shown');
    expect(api.calls.at(-1)!.args[1]).toBe('t2');
  });

  it('says so when there are no payments', async () => {
    const api = memoryApi({ payments: async () => ({ items: [], nextToken: null }) });
    const { el } = await fixtureWith<SccPaymentHistory>(
      html`<scc-payment-history .source=${source}></scc-payment-history>`,
      { user: user('CREW'), api },
    );
    await waitUntil(() => el.shadowRoot!.textContent!.includes('No payments yet.'), 'empty state');
  });

  it('says what was searched when nothing was found', async () => {
    const api = memoryApi({ payments: async () => ({ items: [], nextToken: null }) });
    const { el } = await fixtureWith<SccPaymentHistory>(
      html`<scc-payment-history .source=${source} empty="No payments between Jun 1, 2025 and Jun 30, 2025."></scc-payment-history>`,
      { user: user('CREW'), api },
    );
    await waitUntil(
      () => el.shadowRoot!.textContent!.includes('No payments between Jun 1, 2025 and Jun 30, 2025.'),
      'empty state',
    );
    expect(el.shadowRoot!.textContent).not.toContain('No payments yet');
  });

  it('offers Retry when the payments cannot be loaded, and loads them again when the connection returns', async () => {
    const { api, state } = connectionApi({ payments: async () => ({ items: [newer], nextToken: null }) });
    const { el } = await fixtureWith<SccPaymentHistory>(
      html`<scc-payment-history .source=${source}></scc-payment-history>`,
      { user: user('CREW'), api },
    );
    await failWhileOfflineThenReconnect(el, 'the payments', state);
    await waitUntil(() => rows(el).length === 1, 'payments shown when back online');
    expect(el.shadowRoot!.querySelector('.load-failed')).toBeNull();
  });

  it('keeps the payments shown when older ones cannot be loaded, and Retry brings exactly the next page', async () => {
    const { el, api, state } = await renderPaged();
    olderButton(el)!.click();
    await waitUntil(() => rows(el).length === 2, 'second page shown');
    await failOffline(el, () => olderButton(el)!.click(), 'older payments', state);
    expect(el.shown.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(olderButton(el), 'Retry takes the place of Show older payments').toBeUndefined();
    const asked = api.calls.length;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.load-failed button')!.click();
    await waitUntil(() => rows(el).length === 3, 'third page shown');
    expect(el.shown.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(api.calls.slice(asked).map((c) => c.args[1])).toEqual(['t3']);
    expect(failed(el)).toBe('');
    expect(olderButton(el), 'no page after the last').toBeUndefined();
  });

  it('loads the older page again by itself when the connection returns', async () => {
    const { el, state } = await renderPaged();
    await failOffline(el, () => olderButton(el)!.click(), 'older payments', state);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => rows(el).length === 2, 'second page shown');
    expect(el.shown.map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('starts again from the first page of a new source: no failure, rows or late page of the old one', async () => {
    const late = deferred<Page<Payment>>();
    const { el } = await renderPaged(async (s, token) =>
      s === source && token === 't3' ? late.promise : pageOf(s, token),
    );
    olderButton(el)!.click();
    await waitUntil(() => rows(el).length === 2, 'second page shown');
    olderButton(el)!.click();
    await el.updateComplete;
    expect(olderButton(el)?.disabled, 'the third page is loading').toBe(true);
    el.source = otherSource;
    await el.updateComplete;
    expect(el.shown, 'the old event’s payments are not shown as the new one’s').toEqual([]);
    await waitUntil(() => el.shown.map((p) => p.id).join() === 'other', 'new source shown');
    late.resolve(firstPages.t3);
    await new Promise((r) => setTimeout(r, 50));
    expect(el.shown.map((p) => p.id)).toEqual(['other']);
    expect(olderButton(el)).toBeUndefined();
  });

  it('forgets a failed older page when the source changes', async () => {
    const { el, state } = await renderPaged();
    await failOffline(el, () => olderButton(el)!.click(), 'older payments', state);
    el.source = otherSource;
    await waitUntil(() => el.shown.map((p) => p.id).join() === 'other', 'new source shown');
    expect(failed(el)).toBe('');
  });

  it('adds an older page once however often Retry is pressed while it loads', async () => {
    const { el, state } = await renderPaged();
    await failOffline(el, () => olderButton(el)!.click(), 'older payments', state);
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('.load-failed button')!;
    retry.click();
    retry.click();
    await waitUntil(() => rows(el).length >= 2, 'second page shown');
    await new Promise((r) => setTimeout(r, 50));
    expect(el.shown.map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('keeps every amount in view on a 375 px phone: one card per payment, nothing scrolls sideways', async () => {
    const before = { width: window.innerWidth, height: window.innerHeight };
    await page.viewport(375, 740);
    try {
      const api = memoryApi({ payments: async () => ({ items: [older, voided, newer], nextToken: null }) });
      // 343 px wide, as inside the dashboard's main area (1 rem padding) on a 375 px screen.
      const { el } = await fixtureWith<SccPaymentHistory>(
        html`<scc-payment-history style="width: 343px" .source=${source}></scc-payment-history>`,
        { user: user('ADMINS'), api },
      );
      await waitUntil(() => el.shadowRoot!.querySelector('tbody'), 'payments shown');
      const box = el.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
      expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
      const edge = box.getBoundingClientRect();
      const amounts = [...el.shadowRoot!.querySelectorAll<HTMLElement>('td.amount')];
      expect(amounts).toHaveLength(3);
      for (const cell of amounts) {
        const r = cell.getBoundingClientRect();
        expect(cell.checkVisibility()).toBe(true);
        expect(r.width).toBeGreaterThan(0);
        expect(r.left).toBeGreaterThanOrEqual(edge.left);
        expect(r.right).toBeLessThanOrEqual(edge.right);
      }
      expect(amounts.map((c) => c.textContent!.trim())).toEqual(['$20.00', '$10.00', '$30.00 (voided)']);
    } finally {
      await page.viewport(before.width, before.height);
    }
  });

  it('keeps each Refund and Void button on one line in a wide table of a period’s payments', async () => {
    const before = { width: window.innerWidth, height: window.innerHeight };
    await page.viewport(1280, 900);
    try {
      const period: PaymentSource = {
        kind: 'between',
        from: '2025-06-01T07:00:00.000Z',
        to: '2025-07-01T06:59:59.999Z',
      };
      const noted = samplePayment({
        id: 'p-noted',
        method: 'ACH',
        notes: 'Deposit by bank transfer from the organiser, balance due at boarding',
        patronEmail: 'ingrid.halvorsen@example.com',
      });
      const api = memoryApi({ payments: async () => ({ items: [noted, older, newer], nextToken: null }) });
      // 1120 px wide, as inside the dashboard's main area on a 1280 px screen.
      const { el } = await fixtureWith<SccPaymentHistory>(
        html`<scc-payment-history style="width: 1120px" .source=${period}></scc-payment-history>`,
        { user: user('ADMINS'), api },
      );
      await waitUntil(() => el.shadowRoot!.querySelector('tbody'), 'payments shown');
      const voids = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('td.actions button')];
      // Admins both refund and void each of the three.
      expect(voids).toHaveLength(6);
      for (const b of voids) {
        // The word shown, not the text kept for screen readers.
        const word = [...b.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
        const text = document.createRange();
        text.selectNodeContents(word);
        expect(['Refund', 'Void']).toContain(word.textContent!.trim());
        expect(text.getClientRects().length, `lines the word ${word.textContent} takes`).toBe(1);
      }
    } finally {
      await page.viewport(before.width, before.height);
    }
  });

  it('exports the shown payments with plain amounts', () => {
    const csv = paymentsCsv([voided]);
    expect(readCsv(csv)[1]!.slice(0, 8)).toEqual([
      'p-void',
      '2025-07-04-fireworks-sail',
      'jo@example.com',
      'Jo March',
      '30.00',
      'USD',
      'CASH',
      'VOIDED',
    ]);
  });

  it('is accessible', async () => {
    const { el } = await render('ADMINS');
    await chai(el).to.be.accessible();
  });

  describe('refunds and moved payments', () => {
    const paid = samplePayment({
      id: 'p-paid',
      loggedAt: '2025-06-01T10:00:00.000Z',
      amountCents: 5000,
      refundedCents: 2000,
    });
    const refund = samplePayment({
      id: 'p-refund',
      loggedAt: '2025-06-02T10:00:00.000Z',
      amountCents: 2000,
      kind: 'REFUND',
      reason: 'rain',
      refundOf: 'p-paid',
    });
    const moved = samplePayment({
      id: 'p-moved',
      loggedAt: '2025-06-03T10:00:00.000Z',
      status: 'MOVED',
      movedTo: 'later-sail',
    });
    const api = () => memoryApi({ payments: async () => ({ items: [paid, refund, moved], nextToken: null }) });
    const refundButtons = (el: SccPaymentHistory) =>
      [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('tbody button')].filter((b) =>
        b.textContent!.startsWith('Refund'),
      );

    it('shows a refund as money going out with its reason, and a moved payment with where it went', async () => {
      const { el } = await render('CREW', api());
      const [movedRow, refundRow, paidRow] = rows(el);
      expect(refundRow.querySelector('.amount')!.textContent!.trim()).toBe('−$20.00');
      expect(refundRow.textContent!.replace(/\s+/g, ' ')).toContain('Refund: rain');
      expect(paidRow.textContent).toContain('$20.00 refunded');
      expect(movedRow.querySelector('s')!.textContent).toBe('$25.00');
      expect(movedRow.textContent!.replace(/\s+/g, ' ')).toContain('Moved to later-sail');
    });

    it('names where a payment moved, and where one came from, by title and day in the operator’s zone, still linking to the event', async () => {
      const came = samplePayment({
        id: 'p-came',
        loggedAt: '2025-06-04T10:00:00.000Z',
        movedFrom: 'first-sail',
        movedFromPaymentId: 'p-0',
      });
      const titles = memoryApi({
        payments: async () => ({ items: [moved, came], nextToken: null }),
        // 03:30 UTC on Jul 11 is still Jul 10 in Los Angeles.
        eventSummaries: async (ids) =>
          ids.map((id) => ({
            id,
            status: null,
            title: id === 'later-sail' ? 'Later Sail' : 'First Sail',
            startsAt: '2099-07-11T03:30:00.000Z',
          })),
      });
      const { el } = await render('CREW', titles);
      await waitUntil(() => rows(el)[1]!.textContent!.includes('Later Sail'), 'titles shown');
      const [cameRow, movedRow] = rows(el);
      const to = movedRow!.querySelector<HTMLAnchorElement>('td.notes a')!;
      expect(to.textContent).toBe('Later Sail, Jul 10, 2099');
      expect(to.getAttribute('href')).toBe('/events/later-sail');
      const from = cameRow!.querySelector<HTMLAnchorElement>('td.notes a')!;
      expect(cameRow!.textContent!.replace(/\s+/g, ' ')).toContain('Moved from First Sail, Jul 10, 2099');
      expect(from.getAttribute('href')).toBe('/events/first-sail');
      expect(titles.calls.filter((c) => c.method === 'eventSummaries').map((c) => c.args[0])).toEqual([
        ['later-sail', 'first-sail'],
      ]);
    });

    it('offers a refund of what remains only to accounting and admins, and only on recorded payments', async () => {
      expect(refundButtons((await render('CREW', api())).el)).toHaveLength(0);
      const { el } = await render('ACCOUNTING', api());
      expect(refundButtons(el)).toHaveLength(1);
      refundButtons(el)[0].click();
      const form = el.shadowRoot!.querySelector('scc-refund-form')!;
      await waitUntil(() => form.shadowRoot!.querySelector('dialog')?.open, 'refund form open');
      expect(form.shadowRoot!.querySelector<HTMLInputElement>('#amount')!.value).toBe('30.00');
    });
  });

  describe('offline, an event’s history', () => {
    const KEY = paymentsKey(source.eventId);
    const notice = (el: SccPaymentHistory) =>
      el.shadowRoot!.querySelector('.saved-copy')?.textContent?.replace(/\s+/g, ' ') ?? '';
    /** Opens the event's history online (first of three pages) and waits until that page is saved. */
    const openedOnline = async () => {
      const { el } = await renderPaged();
      await waitUntil(() => rows(el).length === 1, 'first page shown');
      el.remove();
      await waitUntil(() => savedRead(user('CREW').email, KEY), 'first page saved');
      return (await savedRead(user('CREW').email, KEY))!;
    };
    const offlineHistory = async (group: Group = 'CREW', of: PaymentSource = source) => {
      const { api, state } = connectionApi({ payments: async (s, token) => pageOf(s, token) });
      const { el } = await fixtureWith<SccPaymentHistory>(
        html`<scc-payment-history .source=${of}></scc-payment-history>`,
        { user: user(group), api },
      );
      return { el, state };
    };

    it('shows the first page as last loaded, marked Offline with when it was saved, and says older payments need a connection', async () => {
      const saved = await openedOnline();
      const { el, state } = await offlineHistory();
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      expect(notice(el)).toContain(`Offline — saved ${formatDateTime(saved.savedAt)}.`);
      expect(el.shown.map((p) => p.id)).toEqual(['p1']);
      expect(el.shadowRoot!.textContent).toContain(
        'The saved copy has the first page only: older payments need a connection.',
      );
      expect(olderButton(el)).toBeUndefined();
      await chai(el).to.be.accessible();

      state.offline = false;
      el.shadowRoot!.querySelector<HTMLButtonElement>('.saved-copy button')!.click();
      await waitUntil(
        () => !el.shadowRoot!.querySelector('.saved-copy') && olderButton(el),
        'live page shown, with its next page',
      );
      expect(el.shadowRoot!.textContent).not.toContain('The saved copy');
    });

    it('shows no copy of another event, nor another user’s copy (a shared phone)', async () => {
      await openedOnline();
      for (const [group, of] of [
        ['CREW', otherSource],
        ['ADMINS', source],
      ] as const) {
        const { el } = await offlineHistory(group, of);
        await waitUntil(() => failed(el).includes('Could not load the payments'), 'failure shown', { timeout: 5000 });
        expect(rows(el)).toHaveLength(0);
        el.remove();
      }
    });

    it('keeps no copy of payments across events (a period, a patron): those pages are not the event page', async () => {
      const between: PaymentSource = { kind: 'between', from: '2025-06-01', to: '2025-06-30' };
      const { el } = await render(
        'CREW',
        memoryApi({
          payments: async (s) => ({
            items: [samplePayment({ id: s.kind === 'between' ? 'in-period' : 'of-event' })],
            nextToken: null,
          }),
        }),
      );
      el.source = between;
      await waitUntil(() => el.shown[0]?.id === 'in-period', 'period shown');
      el.remove();
      // Saving follows the screen unawaited: give it the time it takes, then look.
      await new Promise((r) => setTimeout(r, 200));
      expect(await (await openSccDb()).getAllKeys('reads')).toEqual([paymentsKey(source.eventId)]);
      const { el: offline } = await offlineHistory('CREW', between);
      await waitUntil(() => failed(offline).includes('Could not load the payments'), 'failure shown', {
        timeout: 5000,
      });
    });

    it('shows the saved copy while the first load is on its way, marked as saved, then the live page', async () => {
      await openedOnline();
      const late = deferred<Page<Payment>>();
      const { el } = await fixtureWith<SccPaymentHistory>(
        html`<scc-payment-history .source=${source}></scc-payment-history>`,
        { user: user('CREW'), api: memoryApi({ payments: () => late.promise }) },
      );
      await waitUntil(() => notice(el).includes('loading the latest'), 'saved copy shown while loading', {
        timeout: 5000,
      });
      expect(notice(el)).not.toContain('Offline');
      expect(el.shown.map((p) => p.id)).toEqual(['p1']);
      late.resolve({ items: [newer], nextToken: null });
      await waitUntil(
        () => el.shown[0]?.id === 'p-new' && !el.shadowRoot!.querySelector('.saved-copy'),
        'live page shown',
      );
    });
  });
});
