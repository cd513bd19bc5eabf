import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../src/components/scc-patron-form';
import type { SccPatronForm } from '../../src/components/scc-patron-form';
import { createDataClient } from '../../src/graphql/client';
import { fixtureWith, memoryApi, sampleEntry, user } from './support/fixtures';

async function render(api = memoryApi()) {
  const { el } = await fixtureWith<SccPatronForm>(
    html`<scc-patron-form eventId="2025-07-04-fireworks-sail" priceCents="5000"></scc-patron-form>`, { user: user('ADMINS'), api });
  return { el, api };
}
const input = (el: SccPatronForm, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[name=${name}]`)!;
const submit = (el: SccPatronForm) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();

describe('scc-patron-form', () => {
  it('adds a patron with the typed amount due in cents', async () => {
    const { el, api } = await render();
    await el.show();
    input(el, 'name').value = 'Beth March';
    input(el, 'email').value = 'Beth@Example.com';
    input(el, 'partySize').value = '3';
    input(el, 'amountDue').value = '$120';
    const fired = oneEvent(el, 'scc-patron-changed');
    submit(el);
    expect((await fired).detail.change).toBe('added');
    expect(api.calls[0].args[0]).toEqual({
      eventId: '2025-07-04-fireworks-sail', email: 'beth@example.com', name: 'Beth March', partySize: 3, amountDueCents: 12000,
    });
  });

  it('leaves the amount due to the server (price × party) when left empty', async () => {
    const { el, api } = await render();
    await el.show();
    input(el, 'name').value = 'Beth March';
    input(el, 'email').value = 'beth@example.com';
    submit(el);
    await oneEvent(el, 'scc-patron-changed');
    expect(api.calls[0].args[0]).not.toHaveProperty('amountDueCents');
  });

  it('refuses a missing name and a malformed email without sending', async () => {
    const { el, api } = await render();
    await el.show();
    input(el, 'email').value = 'beth';
    submit(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).toContain('Enter the patron’s name.');
    expect(el.shadowRoot!.textContent).toContain('Enter an email address like jo@example.com.');
    expect(api.calls).toHaveLength(0);
  });

  it('edits an entry, starting from its current values', async () => {
    const { el, api } = await render();
    await el.show(sampleEntry());
    expect(input(el, 'name').value).toBe('Jo March');
    expect(input(el, 'amountDue').value).toBe('100.00');
    input(el, 'partySize').value = '4';
    const fired = oneEvent(el, 'scc-patron-changed');
    submit(el);
    expect((await fired).detail.change).toBe('updated');
    expect(api.calls[0]).toMatchObject({ method: 'updatePatron', args: [{ email: 'jo@example.com', partySize: 4, amountDueCents: 10000 }] });
  });

  /** A client whose addPatron gets AppSync's refusal, as test/api/events.test.ts pins it. */
  const refusing = (message: string, errorInfo: Record<string, unknown>) => {
    const client = createDataClient(async () => {
      throw { data: null, errors: [{ message, errorType: 'Conflict', errorInfo }] };
    });
    return { ...memoryApi(), addPatron: client.addPatron };
  };

  async function addRefused(api: ReturnType<typeof refusing>, partySize = '1') {
    const { el } = await render(api as ReturnType<typeof memoryApi>);
    await el.show();
    input(el, 'name').value = 'Beth March';
    input(el, 'email').value = 'beth@example.com';
    input(el, 'partySize').value = partySize;
    const stale = oneEvent(el, 'scc-data-stale');
    submit(el);
    await stale;
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'refusal shown');
    return el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
  }

  it('says the patron is already on the roster, and only that', async () => {
    const words = await addRefused(refusing('beth@example.com is already on the roster of this event.', { reason: 'ALREADY_ON_ROSTER' }));
    expect(words).toContain('beth@example.com is already on this event’s roster.');
    expect(words).not.toMatch(/full|room/);
  });

  it('says the boat has no room for the party, and how much is left', async () => {
    const words = await addRefused(refusing('A party of 3 does not fit: 2 of 40 places left on this event.', { reason: 'NO_ROOM', placesLeft: 2, capacity: 40 }), '3');
    expect(words).toContain('a party of 3 does not fit, only 2 of 40 places are left.');
    expect(words).not.toContain('already on');
  });

  it('says the boat is full when no place is left', async () => {
    const words = await addRefused(refusing('A party of 1 does not fit: 0 of 40 places left on this event.', { reason: 'NO_ROOM', placesLeft: 0, capacity: 40 }));
    expect(words).toBe('The boat is full: all 40 places are taken.');
  });

  it('is accessible', async () => {
    const { el } = await render();
    await el.show();
    await chai(el).to.be.accessible();
  });
});
