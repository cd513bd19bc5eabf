import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-event-list';
import type { SccEventList } from '../../../src/components/scc-event-list';
import { connectionApi, failWhileOfflineThenReconnect, fixtureWith, memoryApi, sampleEvent, user } from './support/fixtures';

async function render(api = memoryApi()) {
  const { el, providers } = await fixtureWith<SccEventList>(
    html`<scc-event-list from="2025-07-01" to="2025-07-31"></scc-event-list>`, { user: user('CREW'), api });
  return { el, api, providers };
}
const cards = (el: SccEventList) => el.shadowRoot!.querySelectorAll('scc-event-card');

describe('scc-event-list', () => {
  it('shows a card per event in the range', async () => {
    const api = memoryApi({ listEvents: async () => ({ items: [sampleEvent(), sampleEvent({ id: 'b', title: 'Sunset Sail' })], nextToken: null }) });
    const { el } = await render(api);
    await waitUntil(() => cards(el).length === 2, 'cards shown');
    expect(api.calls[0].args.slice(0, 2)).toEqual(['2025-07-01', '2025-07-31']);
  });

  it('shows placeholders of the cards’ size while loading', async () => {
    const { el } = await render(memoryApi({ listEvents: () => new Promise(() => undefined) }));
    expect(el.shadowRoot!.querySelector('[aria-busy=true]')).not.toBeNull();
    expect(el.shadowRoot!.querySelectorAll('.skeleton')).toHaveLength(3);
  });

  it('says when no charters fall in the range', async () => {
    const { el } = await render(memoryApi({ listEvents: async () => ({ items: [], nextToken: null }) }));
    await waitUntil(() => el.shadowRoot!.textContent!.includes('No charters between'), 'empty state');
  });

  it('explains a failure, retries on request, and again by itself when the connection returns', async () => {
    const { api, state } = connectionApi();
    const { el } = await render(api);
    await failWhileOfflineThenReconnect(el, 'the charters', state);
    await waitUntil(() => cards(el).length === 1, 'loaded when back online');
  });

  it('offers Retry when more charters cannot be loaded', async () => {
    const { api, state } = connectionApi({
      listEvents: async (_f, _t, token) => (token ? { items: [sampleEvent({ id: 'b', title: 'Sunset Sail' })], nextToken: null } : { items: [sampleEvent()], nextToken: 't2' }),
    });
    state.offline = false;
    const { el } = await render(api);
    await waitUntil(() => cards(el).length === 1, 'first page shown');
    state.offline = true;
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Show more'))!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.load-failed')?.textContent?.includes('Could not load more charters'), 'error shown', { timeout: 5000 });
    state.offline = false;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.load-failed button')!.click();
    await waitUntil(() => cards(el).length === 2, 'second page shown');
    expect(api.calls.at(-1)!.args[2]).toBe('t2');
  });

  it('reports a newly picked range', async () => {
    const { el } = await render();
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name=from]')!.value = '2025-08-01';
    el.shadowRoot!.querySelector<HTMLInputElement>('input[name=to]')!.value = '2025-08-31';
    const fired = oneEvent(el, 'scc-range-change');
    el.shadowRoot!.querySelector<HTMLButtonElement>('form button')!.click();
    expect((await fired).detail).toEqual({ from: '2025-08-01', to: '2025-08-31' });
  });

  it('reloads when the shell bumps the data revision', async () => {
    const { el, api, providers } = await render();
    await waitUntil(() => cards(el).length === 1, 'cards shown');
    providers.revision.setValue(1);
    await waitUntil(() => api.calls.length === 2, 'reloaded');
  });

  it('offers admins, not crew, a new event', async () => {
    const { el } = await render();
    expect(el.shadowRoot!.querySelector('scc-event-form')).toBeNull();
    const admin = await fixtureWith<SccEventList>(html`<scc-event-list></scc-event-list>`, { user: user('ADMINS'), api: memoryApi() });
    expect(admin.el.shadowRoot!.querySelector('scc-event-form')).not.toBeNull();
  });

  it('opens a newly created event’s page', async () => {
    const { el } = await fixtureWith<SccEventList>(html`<scc-event-list></scc-event-list>`, { user: user('ADMINS'), api: memoryApi() });
    const fired = oneEvent(el, 'scc-navigate');
    el.shadowRoot!.querySelector('scc-event-form')!.dispatchEvent(
      new CustomEvent('scc-event-changed', { detail: { event: sampleEvent({ id: 'x-y' }) }, bubbles: true }));
    expect((await fired).detail).toEqual({ path: '/events/x-y' });
  });

  it('is accessible', async () => {
    const { el } = await render();
    await waitUntil(() => cards(el).length === 1, 'cards shown');
    await chai(el).to.be.accessible();
  });
});
