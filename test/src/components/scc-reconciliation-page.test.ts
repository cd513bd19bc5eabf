import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-reconciliation-page';
import type { SccReconciliationPage } from '../../../src/components/scc-reconciliation-page';
import type { DataClient } from '../../../src/graphql/client';
import type { Page, Takings } from '../../../src/graphql/types';
import { deferred, fixtureWith, memoryApi, sampleTakings, user } from './support/fixtures';

/**
 * The page reads the daily takings the API keeps (one item per event and operator day; which day a
 * payment counts on is the server's, test/api/reconciliation.test.ts) and sums them.
 *
 * Jun 1: $100 cash and $25 card taken on the fireworks sail; $7 cash refunded and one entry voided on
 * the harbor cruise.
 */
const JUNE_1 = [
  sampleTakings({ day: '2025-06-01', takings: { CASH: 10_000, CARD: 2_500 }, counted: 2 }),
  sampleTakings({ day: '2025-06-01', eventId: 'harbor-cruise', refunds: { CASH: 700 }, counted: 1, voided: 1 }),
];

async function render(
  api: DataClient,
  template = html`<scc-reconciliation-page from="2025-06-01" to="2025-06-02"></scc-reconciliation-page>`,
) {
  const { el } = await fixtureWith<SccReconciliationPage>(template, { user: user('ACCOUNTING'), api });
  return el;
}
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
const dayRow = (el: Element, label: string) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].find((r) => r.querySelector('th')!.textContent!.includes(label))!;
const cellsOf = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent!.trim());

describe('scc-reconciliation-page', () => {
  it('asks for the takings of the days picked, and sums them per day and method, refunds apart', async () => {
    const api = memoryApi({ takings: async () => ({ items: JUNE_1, nextToken: null }) });
    const el = await render(api);
    await waitUntil(() => el.shadowRoot!.querySelector('tbody'), 'totals shown');
    expect(api.calls.filter((c) => c.method === 'takings').map((c) => c.args.slice(0, 2))).toEqual([
      ['2025-06-01', '2025-06-02'],
    ]);
    expect(api.calls.some((c) => c.method === 'reconciliationPayments')).toBe(false);
    // Cash, Card, Check, ACH, Other, Refunds, Net, Cash counted
    expect(cellsOf(dayRow(el, 'Jun 1, 2025'))).toEqual([
      '$100.00',
      '$25.00',
      '$0.00',
      '$0.00',
      '$0.00',
      '−$7.00',
      '$118.00',
      '—',
    ]);
    expect(cellsOf(dayRow(el, 'Jun 2, 2025'))).toEqual([
      '$0.00',
      '$0.00',
      '$0.00',
      '$0.00',
      '$0.00',
      '$0.00',
      '$0.00',
      '—',
    ]);
    expect(text(el)).toContain('3 payments and refunds counted; 1 voided not counted.');
  });

  it('shows no total until every page is in, and says how far it has got', async () => {
    const second = deferred<Page<Takings>>();
    const api = memoryApi({
      takings: async (_f, _t, token) => (token ? second.promise : { items: JUNE_1.slice(0, 1), nextToken: 'more' }),
    });
    const el = await render(api);
    await waitUntil(() => text(el).includes('1 page read so far'), 'progress shown');
    expect(text(el)).toContain('Totals appear when all of them are in.');
    expect(el.shadowRoot!.querySelector('table, .summary, scc-takings-chart')).toBeNull();
    second.resolve({ items: JUNE_1.slice(1), nextToken: null });
    await waitUntil(() => el.shadowRoot!.querySelector('.summary'), 'totals shown');
    expect(el.shadowRoot!.querySelector('.summary')!.textContent!.replace(/\s+/g, ' ')).toContain('Net$118.00');
  });

  it('shows no partial sum when a page fails, and offers Retry', async () => {
    let fail = true;
    const api = memoryApi({
      takings: async (_f, _t, token) => {
        if (!token) return { items: JUNE_1.slice(0, 1), nextToken: 'more' };
        if (fail) throw { errors: [{ message: 'boom', errorType: 'DynamoDB:InternalServerError' }] };
        return { items: JUNE_1.slice(1), nextToken: null };
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
    const api = memoryApi({ takings: async () => ({ items: JUNE_1, nextToken: null }) });
    const el = await render(api);
    await waitUntil(() => el.shadowRoot!.querySelector('scc-takings-chart'), 'chart element');
    const chartEl = el.shadowRoot!.querySelector('scc-takings-chart')!;
    const canvas = () => chartEl.shadowRoot!.querySelector('canvas')!;
    await waitUntil(() => Chart.getChart(canvas()), 'chart drawn', { timeout: 5000 });
    const chart = Chart.getChart(canvas())!;
    expect(chart.data.labels).toEqual(['Jun 1, 2025', 'Jun 2, 2025']);
    expect(chart.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Cash', [100, 0]],
      ['Card', [25, 0]],
      ['Check', [0, 0]],
      ['ACH (bank transfer)', [0, 0]],
      ['Other', [0, 0]],
    ]);
    expect(canvas().getAttribute('aria-label')).toBe(
      'Takings by day and method, Jun 1, 2025 to Jun 2, 2025: $125.00 in all.',
    );
  });

  it('expects the day’s cash less cash refunds at the count, and shows the last count against it', async () => {
    const api = memoryApi({
      takings: async () => ({ items: JUNE_1, nextToken: null }),
      cashCounts: async () => ({
        items: [
          {
            id: '1',
            day: '2025-06-01',
            countedCents: 9_000,
            notes: null,
            countedBy: 'acc@example.com',
            countedAt: '2025-06-02T04:00:00.000Z',
          },
          {
            id: '2',
            day: '2025-06-01',
            countedCents: 9_200,
            notes: 'found $2 in the tip jar',
            countedBy: 'boss@example.com',
            countedAt: '2025-06-02T05:00:00.000Z',
          },
        ],
        nextToken: null,
      }),
    });
    const el = await render(
      api,
      html`<scc-reconciliation-page from="2025-06-01" to="2025-06-02" day="2025-06-01"></scc-reconciliation-page>`,
    );
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

  it('names each event by its title and sailing day in San Diego, asking for the titles in one call', async () => {
    const gone = sampleTakings({ day: '2025-06-01', eventId: 'gone-event', takings: { CARD: 500 }, counted: 1 });
    const api = memoryApi({
      takings: async () => ({ items: [JUNE_1[0], gone], nextToken: null }),
      // 8 PM Jul 4 in San Diego is already Jul 5 in UTC and Tokyo.
      eventTitles: async (ids) =>
        ids.map((id) =>
          id === '2025-07-04-fireworks-sail'
            ? { id, title: 'Fireworks Sail', startsAt: '2025-07-05T03:00:00.000Z' }
            : null,
        ),
    });
    const el = await render(api);
    const eventsTable = () => el.shadowRoot!.querySelector('[aria-label="Table of takings by event"]');
    await waitUntil(() => eventsTable()?.textContent?.includes('Fireworks Sail'), 'titles shown');
    const names = [...eventsTable()!.querySelectorAll('tbody th')].map((th) =>
      th.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(names).toEqual(['Fireworks Sail · Jul 4, 2025', 'gone-event (no such event)']);
    expect(api.calls.filter((c) => c.method === 'eventTitles').map((c) => c.args[0])).toEqual([
      ['2025-07-04-fireworks-sail', 'gone-event'],
    ]);
    expect(eventsTable()!.querySelector('a')!.getAttribute('href')).toBe('/events/2025-07-04-fireworks-sail');
  });

  it('refuses a backwards range and asks for nothing new', async () => {
    const api = memoryApi();
    const el = await render(api);
    const form = el.shadowRoot!.querySelector('form')!;
    form.querySelector<HTMLInputElement>('[name=from]')!.value = '2025-06-09';
    form.requestSubmit();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toBe(
      'Pick a start date on or before the end date.',
    );
  });

  it('is accessible', async () => {
    const api = memoryApi({ takings: async () => ({ items: JUNE_1, nextToken: null }) });
    const el = await render(api);
    await waitUntil(() => el.shadowRoot!.querySelector('tbody'), 'totals shown');
    await chai(el).to.be.accessible();
  });
});
