import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import '../../../src/components/scc-event-list';
import type { SccEventList } from '../../../src/components/scc-event-list';
import type { DataClient } from '../../../src/graphql/client';
import { ApiError } from '../../../src/graphql/errors';
import type { Event, Page } from '../../../src/graphql/types';
import {
  connectionApi,
  deferred,
  failOffline,
  failWhileOfflineThenReconnect,
  fixtureWith,
  memoryApi,
  sampleEvent,
  user,
} from './support/fixtures';
import { clearSavedReads, eventsKey, savedRead } from '../../../src/lib/offline/offline-store';
import { formatDateTime } from '../../../src/lib/domain/dates';
import type { Group } from '../../../src/lib/domain/roles';

async function render(api = memoryApi()) {
  const { el, providers } = await fixtureWith<SccEventList>(
    html`<scc-event-list from="2025-07-01" to="2025-07-31"></scc-event-list>`,
    { user: user('CREW'), api },
  );
  return { el, api, providers };
}
const cards = (el: SccEventList) => el.shadowRoot!.querySelectorAll('scc-event-card');
const ids = (el: SccEventList) => [...cards(el)].map((c) => c.event!.id);
const failed = (el: SccEventList) => el.shadowRoot!.querySelector('.load-failed')?.textContent ?? '';
const moreButton = (el: SccEventList) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => /Show more|Loading/.test(b.textContent!));

/** July in three pages of one charter each; any other range is one page of one charter. */
const julyPages: Record<string, Page<Event>> = {
  '': { items: [sampleEvent({ id: 'a' })], nextToken: 't2' },
  t2: { items: [sampleEvent({ id: 'b' })], nextToken: 't3' },
  t3: { items: [sampleEvent({ id: 'c' })], nextToken: null },
};
const pageOf = (from: string, token?: string | null): Page<Event> =>
  from === '2025-07-01'
    ? julyPages[token ?? '']
    : { items: [sampleEvent({ id: from === '2025-08-01' ? 'aug' : from })], nextToken: null };

/** July's first page, from a connected API whose connection `state` can take away. */
async function renderPaged(listEvents: DataClient['listEvents'] = async (from, _to, token) => pageOf(from, token)) {
  const { api, state } = connectionApi({ listEvents });
  state.offline = false;
  const { el, providers } = await render(api);
  await waitUntil(() => ids(el).length === 1, 'first page shown');
  return { el, api, state, providers };
}

/** Picks a date range in the form, as a person does. */
function pick(el: SccEventList, from: string, to: string) {
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name=from]')!.value = from;
  el.shadowRoot!.querySelector<HTMLInputElement>('input[name=to]')!.value = to;
  el.shadowRoot!.querySelector<HTMLButtonElement>('form button')!.click();
}

describe('scc-event-list', () => {
  // Each test starts with nothing saved for offline reading (IndexedDB outlives a fixture).
  beforeEach(() => clearSavedReads());

  it('shows a card per event in the range', async () => {
    const api = memoryApi({
      listEvents: async () => ({
        items: [sampleEvent(), sampleEvent({ id: 'b', title: 'Sunset Sail' })],
        nextToken: null,
      }),
    });
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

  it('keeps the charters shown when more cannot be loaded, and Retry brings exactly the next page', async () => {
    const { el, api, state } = await renderPaged();
    moreButton(el)!.click();
    await waitUntil(() => ids(el).length === 2, 'second page shown');
    await failOffline(el, () => moreButton(el)!.click(), 'more charters', state);
    expect(ids(el)).toEqual(['a', 'b']);
    expect(moreButton(el), 'Retry takes the place of Show more').toBeUndefined();
    const asked = api.calls.length;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.load-failed button')!.click();
    await waitUntil(() => ids(el).length === 3, 'third page shown');
    expect(ids(el)).toEqual(['a', 'b', 'c']);
    expect(api.calls.slice(asked).map((c) => c.args[2])).toEqual(['t3']);
    expect(el.shadowRoot!.querySelector('.load-failed')).toBeNull();
    expect(moreButton(el), 'no page after the last').toBeUndefined();
  });

  it('adds a page once however often Retry is pressed while it loads', async () => {
    const { el, state } = await renderPaged();
    await failOffline(el, () => moreButton(el)!.click(), 'more charters', state);
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('.load-failed button')!;
    retry.click();
    retry.click();
    await waitUntil(() => ids(el).length >= 2, 'second page shown');
    await new Promise((r) => setTimeout(r, 50));
    expect(ids(el)).toEqual(['a', 'b']);
  });

  it('starts again from the first page of a new range: no failure, rows or late page of the old one', async () => {
    const late = deferred<Page<Event>>();
    const { el } = await renderPaged(async (from, _to, token) =>
      from === '2025-07-01' && token === 't3' ? late.promise : pageOf(from, token),
    );
    moreButton(el)!.click();
    await waitUntil(() => ids(el).length === 2, 'second page shown');
    moreButton(el)!.click();
    await el.updateComplete;
    expect(moreButton(el)?.disabled, 'the third page is loading').toBe(true);
    pick(el, '2025-08-01', '2025-08-31');
    await el.updateComplete;
    expect(ids(el), 'July’s charters are not shown as August’s').toEqual([]);
    await waitUntil(() => ids(el).join() === 'aug', 'August shown');
    late.resolve(julyPages.t3);
    await new Promise((r) => setTimeout(r, 50));
    expect(ids(el)).toEqual(['aug']);
    expect(moreButton(el)).toBeUndefined();
  });

  it('forgets a failed Show more when the range changes', async () => {
    const { el, state } = await renderPaged();
    await failOffline(el, () => moreButton(el)!.click(), 'more charters', state);
    pick(el, '2025-08-01', '2025-08-31');
    await waitUntil(() => ids(el).join() === 'aug', 'August shown');
    expect(failed(el)).toBe('');
  });

  it('reports a newly picked range', async () => {
    const { el } = await render();
    const fired = oneEvent(el, 'scc-range-change');
    pick(el, '2025-08-01', '2025-08-31');
    expect((await fired).detail).toEqual({ from: '2025-08-01', to: '2025-08-31' });
  });

  it('reloads when the shell bumps the data revision', async () => {
    const { el, api, providers } = await render();
    await waitUntil(() => cards(el).length === 1, 'cards shown');
    providers.revision.setValue(1);
    await waitUntil(() => api.calls.length === 2, 'reloaded');
  });

  it('keeps the charters shown, marked busy, while a new revision loads, then shows its first page', async () => {
    const fresh = deferred<Page<Event>>();
    let revision = 0;
    const { el, providers } = await renderPaged(async (from, _to, token) =>
      revision === 1 && !token ? fresh.promise : pageOf(from, token),
    );
    moreButton(el)!.click();
    await waitUntil(() => ids(el).length === 2, 'second page shown');
    revision = 1;
    providers.revision.setValue(1);
    await el.updateComplete;
    expect(ids(el)).toEqual(['a', 'b']);
    expect(el.shadowRoot!.querySelector('.grid')!.getAttribute('aria-busy')).toBe('true');
    expect(moreButton(el), 'no Show more from the old list').toBeUndefined();
    fresh.resolve({ items: [sampleEvent({ id: 'a2' })], nextToken: null });
    await waitUntil(() => ids(el).join() === 'a2', 'new revision shown');
    expect(el.shadowRoot!.querySelector('.grid')!.getAttribute('aria-busy')).toBe('false');
  });

  it('reports a refused page token as stale data, and starts again from the top at the next revision', async () => {
    const refused = new ApiError('ValidationError', 'nextToken is not valid for this query: start again without it.');
    const { el, providers } = await renderPaged(async (from, _to, token) => {
      if (token === 't2') throw refused;
      return pageOf(from, token);
    });
    const stale = oneEvent(el, 'scc-data-stale');
    moreButton(el)!.click();
    expect((await stale).detail.error).toBe(refused);
    // The shell answers scc-data-stale with a new revision.
    providers.revision.setValue(1);
    await waitUntil(() => !failed(el) && moreButton(el), 'list started again');
    expect(ids(el)).toEqual(['a']);
  });

  it('offers admins, not crew, a new event', async () => {
    const { el } = await render();
    expect(el.shadowRoot!.querySelector('scc-event-form')).toBeNull();
    const admin = await fixtureWith<SccEventList>(html`<scc-event-list></scc-event-list>`, {
      user: user('ADMINS'),
      api: memoryApi(),
    });
    expect(admin.el.shadowRoot!.querySelector('scc-event-form')).not.toBeNull();
  });

  it('opens a newly created event’s page', async () => {
    const { el } = await fixtureWith<SccEventList>(html`<scc-event-list></scc-event-list>`, {
      user: user('ADMINS'),
      api: memoryApi(),
    });
    const fired = oneEvent(el, 'scc-navigate');
    el.shadowRoot!.querySelector('scc-event-form')!.dispatchEvent(
      new CustomEvent('scc-event-changed', { detail: { event: sampleEvent({ id: 'x-y' }) }, bubbles: true }),
    );
    expect((await fired).detail).toEqual({ path: '/events/x-y' });
  });

  it('is accessible', async () => {
    const { el } = await render();
    await waitUntil(() => cards(el).length === 1, 'cards shown');
    await chai(el).to.be.accessible();
  });

  describe('offline', () => {
    const JULY = eventsKey('2025-07-01', '2025-07-31');
    const notice = (el: SccEventList) =>
      el.shadowRoot!.querySelector('.saved-copy')?.textContent?.replace(/\s+/g, ' ') ?? '';
    /** Opens July online (first of three pages) and waits until its first page is saved. */
    const openedOnline = async () => {
      (await renderPaged()).el.remove();
      await waitUntil(() => savedRead(user('CREW').email, JULY), 'first page saved');
      return (await savedRead(user('CREW').email, JULY))!;
    };
    const offlineList = async (group: Group = 'CREW', from = '2025-07-01') => {
      const { api, state } = connectionApi({ listEvents: async (f, _to, token) => pageOf(f, token) });
      const { el } = await fixtureWith<SccEventList>(
        html`<scc-event-list from=${from} to=${from.replace(/-01$/, '-31')}></scc-event-list>`,
        { user: user(group), api },
      );
      return { el, state };
    };

    it('shows the range’s first page as last loaded, marked Offline with when it was saved, and says the rest needs a connection', async () => {
      const saved = await openedOnline();
      const { el } = await offlineList();
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      expect(notice(el)).toContain(`Offline — saved ${formatDateTime(saved.savedAt)}.`);
      expect(ids(el)).toEqual(['a']);
      expect(el.shadowRoot!.textContent).toContain(
        'The saved copy has the first page only: more charters need a connection.',
      );
      expect(moreButton(el)).toBeUndefined();
      await chai(el).to.be.accessible();
    });

    it('drops the Offline mark once a load succeeds again, and offers the next page again', async () => {
      await openedOnline();
      const { el, state } = await offlineList();
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      state.offline = false;
      el.shadowRoot!.querySelector<HTMLButtonElement>('.saved-copy button')!.click();
      await waitUntil(() => !el.shadowRoot!.querySelector('.saved-copy') && moreButton(el), 'fresh page shown');
      expect(el.shadowRoot!.textContent).not.toContain('The saved copy');
      moreButton(el)!.click();
      await waitUntil(() => ids(el).length === 2, 'next page');
      expect(ids(el)).toEqual(['a', 'b']);
    });

    it('loads the live list by itself when the connection returns (the browser says `online`)', async () => {
      await openedOnline();
      const { el, state } = await offlineList();
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      state.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(() => !el.shadowRoot!.querySelector('.saved-copy') && moreButton(el), 'live list shown');
    });

    it('shows the next user on the same page none of the last one’s rows while their own load is on its way', async () => {
      await openedOnline();
      let calls = 0;
      const { el, providers } = await render(
        memoryApi({
          listEvents: (from, _to, token) =>
            calls++ === 0 ? Promise.resolve(pageOf(from, token)) : new Promise<never>(() => undefined),
        }),
      );
      await waitUntil(() => ids(el).length === 1, 'crew’s rows shown');
      providers.user.setValue(user('ADMINS'));
      await waitUntil(() => el.shadowRoot!.querySelectorAll('.skeleton').length === 3, 'the admin’s load on its way');
      await new Promise((r) => setTimeout(r, 100));
      expect(ids(el)).toEqual([]);
      expect(notice(el)).toBe('');
    });

    it('shows no copy of another range, nor another user’s copy (a shared phone)', async () => {
      await openedOnline();
      for (const [group, from] of [
        ['CREW', '2025-08-01'],
        ['ADMINS', '2025-07-01'],
      ] as const) {
        const { el } = await offlineList(group, from);
        await waitUntil(() => failed(el).includes('Could not load the charters'), 'failure shown', { timeout: 5000 });
        expect(cards(el)).toHaveLength(0);
        expect(notice(el)).toBe('');
        el.remove();
      }
    });

    it('shows the saved copy while the first load is on its way, marked as saved, then the live list', async () => {
      await openedOnline();
      const late = deferred<Page<Event>>();
      const { el } = await render(memoryApi({ listEvents: () => late.promise }));
      await waitUntil(() => notice(el).includes('loading the latest'), 'saved copy shown while loading', {
        timeout: 5000,
      });
      expect(notice(el)).not.toContain('Offline');
      expect(ids(el)).toEqual(['a']);
      expect(el.shadowRoot!.textContent).toContain('The saved copy has the first page only.');
      late.resolve({ items: [sampleEvent({ id: 'live' })], nextToken: null });
      await waitUntil(() => ids(el)[0] === 'live', 'live list shown');
      expect(el.shadowRoot!.querySelector('.saved-copy')).toBeNull();
    });

    it('shows the saved copy while the data client is still loading, then loads the live list', async () => {
      await openedOnline();
      const { el, providers } = await fixtureWith<SccEventList>(
        html`<scc-event-list from="2025-07-01" to="2025-07-31"></scc-event-list>`,
        { user: user('CREW') },
      );
      await waitUntil(() => notice(el).includes('loading the latest'), 'saved copy shown while loading', {
        timeout: 5000,
      });
      expect(ids(el)).toEqual(['a']);
      providers.api.setValue(
        memoryApi({ listEvents: async () => ({ items: [sampleEvent({ id: 'live' })], nextToken: null }) }),
      );
      await waitUntil(() => ids(el)[0] === 'live' && !el.shadowRoot!.querySelector('.saved-copy'), 'live list shown');
    });
  });
});
