import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-reconciliation-page';
import type { SccReconciliationPage } from '../../../src/components/scc-reconciliation-page';
import type { DataClient } from '../../../src/graphql/client';
import type { Page, Payment } from '../../../src/graphql/types';
import { deferred, fixtureWith, memoryApi, samplePayment, user } from './support/fixtures';

/**
 * The browser runs in Tokyo (vite.config.ts); the operator is in San Diego. Jun 1, 2025 in San
 * Diego runs from 07:00Z Jun 1 to 06:59:59.999Z Jun 2.
 */
const pay = (id: string, loggedAt: string, amountCents: number, method: Payment['method'], over: Partial<Payment> = {}) =>
  samplePayment({ id, loggedAt, receivedAt: loggedAt, amountCents, method, ...over });

const JUNE_1 = [
  pay('a', '2025-06-01T07:00:00.000Z', 10_000, 'CASH'), // 12:00 AM PDT Jun 1 (still May 31 nowhere in Tokyo)
  pay('b', '2025-06-02T06:59:59.999Z', 2_500, 'CARD'), // 11:59 PM PDT Jun 1 (already Jun 2 in Tokyo and UTC)
  pay('c', '2025-06-01T20:00:00.000Z', 700, 'CASH', { kind: 'REFUND' }),
  pay('d', '2025-06-01T21:00:00.000Z', 99_900, 'CASH', { status: 'VOIDED' }),
];

async function render(api: DataClient, template = html`<scc-reconciliation-page from="2025-06-01" to="2025-06-02"></scc-reconciliation-page>`) {
  const { el } = await fixtureWith<SccReconciliationPage>(template, { user: user('ACCOUNTING'), api });
  return el;
}
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const dayRow = (el: Element, label: string) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent!.includes(label))!;
const cellsOf = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent!.trim());

describe('scc-reconciliation-page', () => {
  it('asks for every payment of whole Pacific days, and sums them per day and method, refunds apart', async () => {
    const api = memoryApi({ reconciliationPayments: async () => ({ items: JUNE_1, nextToken: null }) });
    const el = await render(api);
    await waitUntil(() => el.shadowRoot!.querySelector('tbody'), 'totals shown');
    expect(api.calls.find((c) => c.method === 'reconciliationPayments')!.args.slice(0, 2))
      .toEqual(['2025-06-01T07:00:00.000Z', '2025-06-03T06:59:59.999Z']);
    // Cash, Card, Check, ACH, Other, Refunds, Net, Cash counted
    expect(cellsOf(dayRow(el, 'Jun 1, 2025'))).toEqual(['$100.00', '$25.00', '$0.00', '$0.00', '$0.00', '−$7.00', '$118.00', '—']);
    expect(cellsOf(dayRow(el, 'Jun 2, 2025'))).toEqual(['$0.00', '$0.00', '$0.00', '$0.00', '$0.00', '$0.00', '$0.00', '—']);
    expect(text(el)).toContain('3 payments and refunds counted; 1 voided not counted.');
  });

  it('shows no total until every page is in, and says how far it has got', async () => {
    const second = deferred<Page<Payment>>();
    const api = memoryApi({
      reconciliationPayments: async (_f, _t, token) => (token ? second.promise : { items: JUNE_1.slice(0, 2), nextToken: 'more' }),
    });
    const el = await render(api);
    await waitUntil(() => text(el).includes('2 read so far'), 'progress shown');
    expect(text(el)).toContain('Totals appear when all of them are in.');
    expect(el.shadowRoot!.querySelector('table, .summary, scc-takings-chart')).toBeNull();
    second.resolve({ items: JUNE_1.slice(2), nextToken: null });
    await waitUntil(() => el.shadowRoot!.querySelector('.summary'), 'totals shown');
    expect(el.shadowRoot!.querySelector('.summary')!.textContent!.replace(/\s+/g, ' ')).toContain('Net$118.00');
  });

  it('shows no partial sum when a page fails, and offers Retry', async () => {
    let fail = true;
    const api = memoryApi({
      reconciliationPayments: async (_f, _t, token) => {
        if (!token) return { items: JUNE_1.slice(0, 2), nextToken: 'more' };
        if (fail) throw { errors: [{ message: 'boom', errorType: 'DynamoDB:InternalServerError' }] };
        return { items: JUNE_1.slice(2), nextToken: null };
      },
    });
    const el = await render(api);
    await waitUntil(() => el.shadowRoot!.querySelector('.load-failed'), 'failure shown');
    expect(text(el)).toContain('Could not load the totals (no partial sums are shown).');
    expect(el.shadowRoot!.querySelector('table, .summary')).toBeNull();
    fail = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.load-failed button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.summary'), 'totals after retry');
  });

  it('draws the takings by day and method with Chart.js, loaded when the page needs it', async () => {
    const api = memoryApi({ reconciliationPayments: async () => ({ items: JUNE_1, nextToken: null }) });
    const el = await render(api);
    await waitUntil(() => el.shadowRoot!.querySelector('scc-takings-chart'), 'chart element');
    const chartEl = el.shadowRoot!.querySelector('scc-takings-chart')!;
    const canvas = () => chartEl.shadowRoot!.querySelector('canvas')!;
    await waitUntil(() => Chart.getChart(canvas()), 'chart drawn', { timeout: 5000 });
    const chart = Chart.getChart(canvas())!;
    expect(chart.data.labels).toEqual(['Jun 1, 2025', 'Jun 2, 2025']);
    expect(chart.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Cash', [100, 0]], ['Card', [25, 0]], ['Check', [0, 0]], ['ACH (bank transfer)', [0, 0]], ['Other', [0, 0]],
    ]);
    expect(canvas().getAttribute('aria-label')).toBe('Takings by day and method, Jun 1, 2025 to Jun 2, 2025: $125.00 in all.');
  });

  it('expects the day’s cash less cash refunds at the count, and shows the last count against it', async () => {
    const api = memoryApi({
      reconciliationPayments: async () => ({ items: JUNE_1, nextToken: null }),
      cashCounts: async () => ({
        items: [
          { id: '1', day: '2025-06-01', countedCents: 9_000, notes: null, countedBy: 'acc@example.com', countedAt: '2025-06-02T04:00:00.000Z' },
          { id: '2', day: '2025-06-01', countedCents: 9_200, notes: 'found $2 in the tip jar', countedBy: 'boss@example.com', countedAt: '2025-06-02T05:00:00.000Z' },
        ],
        nextToken: null,
      }),
    });
    const el = await render(api, html`<scc-reconciliation-page from="2025-06-01" to="2025-06-02" day="2025-06-01"></scc-reconciliation-page>`);
    const count = () => el.shadowRoot!.querySelector('scc-cash-count')!;
    await waitUntil(() => count()?.shadowRoot?.textContent?.includes('short'), 'difference shown');
    const shown = text(count());
    expect(shown).toContain('Expected$93.00');
    expect(shown).toContain('Counted$92.00');
    expect(shown).toContain('$1.00 short');
    expect(shown).toContain('boss@example.com, Jun 1, 2025, 10:00 PM PDT');
    expect(shown).toContain('Earlier counts of this day (1)');
    expect(cellsOf(dayRow(el, 'Jun 1, 2025')).at(-1)).toBe('$92.00');
  });

  it('refuses a backwards range and asks for nothing new', async () => {
    const api = memoryApi();
    const el = await render(api);
    const form = el.shadowRoot!.querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name=from]')!.value = '2025-06-09';
    form.requestSubmit();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toBe('Pick a start date on or before the end date.');
  });

  it('is accessible', async () => {
    const api = memoryApi({ reconciliationPayments: async () => ({ items: JUNE_1, nextToken: null }) });
    const el = await render(api);
    await waitUntil(() => el.shadowRoot!.querySelector('tbody'), 'totals shown');
    await chai(el).to.be.accessible();
  });
});
