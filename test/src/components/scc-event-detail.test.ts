import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import '../../../src/components/scc-event-detail';
import type { SccEventDetail } from '../../../src/components/scc-event-detail';
import type { Group } from '../../../src/lib/domain/roles';
import { outbox } from '../../../src/lib/offline/outbox';
import { connectionApi, fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';
import { clearSavedReads, eventKey, savedRead } from '../../../src/lib/offline/offline-store';
import { formatDateTime } from '../../../src/lib/domain/dates';

async function render(group: Group, api = memoryApi()) {
  const { el } = await fixtureWith<SccEventDetail>(
    html`<scc-event-detail eventId="2025-07-04-fireworks-sail"></scc-event-detail>`,
    { user: user(group), api },
  );
  await waitUntil(() => el.shadowRoot!.querySelector('scc-roster'), 'detail shown');
  return { el, api };
}

describe('scc-event-detail', () => {
  // Each test starts with nothing saved for offline reading (IndexedDB outlives a fixture).
  beforeEach(() => clearSavedReads());

  it('shows the event, its roster and its payments', async () => {
    const { el } = await render('CREW');
    expect(el.shadowRoot!.querySelector('h1')!.textContent).toBe('Fireworks Sail');
    expect(el.shadowRoot!.querySelector('scc-roster')!.entries).toHaveLength(1);
    expect(el.shadowRoot!.querySelector('scc-payment-history')!.source).toEqual({
      kind: 'event',
      eventId: '2025-07-04-fireworks-sail',
    });
  });

  it('says when the event does not exist', async () => {
    const api = memoryApi({ getEvent: async () => null });
    const { el } = await fixtureWith<SccEventDetail>(html`<scc-event-detail eventId="nope"></scc-event-detail>`, {
      user: user('CREW'),
      api,
    });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Event not found'), 'not found');
  });

  it('offers Retry when the event cannot be loaded, and loads it when the connection returns', async () => {
    const { api, state } = connectionApi();
    const { el } = await fixtureWith<SccEventDetail>(
      html`<scc-event-detail eventId="2025-07-04-fireworks-sail"></scc-event-detail>`,
      { user: user('CREW'), api },
    );
    const failed = () => el.shadowRoot!.querySelector('.load-failed')?.textContent ?? '';
    await waitUntil(() => failed().includes('Could not load the event. Cannot reach the server'), 'error shown', {
      timeout: 5000,
    });
    expect(el.shadowRoot!.querySelector('.load-failed button')!.textContent).toBe('Retry');
    state.offline = false;
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => el.shadowRoot!.querySelector('scc-roster'), 'detail shown when back online');
    expect(el.shadowRoot!.querySelector('h1')!.textContent).toBe('Fireworks Sail');
  });

  it('says it is updating while it reloads what it shows (after a change or a refusal)', async () => {
    let release!: () => void;
    let calls = 0;
    const api = memoryApi({
      getEvent: async () => {
        calls += 1;
        if (calls > 1) await new Promise<void>((r) => (release = r));
        return { event: sampleEvent(), roster: [sampleEntry()], walkUps: [] };
      },
    });
    const { el, providers } = await fixtureWith<SccEventDetail>(
      html`<scc-event-detail eventId="2025-07-04-fireworks-sail"></scc-event-detail>`,
      { user: user('CREW'), api },
    );
    await waitUntil(() => el.shadowRoot!.querySelector('scc-roster'), 'detail shown');
    expect(el.shadowRoot!.textContent).not.toContain('updating to the latest');
    providers.revision.setValue(1);
    await waitUntil(() => el.shadowRoot!.textContent!.includes('updating to the latest'), 'updating shown');
    release();
    await waitUntil(() => !el.shadowRoot!.textContent!.includes('updating to the latest'), 'updated');
  });

  it('narrows the history to a patron picked on the roster', async () => {
    const { el } = await render('CREW');
    const roster = el.shadowRoot!.querySelector('scc-roster')!;
    [...roster.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('History'))!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('scc-payment-history')!.patronEmail).toBe('jo@example.com');
  });

  it('asks for the payment modal for the event', async () => {
    const { el } = await render('CREW');
    const fired = oneEvent(el, 'scc-open-payment');
    el.shadowRoot!.querySelector<HTMLButtonElement>('header button.primary')!.click();
    expect((await fired).detail).toEqual({ eventId: '2025-07-04-fireworks-sail' });
  });

  it('links to its boarding page and its manifest', async () => {
    const { el } = await render('CREW');
    const links = [...el.shadowRoot!.querySelectorAll('header a')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual(
      expect.arrayContaining([
        ['Boarding', '/events/2025-07-04-fireworks-sail/boarding'],
        ['Manifest', '/events/2025-07-04-fireworks-sail/manifest'],
      ]),
    );
  });

  it('lets admins, not crew, edit the event', async () => {
    const crew = await render('CREW');
    expect(crew.el.shadowRoot!.querySelector('scc-event-form')).toBeNull();
    const admin = await render('ADMINS');
    expect(admin.el.shadowRoot!.querySelector('scc-event-form')).not.toBeNull();
  });

  it('says what waits for signal on this event is pending, not counted in the totals, until it is sent', async () => {
    const { el } = await render('CREW');
    const text = () => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    const key = crypto.randomUUID();
    const input = {
      idempotencyKey: key,
      eventId: '2025-07-04-fireworks-sail',
      patronEmail: 'jo@example.com',
      amountCents: 2500,
      method: 'CASH' as const,
    };
    await outbox().add({
      key,
      owner: 'crew@example.com',
      input,
      patronName: 'Jo March',
      eventTitle: 'Fireworks Sail',
      receipt: false,
    });
    await waitUntil(
      () => text().includes('$25.00 in 1 payment waiting for signal: pending, not counted'),
      'pending shown',
    );
    // The totals stay the server's: paid $50.00, balance $100.00.
    expect(text()).toContain('Paid $50.00 of $150.00 · balance $100.00');
    const roster = el.shadowRoot!.querySelector('scc-roster')!;
    await waitUntil(
      () => roster.shadowRoot!.textContent!.replace(/\s+/g, ' ').includes('$75.00 ($25.00 pending)'),
      'roster row pending',
    );
    await outbox().flush(memoryApi(), 'crew@example.com');
    await waitUntil(() => !text().includes('waiting for signal'), 'no longer pending once sent');
    await outbox().dismiss(key);
  });

  it('is accessible', async () => {
    const { el } = await render('ADMINS');
    await chai(el).to.be.accessible();
  });

  describe('offline', () => {
    const ID = '2025-07-04-fireworks-sail';
    const notice = (el: SccEventDetail) =>
      el.shadowRoot!.querySelector('.saved-copy')?.textContent?.replace(/\s+/g, ' ') ?? '';
    /** Opens the event online and waits until its copy is saved (saving does not hold up the screen). */
    const openedOnline = async (api = memoryApi()) => {
      (await render('CREW', api)).el.remove();
      await waitUntil(() => savedRead(user('CREW').email, eventKey(ID)), 'copy saved');
      return (await savedRead(user('CREW').email, eventKey(ID)))!;
    };
    const offlineDetail = async (group: Group) => {
      const { api, state } = connectionApi();
      const { el } = await fixtureWith<SccEventDetail>(html`<scc-event-detail eventId=${ID}></scc-event-detail>`, {
        user: user(group),
        api,
      });
      return { el, state };
    };

    it("shows the event and roster it last loaded, marked Offline with when they were saved, in the operator's zone", async () => {
      const saved = await openedOnline(
        memoryApi({
          getEvent: async () => ({
            event: sampleEvent(),
            roster: [sampleEntry(), sampleEntry({ email: 'amy@example.com', name: 'Amy March' })],
            walkUps: [],
          }),
        }),
      );

      const { el } = await offlineDetail('CREW');
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      expect(notice(el)).toContain(`Offline — saved ${formatDateTime(saved.savedAt)}.`);
      expect(el.shadowRoot!.querySelector('h1')!.textContent).toBe('Fireworks Sail');
      expect(el.shadowRoot!.querySelector('scc-roster')!.entries.map((r) => r.name)).toEqual(['Jo March', 'Amy March']);
      expect(el.shadowRoot!.querySelector('.saved-copy button')!.textContent).toBe('Retry');
      await chai(el).to.be.accessible();
    });

    it('drops the Offline mark once a load succeeds again', async () => {
      await openedOnline();
      const { el, state } = await offlineDetail('CREW');
      await waitUntil(() => notice(el).includes('Offline'), 'saved copy shown', { timeout: 5000 });
      state.offline = false;
      el.shadowRoot!.querySelector<HTMLButtonElement>('.saved-copy button')!.click();
      await waitUntil(() => !el.shadowRoot!.querySelector('.saved-copy'), 'fresh load shown');
      expect(el.shadowRoot!.querySelector('scc-roster')).not.toBeNull();
    });

    it("never shows one user's saved copy to another (a shared phone)", async () => {
      await openedOnline();
      const { el } = await offlineDetail('ADMINS');
      await waitUntil(() => el.shadowRoot!.querySelector('.load-failed'), 'failure shown', { timeout: 5000 });
      expect(el.shadowRoot!.querySelector('scc-roster')).toBeNull();
    });

    it('shows the next user on the same page none of the last one’s event while their own load is on its way', async () => {
      await openedOnline();
      let calls = 0;
      const detail = { event: sampleEvent(), roster: [sampleEntry()], walkUps: [] };
      const { el, providers } = await fixtureWith<SccEventDetail>(
        html`<scc-event-detail eventId=${ID}></scc-event-detail>`,
        {
          user: user('CREW'),
          api: memoryApi({
            getEvent: () => (calls++ === 0 ? Promise.resolve(detail) : new Promise<never>(() => undefined)),
          }),
        },
      );
      await waitUntil(() => el.shadowRoot!.querySelector('scc-roster'), 'crew’s event shown');
      providers.user.setValue(user('ADMINS'));
      await waitUntil(() => el.shadowRoot!.textContent!.includes('Loading the event…'), 'the admin’s load on its way');
      await new Promise((r) => setTimeout(r, 100));
      expect(el.shadowRoot!.querySelector('scc-roster')).toBeNull();
      expect(notice(el)).toBe('');
    });

    it('shows no saved copy when the server refuses (a refusal is not a lost connection)', async () => {
      await openedOnline();
      const refused = { errors: [{ errorType: 'Unauthorized', message: 'Not authorized to access getEvent' }] };
      const api = memoryApi({
        getEvent: async () => {
          throw refused;
        },
      });
      const { el } = await fixtureWith<SccEventDetail>(html`<scc-event-detail eventId=${ID}></scc-event-detail>`, {
        user: user('CREW'),
        api,
      });
      await waitUntil(() => el.shadowRoot!.querySelector('.load-failed'), 'refusal shown', { timeout: 5000 });
      expect(el.shadowRoot!.querySelector('scc-roster')).toBeNull();
      expect(notice(el)).toBe('');
    });

    it('forgets the saved copy of an event that no longer exists', async () => {
      await openedOnline();
      const gone = await fixtureWith<SccEventDetail>(html`<scc-event-detail eventId=${ID}></scc-event-detail>`, {
        user: user('CREW'),
        api: memoryApi({ getEvent: async () => null }),
      });
      await waitUntil(() => gone.el.shadowRoot!.textContent!.includes('Event not found'), 'not found');
      gone.el.remove();
      await waitUntil(async () => (await savedRead(user('CREW').email, eventKey(ID))) === undefined, 'copy forgotten');
      const { el } = await offlineDetail('CREW');
      await waitUntil(() => el.shadowRoot!.querySelector('.load-failed'), 'failure shown', { timeout: 5000 });
    });

    it('shows the saved copy while the first load is on its way (a slow link), then the live event', async () => {
      await openedOnline();
      let release!: () => void;
      const api = memoryApi({
        getEvent: async () => {
          await new Promise<void>((r) => (release = r));
          return { event: sampleEvent({ title: 'Fireworks Sail (live)' }), roster: [sampleEntry()], walkUps: [] };
        },
      });
      const { el } = await fixtureWith<SccEventDetail>(html`<scc-event-detail eventId=${ID}></scc-event-detail>`, {
        user: user('CREW'),
        api,
      });
      await waitUntil(() => notice(el).includes('loading the latest'), 'saved copy shown while loading', {
        timeout: 5000,
      });
      expect(el.shadowRoot!.querySelector('h1')!.textContent).toBe('Fireworks Sail');
      release();
      await waitUntil(
        () => el.shadowRoot!.querySelector('h1')!.textContent === 'Fireworks Sail (live)',
        'live event shown',
      );
      expect(el.shadowRoot!.querySelector('.saved-copy')).toBeNull();
    });

    it('shows the saved copy while the data client is still loading, saying the latest is on its way', async () => {
      await openedOnline();
      const { el, providers } = await fixtureWith<SccEventDetail>(
        html`<scc-event-detail eventId=${ID}></scc-event-detail>`,
        { user: user('CREW') },
      );
      await waitUntil(() => notice(el).includes('loading the latest'), 'saved copy shown while loading', {
        timeout: 5000,
      });
      expect(notice(el)).not.toContain('Offline');
      expect(el.shadowRoot!.querySelector('scc-roster')).not.toBeNull();
      providers.api.setValue(memoryApi());
      await waitUntil(() => !el.shadowRoot!.querySelector('.saved-copy'), 'fresh load shown');
    });
  });

  describe('a cancelled sailing', () => {
    const cancelledDetail = async () => ({
      event: sampleEvent({ status: 'CANCELLED', cancelReason: 'gale warning', cancelledBy: 'admins@example.com' }),
      roster: [sampleEntry()],
      walkUps: [],
    });

    it('offers Log payment only while someone owes money: logPayment refuses every payment once nothing is owed', async () => {
      const button = (el: SccEventDetail) =>
        [...el.shadowRoot!.querySelectorAll('header button')].find((b) => b.textContent!.trim() === 'Log payment');
      expect(button((await render('CREW')).el)).toBeDefined();
      const paid = async () => ({
        event: sampleEvent({ paidCents: 15000, balanceCents: 0 }),
        roster: [sampleEntry({ paidCents: 10000, balanceCents: 0 })],
        walkUps: [],
      });
      const { el } = await render('CREW', memoryApi({ getEvent: paid }));
      expect(button(el)).toBeUndefined();
      expect(el.shadowRoot!.querySelector('header')!.textContent!.replace(/\s+/g, ' ')).toContain('balance $0.00');
    });

    it('offers admins only to cancel a scheduled sailing', async () => {
      expect((await render('ADMINS')).el.shadowRoot!.querySelector('scc-cancel-event')).not.toBeNull();
      expect((await render('CREW')).el.shadowRoot!.querySelector('scc-cancel-event')).toBeNull();
    });

    it('shows the cancellation in place of the roster, with no Log payment and no second cancel', async () => {
      const { el } = await fixtureWith<SccEventDetail>(
        html`<scc-event-detail eventId="2025-07-04-fireworks-sail"></scc-event-detail>`,
        { user: user('ADMINS'), api: memoryApi({ getEvent: cancelledDetail }) },
      );
      await waitUntil(() => el.shadowRoot!.querySelector('scc-cancelled-sailing'), 'cancellation shown');
      expect(el.shadowRoot!.querySelector('scc-roster')).toBeNull();
      expect(el.shadowRoot!.querySelector('scc-cancel-event')).toBeNull();
      expect([...el.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent!.includes('Log payment'))).toBe(
        false,
      );
    });

    it('says nothing is owed and what is still to refund, never the stored balance of a sailing that will not sail', async () => {
      // A patron refunded in full: the stored balance is back to what was due ($50.00), the sailing holds nothing.
      const refunded = async () => ({
        event: sampleEvent({
          status: 'CANCELLED',
          cancelReason: 'gale',
          priceCents: 2500,
          dueCents: 5000,
          paidCents: 0,
          balanceCents: 5000,
        }),
        roster: [sampleEntry({ amountDueCents: 5000, paidCents: 0, balanceCents: 5000 })],
        walkUps: [],
      });
      const { el } = await fixtureWith<SccEventDetail>(
        html`<scc-event-detail eventId="2025-07-04-fireworks-sail"></scc-event-detail>`,
        { user: user('ADMINS'), api: memoryApi({ getEvent: refunded }) },
      );
      await waitUntil(() => el.shadowRoot!.querySelector('header p'), 'header shown');
      const header = el.shadowRoot!.querySelector('header')!.textContent!.replace(/\s+/g, ' ');
      expect(header).toContain('Cancelled: nothing owed · $0.00 still to refund');
      expect(header).not.toContain('balance');
      expect(header).not.toContain('$50.00');
    });
  });
});
