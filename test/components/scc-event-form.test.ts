import { expect as chai, html, oneEvent } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../src/components/scc-event-form';
import type { SccEventForm } from '../../src/components/scc-event-form';
import { fixtureWith, memoryApi, sampleEvent, user } from './support/fixtures';

async function render(api = memoryApi()) {
  const { el } = await fixtureWith<SccEventForm>(html`<scc-event-form .event=${sampleEvent()}></scc-event-form>`, { user: user('ADMINS'), api });
  await el.show();
  return { el, api };
}
const input = (el: SccEventForm, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[name=${name}]`)!;

/** A new event's form filled in (title Sunset Sail, 30 people) and submitted. */
async function createWith(fields: Record<string, string>) {
  const api = memoryApi();
  const { el } = await fixtureWith<SccEventForm>(html`<scc-event-form></scc-event-form>`, { user: user('ADMINS'), api });
  await el.show();
  for (const [name, value] of Object.entries({ title: 'Sunset Sail', capacity: '30', ...fields })) input(el, name).value = value;
  const fired = oneEvent(el, 'scc-event-changed');
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  return { el, api, fired };
}

describe('scc-event-form', () => {
  it('assigns captain, crew and capacity', async () => {
    const { el, api } = await render();
    expect(input(el, 'crew').value).toBe('Ishmael, Queequeg');
    input(el, 'captain').value = 'Starbuck';
    input(el, 'crew').value = 'Ishmael,  Stubb , ';
    input(el, 'capacity').value = '45';
    const fired = oneEvent(el, 'scc-event-changed');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fired;
    expect(api.calls[0].args[0]).toMatchObject({ id: '2025-07-04-fireworks-sail', captain: 'Starbuck', crew: ['Ishmael', 'Stubb'], capacity: 45 });
  });

  it('edits a charter priced at $0.00 a person (billed per party) without asking for a price', async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccEventForm>(html`<scc-event-form .event=${{ ...sampleEvent(), priceCents: 0 }}></scc-event-form>`, { user: user('ADMINS'), api });
    await el.show();
    expect(input(el, 'price').value).toBe('0.00');
    input(el, 'captain').value = 'Starbuck';
    const fired = oneEvent(el, 'scc-event-changed');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fired;
    expect(api.calls[0].args[0]).toMatchObject({ captain: 'Starbuck', priceCents: 0 });
  });

  it('refuses a price it cannot read', async () => {
    const { el, api } = await render();
    input(el, 'price').value = '12.345';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('Price: Use at most two digits for cents.');
    expect(api.calls).toHaveLength(0);
  });

  it('refuses a capacity that is not a whole number of people', async () => {
    const { el, api } = await render();
    input(el, 'capacity').value = '0';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('at least 1');
    expect(api.calls).toHaveLength(0);
  });

  it('creates an event from Pacific date and times, whatever the browser zone, and a typed price', async () => {
    const { el, api, fired } = await createWith({ date: '2026-12-04', start: '18:30', end: '21:00', price: '$45.50' });
    expect((await fired).detail.event.id).toBe('new-event');
    expect(api.calls[0]).toMatchObject({
      method: 'createEvent',
      args: [{ title: 'Sunset Sail', capacity: 30, priceCents: 4550, startsAt: '2026-12-05T02:30:00.000Z', endsAt: '2026-12-05T05:00:00.000Z' }],
    });
    expect(el.shadowRoot!.textContent).toContain('Pacific Time');
  });

  it.each([
    ['2026-03-08', '2026-03-09T01:00:00.000Z', '2026-03-09T03:30:00.000Z'],
    ['2026-11-01', '2026-11-02T02:00:00.000Z', '2026-11-02T04:30:00.000Z'],
  ])('reads an evening sail on the DST-change day %s in Pacific time', async (day, startsAt, endsAt) => {
    const { api, fired } = await createWith({ date: day, start: '18:00', end: '20:30', price: '45' });
    await fired;
    expect(api.calls[0].args[0]).toMatchObject({ startsAt, endsAt });
  });

  it('shows an event in Pacific wall time and saves it back unmoved', async () => {
    // 4:30 PM PDT on Jul 4 (23:30 UTC; Jul 5 in Tokyo).
    const { el, api } = await render();
    expect([input(el, 'date').value, input(el, 'start').value, input(el, 'end').value]).toEqual(['2025-07-04', '16:30', '19:00']);
    const fired = oneEvent(el, 'scc-event-changed');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fired;
    expect(api.calls[0].args[0]).toMatchObject({ startsAt: '2025-07-04T23:30:00.000Z', endsAt: '2025-07-05T02:00:00.000Z' });
  });

  it('refuses an end time before the start, rather than moving it to the next day', async () => {
    const { el, api } = await render();
    input(el, 'start').value = '18:30';
    input(el, 'end').value = '17:00';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('The end time must be after the start time');
    expect(api.calls).toHaveLength(0);
  });

  it('refuses an event without a start time', async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccEventForm>(html`<scc-event-form></scc-event-form>`, { user: user('ADMINS'), api });
    await el.show();
    input(el, 'title').value = 'Moonlight Sail';
    input(el, 'capacity').value = '30';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('Pick the date and the start time.');
    expect(api.calls).toHaveLength(0);
  });

  it('is accessible', async () => {
    const { el } = await render();
    await chai(el).to.be.accessible();
  });
});
