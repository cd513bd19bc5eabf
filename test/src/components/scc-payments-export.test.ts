import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-payments-export';
import type { SccPaymentsExport } from '../../../src/components/scc-payments-export';
import { ApiError } from '../../../src/graphql/errors';
import type { Page, Payment, PaymentSource } from '../../../src/graphql/types';
import { paymentsCsvFilename } from '../../../src/lib/csv/payments-csv';
import { catchDownloads } from './support/downloads';
import { fixtureWith, memoryApi, samplePayment, user } from './support/fixtures';
import { readCsv } from '../../support/csv';

/** November in San Diego, as the payments page asks for it (whole Pacific days). */
const november: PaymentSource = { kind: 'between', from: '2026-11-01T07:00:00.000Z', to: '2026-12-01T07:59:59.999Z' };

// 60 payments in three pages of 25, 25 and 10, newest first, logged in the evenings of November.
const all = Array.from({ length: 60 }, (_, i) =>
  samplePayment({
    id: `p${String(60 - i).padStart(2, '0')}`,
    loggedAt: new Date(Date.parse('2026-11-30T03:15:00.000Z') - i * 3_600_000 * 11).toISOString(),
    receivedAt: new Date(Date.parse('2026-11-30T03:00:00.000Z') - i * 3_600_000 * 11).toISOString(),
  }),
);
const pages: Record<string, Page<Payment>> = {
  start: { items: all.slice(0, 25), nextToken: 't2' },
  t2: { items: all.slice(25, 50), nextToken: 't3' },
  t3: { items: all.slice(50), nextToken: null },
};

const caught = catchDownloads();
const saved = caught.saved;

async function render(
  api = memoryApi({ payments: async (_s, token) => pages[token ?? 'start'] }),
  source = november,
  patronEmail = '',
) {
  const { el } = await fixtureWith<SccPaymentsExport>(
    html`<scc-payments-export .source=${source} patron-email=${patronEmail}></scc-payments-export>`,
    { user: user('ACCOUNTING'), api },
  );
  return { el, api, button: el.shadowRoot!.querySelector('button')! };
}
const status = (el: SccPaymentsExport) =>
  el.shadowRoot!.querySelector('[role=status]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('scc-payments-export', () => {
  it('fetches every page, not only what is shown, and saves them all', async () => {
    const { el, api, button } = await render();
    button.click();
    await waitUntil(() => caught.list.length === 1, 'file saved');
    expect(api.calls.map((c) => c.args[1] ?? null)).toEqual([null, 't2', 't3']);
    const { filename, text } = await saved();
    const lines = readCsv(text);
    expect(lines).toHaveLength(61);
    expect(lines[1][0]).toBe('p60');
    expect(lines[60][0]).toBe('p01');
    expect(filename).toBe('payments-2026-11-01-to-2026-11-30.csv');
    await waitUntil(
      () => status(el).includes('Saved all 60 payments as payments-2026-11-01-to-2026-11-30.csv.'),
      'done said',
    );
  });

  it('says how far a long export has got while it fetches', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const api = memoryApi({
      payments: async (_s, token) => {
        if (token === 't3') await held;
        return pages[token ?? 'start'];
      },
    });
    const { el, button } = await render(api);
    button.click();
    await waitUntil(() => status(el).includes('50 payments so far'), 'progress shown');
    expect(button.textContent).toContain('Exporting…');
    expect(button.disabled).toBe(true);
    expect(caught.list).toHaveLength(0);
    release();
    await waitUntil(() => caught.list.length === 1, 'file saved');
  });

  it('saves no file when a page fails, says so, and tries again', async () => {
    let fail = true;
    const api = memoryApi({
      payments: async (_s, token) => {
        if (token === 't2' && fail) throw new ApiError('Network', 'Cannot reach the server.');
        return pages[token ?? 'start'];
      },
    });
    const { el } = await render(api);
    el.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'failure shown');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('No file was saved');
    expect(caught.list).toHaveLength(0);
    fail = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[role=alert] button')!.click();
    await waitUntil(() => caught.list.length === 1, 'file saved on retry');
    expect(readCsv((await saved()).text)).toHaveLength(61);
  });

  it('writes the documented columns, with days and times in the operator zone', async () => {
    const api = memoryApi({ payments: async () => ({ items: [all[0]], nextToken: null }) });
    const { button } = await render(api);
    button.click();
    await waitUntil(() => caught.list.length === 1, 'file saved');
    const [header, row] = readCsv((await saved()).text);
    expect(header!.join(',')).toBe(
      'payment_id,event_id,patron_email,patron_name,amount,currency,method,status,received_on,logged_at,logged_by,voided_at,voided_by,void_reason,notes,kind,net_amount,reason,refund_of,moved_to,moved_from',
    );
    // Received 7 PM and logged 7:15 PM on Nov 29 in San Diego: Nov 30 in UTC.
    expect(row!.join(',')).toBe(
      'p60,2025-07-04-fireworks-sail,jo@example.com,Jo March,25.00,USD,CASH,RECORDED,2026-11-29,2026-11-29T19:15:00-08:00,crew@example.com,,,,,PAYMENT,25.00,,,,',
    );
  });

  it('keeps to one patron of an event when asked, and names the file after them', async () => {
    const mine = samplePayment({ id: 'mine', patronEmail: 'amy@example.com' });
    const api = memoryApi({ payments: async () => ({ items: [all[0], mine], nextToken: null }) });
    const { button } = await render(api, { kind: 'event', eventId: '2026-12-04-sunset-sail' }, 'amy@example.com');
    button.click();
    await waitUntil(() => caught.list.length === 1, 'file saved');
    const { filename, text } = await saved();
    expect(filename).toBe('payments-2026-12-04-sunset-sail-amy@example.com.csv');
    expect(
      readCsv(text)
        .slice(1)
        .map((l) => l[0]),
    ).toEqual(['mine']);
  });

  it('names a file after the range, the method, the patron or the event it holds', () => {
    expect(paymentsCsvFilename({ ...november, method: 'CASH' })).toBe('payments-2026-11-01-to-2026-11-30-cash.csv');
    expect(
      paymentsCsvFilename({ kind: 'patron', email: 'pat@example.com', from: november.from, to: november.to }),
    ).toBe('payments-pat@example.com-2026-11-01-to-2026-11-30.csv');
    expect(paymentsCsvFilename({ kind: 'event', eventId: '2026-12-04-sunset-sail' })).toBe(
      'payments-2026-12-04-sunset-sail.csv',
    );
    // The 25-hour day of Nov 1, 2026 is one day, not two.
    expect(
      paymentsCsvFilename({ kind: 'between', from: '2026-11-01T07:00:00.000Z', to: '2026-11-02T07:59:59.999Z' }),
    ).toBe('payments-2026-11-01-to-2026-11-01.csv');
  });

  it('is accessible', async () => {
    const { el } = await render();
    await chai(el).to.be.accessible();
  });
});
