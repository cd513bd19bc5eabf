import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../src/components/scc-payments-page';
import type { SccPaymentsPage } from '../../src/components/scc-payments-page';
import { fixtureWith, memoryApi, user } from './support/fixtures';

async function render(template = html`<scc-payments-page from="2025-06-01" to="2025-06-30" method="CASH"></scc-payments-page>`) {
  const api = memoryApi();
  const { el } = await fixtureWith<SccPaymentsPage>(template, { user: user('ACCOUNTING'), api });
  await waitUntil(() => api.calls.length > 0, 'payments requested');
  return { el, api };
}

describe('scc-payments-page', () => {
  it('asks for all payments of the period, whole Pacific days (in a UTC browser), for one method', async () => {
    const { api } = await render();
    expect(api.calls[0].args[0]).toEqual({ kind: 'between', from: '2025-06-01T07:00:00.000Z', to: '2025-07-01T06:59:59.999Z', method: 'CASH' });
  });

  it('asks for one patron’s payments across events', async () => {
    const { api } = await render(html`<scc-payments-page from="2025-06-01" to="2025-06-30" patron="Jo@Example.com"></scc-payments-page>`);
    expect(api.calls[0].args[0]).toMatchObject({ kind: 'patron', email: 'jo@example.com' });
  });

  it('puts a new search into the URL', async () => {
    const { el } = await render();
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name=patron]')!.value = 'amy@example.com';
    const fired = oneEvent(el, 'scc-navigate');
    el.shadowRoot!.querySelector<HTMLButtonElement>('form button')!.click();
    expect((await fired).detail.path).toBe('/payments?from=2025-06-01&to=2025-06-30&method=CASH&patron=amy%40example.com');
  });

  it('is accessible', async () => {
    const { el } = await render();
    await waitUntil(() => el.shadowRoot!.querySelector('scc-payment-history')!.shadowRoot!.querySelector('table'), 'table shown');
    await chai(el).to.be.accessible();
  });
});
