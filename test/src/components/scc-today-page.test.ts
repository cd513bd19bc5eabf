import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import '../../../src/components/scc-today-page';
import type { SccTodayPage } from '../../../src/components/scc-today-page';
import type { EventDetail, Event, Page } from '../../../src/graphql/types';
import type { Group } from '../../../src/lib/domain/roles';
import { addDays, formatDateTime, today, zoneDateTimeToIso } from '../../../src/lib/domain/dates';
import { clearSavedReads, saveRead, savedRead, todayKey } from '../../../src/lib/offline/offline-store';
import { connectionApi, deferred, fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';

/** A sailing at 10:00 on `day` in the operator's zone. */
const sailing = (id: string, title: string, day = today()): EventDetail => ({
  event: sampleEvent({
    id,
    title,
    startsAt: zoneDateTimeToIso(day, '10:00')!,
    endsAt: zoneDateTimeToIso(day, '12:00')!,
  }),
  roster: [sampleEntry({ eventId: id })],
  walkUps: [],
});
const morning = sailing('morning-sail', 'Morning Sail');

/** Today with one sailing, from an API whose connection `state` can take away. */
function dockApi(detail = morning) {
  return connectionApi({
    listEvents: async () => ({ items: [detail.event], nextToken: null }),
    getEvent: async () => detail,
  });
}

const titles = (el: SccTodayPage) =>
  [...el.shadowRoot!.querySelectorAll('scc-today-sailing')].map((s) => s.detail!.event.title);
const notice = (el: SccTodayPage) =>
  el.shadowRoot!.querySelector('.saved-copy')?.textContent?.replace(/\s+/g, ' ') ?? '';
const failed = (el: SccTodayPage) => el.shadowRoot!.querySelector('.load-failed')?.textContent ?? '';

async function render(group: Group, api?: ReturnType<typeof memoryApi>) {
  return fixtureWith<SccTodayPage>(html`<scc-today-page></scc-today-page>`, { user: user(group), api });
}

/** Opens Today online as crew and waits until its load is saved (saving does not hold up the screen). */
async function openedOnline() {
  const { api, state } = dockApi();
  state.offline = false;
  const { el } = await render('CREW', api);
  await waitUntil(() => titles(el).length === 1, 'sailings shown');
  el.remove();
  await waitUntil(() => savedRead(user('CREW').email, todayKey(today())), 'copy saved');
  return (await savedRead(user('CREW').email, todayKey(today())))!;
}

describe('scc-today-page', () => {
  // Each test starts with nothing saved for offline reading (IndexedDB outlives a fixture).
  beforeEach(() => clearSavedReads());

  it('shows today’s and tomorrow’s sailings', async () => {
    const tomorrow = sailing('evening-sail', 'Evening Sail', addDays(today(), 1));
    const api = memoryApi({
      listEvents: async () => ({ items: [morning.event, tomorrow.event], nextToken: null }),
      getEvent: async (id) => (id === morning.event.id ? morning : tomorrow),
    });
    const { el } = await render('CREW', api);
    await waitUntil(() => titles(el).length === 2, 'sailings shown');
    const sections = [...el.shadowRoot!.querySelectorAll('section')];
    expect(sections.map((s) => s.querySelector('h2')!.textContent!.split(' · ')[0])).toEqual(['Today', 'Tomorrow']);
    expect(sections.map((s) => [...s.querySelectorAll('scc-today-sailing')].map((x) => x.detail!.event.title))).toEqual(
      [['Morning Sail'], ['Evening Sail']],
    );
  });

  it('shows every sailing of the two days, however many pages listEvents takes', async () => {
    const tomorrow = sailing('evening-sail', 'Evening Sail', addDays(today(), 1));
    const pages: Record<string, Page<Event>> = {
      first: { items: [morning.event], nextToken: 'rest' },
      rest: { items: [tomorrow.event], nextToken: null },
    };
    const api = memoryApi({
      listEvents: async (_from, _to, token) => pages[token ?? 'first']!,
      getEvent: async (id) => (id === morning.event.id ? morning : tomorrow),
    });
    const { el } = await render('CREW', api);
    await waitUntil(() => titles(el).length === 2, 'both pages’ sailings shown');
    expect(api.calls.filter((c) => c.method === 'listEvents').map((c) => c.args[2] ?? null)).toEqual([null, 'rest']);
  });

  describe('offline', () => {
    it('shows today’s sailings as last loaded, marked Offline with when they were saved, in the operator’s zone', async () => {
      const saved = await openedOnline();
      const { el } = await render('CREW', dockApi().api);
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      expect(notice(el)).toContain(`Offline — saved ${formatDateTime(saved.savedAt)}.`);
      expect(titles(el)).toEqual(['Morning Sail']);
      expect(el.shadowRoot!.querySelector('.saved-copy button')!.textContent).toBe('Retry');
      await chai(el).to.be.accessible();
    });

    it('drops the Offline mark once a load succeeds again', async () => {
      await openedOnline();
      const { api, state } = dockApi(sailing('morning-sail', 'Morning Sail (live)'));
      const { el } = await render('CREW', api);
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      state.offline = false;
      el.shadowRoot!.querySelector<HTMLButtonElement>('.saved-copy button')!.click();
      await waitUntil(() => titles(el)[0] === 'Morning Sail (live)', 'fresh load shown');
      expect(el.shadowRoot!.querySelector('.saved-copy')).toBeNull();
    });

    it('loads the live sailings by itself when the connection returns (the browser says `online`)', async () => {
      await openedOnline();
      const { api, state } = dockApi(sailing('morning-sail', 'Morning Sail (live)'));
      const { el } = await render('CREW', api);
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      state.offline = false;
      window.dispatchEvent(new Event('online'));
      await waitUntil(
        () => titles(el)[0] === 'Morning Sail (live)' && !el.shadowRoot!.querySelector('.saved-copy'),
        'live sailings shown',
      );
    });

    it('never shows one user’s saved copy to another (a shared phone)', async () => {
      await openedOnline();
      const { el } = await render('ADMINS', dockApi().api);
      await waitUntil(() => failed(el).includes('Could not load today’s sailings'), 'failure shown', { timeout: 5000 });
      expect(titles(el)).toEqual([]);
      expect(notice(el)).toBe('');
    });

    it('shows the next user on the same page none of the last one’s sailings while their own load is on its way', async () => {
      await openedOnline();
      let calls = 0;
      const { el, providers } = await render(
        'CREW',
        memoryApi({
          listEvents: () =>
            calls++ === 0
              ? Promise.resolve({ items: [morning.event], nextToken: null })
              : new Promise<never>(() => undefined),
          getEvent: async () => morning,
        }),
      );
      await waitUntil(() => titles(el).length === 1, 'crew’s sailings shown');
      providers.user.setValue(user('ADMINS'));
      await waitUntil(() => el.shadowRoot!.querySelector('[aria-busy=true]'), 'the admin’s load on its way');
      await new Promise((r) => setTimeout(r, 100));
      expect(titles(el)).toEqual([]);
      expect(notice(el)).toBe('');
    });

    it('never shows another day’s copy as today’s', async () => {
      const yesterday = addDays(today(), -1);
      await saveRead(user('CREW').email, todayKey(yesterday), {
        more: false,
        days: [{ day: yesterday, label: 'Today', sailings: [sailing('old-sail', 'Yesterday’s Sail', yesterday)] }],
      });
      const { el } = await render('CREW', dockApi().api);
      await waitUntil(() => failed(el).includes('Could not load today’s sailings'), 'failure shown', { timeout: 5000 });
      expect(titles(el)).toEqual([]);
    });

    it('shows the saved copy while the first load is on its way (a slow link), marked as saved, then the live sailings', async () => {
      await openedOnline();
      const late = deferred<Page<Event>>();
      const live = sailing('morning-sail', 'Morning Sail (live)');
      const { el } = await render('CREW', memoryApi({ listEvents: () => late.promise, getEvent: async () => live }));
      await waitUntil(() => notice(el).includes('loading the latest'), 'saved copy shown while loading', {
        timeout: 5000,
      });
      expect(notice(el)).not.toContain('Offline');
      expect(titles(el)).toEqual(['Morning Sail']);
      late.resolve({ items: [live.event], nextToken: null });
      await waitUntil(() => titles(el)[0] === 'Morning Sail (live)', 'live sailings shown');
      expect(el.shadowRoot!.querySelector('.saved-copy')).toBeNull();
    });

    it('shows the saved copy while the data client is still loading, saying the latest is on its way', async () => {
      await openedOnline();
      const { el, providers } = await render('CREW');
      await waitUntil(() => notice(el).includes('loading the latest'), 'saved copy shown while loading', {
        timeout: 5000,
      });
      expect(titles(el)).toEqual(['Morning Sail']);
      providers.api.setValue(memoryApi({ listEvents: async () => ({ items: [], nextToken: null }) }));
      await waitUntil(
        () => !el.shadowRoot!.querySelector('.saved-copy') && titles(el).length === 0,
        'fresh load shown',
      );
    });
  });
});
