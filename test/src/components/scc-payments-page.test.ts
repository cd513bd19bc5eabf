import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-payments-page';
import type { SccPaymentsPage } from '../../../src/components/scc-payments-page';
import { fixtureWith, memoryApi, samplePayment, user } from './support/fixtures';

async function render(
  template = html`<scc-payments-page from="2025-06-01" to="2025-06-30" method="CASH"></scc-payments-page>`,
) {
  const api = memoryApi();
  const { el } = await fixtureWith<SccPaymentsPage>(template, { user: user('ACCOUNTING'), api });
  await waitUntil(() => api.calls.length > 0, 'payments requested');
  return { el, api };
}

describe('scc-payments-page', () => {
  it('asks for all payments of the period, whole Pacific days (in a UTC browser), for one method', async () => {
    const { api } = await render();
    expect(api.calls[0].args[0]).toEqual({
      kind: 'between',
      from: '2025-06-01T07:00:00.000Z',
      to: '2025-07-01T06:59:59.999Z',
      method: 'CASH',
    });
  });

  it('asks for one patron’s payments across events', async () => {
    const { api } = await render(
      html`<scc-payments-page from="2025-06-01" to="2025-06-30" patron="Jo@Example.com"></scc-payments-page>`,
    );
    expect(api.calls[0].args[0]).toMatchObject({ kind: 'patron', email: 'jo@example.com' });
  });

  it('explains, and sends nothing, when the patron given is not an email (a name in ?patron=)', async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccPaymentsPage>(
      html`<scc-payments-page from="2025-06-01" to="2025-06-30" patron="Jo March"></scc-payments-page>`,
      { user: user('ACCOUNTING'), api },
    );
    const alert = el.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent!.replace(/\s+/g, ' ')).toContain(
      '“Jo March” is not an email address. A patron’s payments are found by the email',
    );
    expect(el.shadowRoot!.querySelector('scc-payment-history')).toBeNull();
    await new Promise((r) => setTimeout(r, 50));
    expect(api.calls).toHaveLength(0);
  });

  it('offers the patron search, open when the patron given is not an email, so the email can be found', async () => {
    const named = await fixtureWith<SccPaymentsPage>(
      html`<scc-payments-page from="2025-06-01" to="2025-06-30" patron="Jo March"></scc-payments-page>`,
      { user: user('ACCOUNTING'), api: memoryApi() },
    );
    const details = named.el.shadowRoot!.querySelector('details')!;
    expect(details.open).toBe(true);
    expect(details.querySelector('scc-patron-search')).not.toBeNull();
    const { el } = await render();
    expect(el.shadowRoot!.querySelector('details')!.open).toBe(false);
    expect(el.shadowRoot!.querySelector('details scc-patron-search')).not.toBeNull();
  });

  it('says which dates an empty search covered', async () => {
    const api = memoryApi({ payments: async () => ({ items: [], nextToken: null }) });
    const { el } = await fixtureWith<SccPaymentsPage>(
      html`<scc-payments-page from="2025-06-01" to="2025-06-30"></scc-payments-page>`,
      { user: user('ACCOUNTING'), api },
    );
    const history = el.shadowRoot!.querySelector('scc-payment-history')!;
    await waitUntil(
      () => history.shadowRoot!.textContent!.includes('No payments between Jun 1, 2025 and Jun 30, 2025.'),
      'empty state',
    );
    expect(history.shadowRoot!.textContent).not.toContain('No payments yet');
  });

  it('says whose and which method an empty search was for', async () => {
    const patron = await fixtureWith<SccPaymentsPage>(
      html`<scc-payments-page from="2025-06-01" to="2025-06-30" patron="jo@example.com"></scc-payments-page>`,
      { user: user('ACCOUNTING'), api: memoryApi({ payments: async () => ({ items: [], nextToken: null }) }) },
    );
    const byPatron = patron.el.shadowRoot!.querySelector('scc-payment-history')!;
    await waitUntil(
      () =>
        byPatron.shadowRoot!.textContent!.includes(
          'No payments from jo@example.com between Jun 1, 2025 and Jun 30, 2025.',
        ),
      'patron',
    );
    const cash = await fixtureWith<SccPaymentsPage>(
      html`<scc-payments-page from="2025-06-01" to="2025-06-30" method="CASH"></scc-payments-page>`,
      { user: user('ACCOUNTING'), api: memoryApi({ payments: async () => ({ items: [], nextToken: null }) }) },
    );
    const byCash = cash.el.shadowRoot!.querySelector('scc-payment-history')!;
    await waitUntil(
      () => byCash.shadowRoot!.textContent!.includes('No payments by cash between Jun 1, 2025 and Jun 30, 2025.'),
      'method',
    );
  });

  it('puts a new search into the URL', async () => {
    const { el } = await render();
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name=patron]')!.value = 'amy@example.com';
    const fired = oneEvent(el, 'scc-navigate');
    el.shadowRoot!.querySelector<HTMLButtonElement>('form button')!.click();
    expect((await fired).detail.path).toBe(
      '/payments?from=2025-06-01&to=2025-06-30&method=CASH&patron=amy%40example.com',
    );
  });

  it('links each payment to its event’s records, named by title and day, which ACCOUNTING cannot reach from an event page', async () => {
    const api = memoryApi({
      payments: async () => ({
        items: [samplePayment({ eventId: 'sail/1 &2' }), samplePayment({ id: 'b', eventId: 'sail-2' })],
        nextToken: null,
      }),
      // eventTitles takes ids as requireId does: 'sail/1 &2' is none, and stays named by its id.
      eventSummaries: async (ids) =>
        ids.map((id) =>
          id === 'sail-2'
            ? { id, title: 'Sunset Cruise', startsAt: '2025-06-14T01:00:00.000Z', status: 'SCHEDULED' as const }
            : null,
        ),
    });
    const { el } = await fixtureWith<SccPaymentsPage>(
      html`<scc-payments-page from="2025-06-01" to="2025-06-30"></scc-payments-page>`,
      { user: user('ACCOUNTING'), api },
    );
    const history = el.shadowRoot!.querySelector('scc-payment-history')!;
    await waitUntil(() => history.shadowRoot!.querySelector('tbody tr'), 'rows shown');
    const links = [...history.shadowRoot!.querySelectorAll<HTMLAnchorElement>('tbody a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/records?event=sail%2F1%20%262',
      '/records?event=sail-2',
    ]);
    expect(links[0].textContent!.replace(/\s+/g, ' ').trim()).toBe('Records of sail/1 &2, with $25.00 from Jo March');
    await waitUntil(() => links[1].textContent!.includes('Sunset Cruise'), 'the event named');
    expect(links[1].textContent!.replace(/\s+/g, ' ').trim()).toBe(
      'Records of Sunset Cruise, Jun 13, 2025, with $25.00 from Jo March',
    );
    const fired = oneEvent(history, 'scc-navigate');
    links[1].click();
    expect((await fired).detail.path).toBe('/records?event=sail-2');
    // CREW may not see records: no link to a page that would refuse them.
    const crew = await fixtureWith<SccPaymentsPage>(
      html`<scc-payments-page from="2025-06-01" to="2025-06-30"></scc-payments-page>`,
      { user: user('CREW'), api },
    );
    const crewHistory = crew.el.shadowRoot!.querySelector('scc-payment-history')!;
    await waitUntil(() => crewHistory.shadowRoot!.querySelector('tbody tr'), 'crew rows shown');
    expect(crewHistory.shadowRoot!.querySelector('tbody a')).toBeNull();
  });

  it('is accessible', async () => {
    const { el } = await render();
    await waitUntil(
      () => el.shadowRoot!.querySelector('scc-payment-history')!.shadowRoot!.querySelector('table'),
      'table shown',
    );
    await chai(el).to.be.accessible();
  });
});
