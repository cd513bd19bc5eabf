import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-event-form';
import type { SccEventForm } from '../../../src/components/scc-event-form';
import { ApiError } from '../../../src/graphql/errors';
import { createDataClient } from '../../../src/graphql/client';
import { fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';
import { control, invalidIds, messageOf, onPhone, overflowing, unlabelled } from './support/forms';

async function render(api = memoryApi()) {
  const { el } = await fixtureWith<SccEventForm>(html`<scc-event-form .event=${sampleEvent()}></scc-event-form>`, {
    user: user('ADMINS'),
    api,
  });
  await el.show();
  return { el, api };
}
/** What was sent to updateEvent or createEvent (the overlap check's listEvents comes first). */
const saved = (api: ReturnType<typeof memoryApi>) =>
  api.calls.find((c) => c.method === 'updateEvent' || c.method === 'createEvent')!.args[0];
const input = (el: SccEventForm, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[name=${name}]`)!;

/** The sample event (3 parties booked at $50.00) being edited, its price typed anew. */
async function withNewPrice(price: string, api: ReturnType<typeof memoryApi>) {
  const { el } = await render(api);
  input(el, 'price').value = price;
  input(el, 'price').dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
  return el;
}

/** A new event's form filled in (title Sunset Sail, 30 people) and submitted. */
async function createWith(fields: Record<string, string>, api = memoryApi()) {
  const { el } = await fixtureWith<SccEventForm>(html`<scc-event-form></scc-event-form>`, {
    user: user('ADMINS'),
    api,
  });
  await el.show();
  for (const [name, value] of Object.entries({ title: 'Sunset Sail', capacity: '30', ...fields }))
    input(el, name).value = value;
  const fired = oneEvent(el, 'scc-event-changed');
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  return { el, api, fired };
}

/** The capacity typed into the sample event (5 booked) and saved: its field's message, once refused with nothing sent. */
async function refusedCapacity(value: string) {
  const { el, api } = await render();
  input(el, 'capacity').value = value;
  el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
  await el.updateComplete;
  expect(invalidIds(el.shadowRoot!)).toEqual(['capacity']);
  expect(api.calls).toHaveLength(0);
  return messageOf(el.shadowRoot!, 'capacity');
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
    expect(saved(api)).toMatchObject({
      id: '2025-07-04-fireworks-sail',
      captain: 'Starbuck',
      crew: ['Ishmael', 'Stubb'],
      capacity: 45,
    });
  });

  it('edits a charter priced at $0.00 a person (billed per party) without asking for a price', async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccEventForm>(
      html`<scc-event-form .event=${{ ...sampleEvent(), priceCents: 0 }}></scc-event-form>`,
      { user: user('ADMINS'), api },
    );
    await el.show();
    expect(input(el, 'price').value).toBe('0.00');
    input(el, 'captain').value = 'Starbuck';
    const fired = oneEvent(el, 'scc-event-changed');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fired;
    expect(saved(api)).toMatchObject({ captain: 'Starbuck', priceCents: 0 });
  });

  it('refuses a price it cannot read', async () => {
    const { el, api } = await render();
    input(el, 'price').value = '12.345';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(invalidIds(el.shadowRoot!)).toEqual(['price']);
    expect(messageOf(el.shadowRoot!, 'price')).toBe('Use at most two digits for cents.');
    expect(api.calls).toHaveLength(0);
  });

  it('refuses a capacity that is not a whole number of people', async () => {
    expect(await refusedCapacity('0')).toContain('at least 1');
  });

  it('refuses, before sending, a capacity below the people booked (updateEvent refuses it as BELOW_BOOKED)', async () => {
    expect(await refusedCapacity('4')).toBe('5 people are booked: capacity cannot go below that.');
  });

  it('creates an event from Pacific date and times, whatever the browser zone, and a typed price', async () => {
    const { el, api, fired } = await createWith({ date: '2026-12-04', start: '18:30', end: '21:00', price: '$45.50' });
    expect((await fired).detail.event.id).toBe('new-event');
    expect(api.calls[0]).toMatchObject({
      method: 'createEvent',
      args: [
        {
          title: 'Sunset Sail',
          capacity: 30,
          priceCents: 4550,
          startsAt: '2026-12-05T02:30:00.000Z',
          endsAt: '2026-12-05T05:00:00.000Z',
        },
      ],
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
    expect([input(el, 'date').value, input(el, 'start').value, input(el, 'end').value]).toEqual([
      '2025-07-04',
      '16:30',
      '19:00',
    ]);
    const fired = oneEvent(el, 'scc-event-changed');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fired;
    expect(saved(api)).toMatchObject({ startsAt: '2025-07-04T23:30:00.000Z', endsAt: '2025-07-05T02:00:00.000Z' });
  });

  it('refuses an end time before the start, rather than moving it to the next day', async () => {
    const { el, api } = await render();
    input(el, 'start').value = '18:30';
    input(el, 'end').value = '17:00';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(invalidIds(el.shadowRoot!)).toEqual(['end']);
    expect(messageOf(el.shadowRoot!, 'end')).toContain('The end time must be after the start time');
    expect(api.calls).toHaveLength(0);
  });

  it('refuses an event without a start time', async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccEventForm>(html`<scc-event-form></scc-event-form>`, {
      user: user('ADMINS'),
      api,
    });
    await el.show();
    input(el, 'title').value = 'Moonlight Sail';
    input(el, 'capacity').value = '30';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(invalidIds(el.shadowRoot!)).toEqual(['date', 'start']);
    expect(messageOf(el.shadowRoot!, 'date')).toBe('Pick the date.');
    expect(messageOf(el.shadowRoot!, 'start')).toBe('Pick the start time.');
    expect(api.calls).toHaveLength(0);
  });

  it('warns, before saving, of another event on the same boat at the same time, and saves when asked again', async () => {
    // Fireworks Sail (memoryApi's listEvents) is aboard Lady Washington, 4:30-7:00 PM PDT on Jul 4, 2025.
    const { el, api } = await createWith({
      date: '2025-07-04',
      start: '18:00',
      end: '20:00',
      boat: 'lady washington',
      price: '40',
    });
    await waitUntil(() => el.shadowRoot!.querySelector('.notice[role=alert]'), 'overlap warning');
    const warning = el.shadowRoot!.querySelector('.notice[role=alert]')!.textContent!.replace(/\s+/g, ' ');
    expect(warning).toContain('Fireworks Sail, Fri, Jul 4, 4:30 PM – 7:00 PM PDT: same boat (Lady Washington)');
    expect(api.calls.map((c) => c.method)).toEqual(['listEvents']);
    expect(api.calls[0].args.slice(0, 2)).toEqual(['2025-07-03', '2025-07-05']);
    const submit = el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(submit.textContent).toContain('Save anyway');
    const fired = oneEvent(el, 'scc-event-changed');
    submit.click();
    await fired;
    expect(api.calls.map((c) => c.method)).toEqual(['listEvents', 'createEvent']);
  });

  it('looks for overlaps on every page of those days, not only the first', async () => {
    const api = memoryApi({
      listEvents: async (_from, _to, token) =>
        token ? { items: [sampleEvent()], nextToken: null } : { items: [], nextToken: 'p2' },
    });
    const { el } = await createWith({ date: '2025-07-04', start: '18:00', boat: 'Lady Washington' }, api);
    await waitUntil(() => el.shadowRoot!.querySelector('.notice[role=alert]'), 'overlap found on page 2');
    expect(api.calls.map((c) => c.args[2] ?? null)).toEqual([null, 'p2']);
  });

  it('warns of the same captain too, and not of events that merely touch or use another boat', async () => {
    const { el } = await createWith({ date: '2025-07-04', start: '15:00', end: '17:00', captain: 'AHAB', price: '40' });
    await waitUntil(() => el.shadowRoot!.querySelector('.notice[role=alert]'), 'overlap warning');
    expect(el.shadowRoot!.querySelector('.notice')!.textContent).toContain('same captain (Capt. Ahab)');
    const after = await createWith({
      date: '2025-07-04',
      start: '19:00',
      end: '21:00',
      boat: 'Lady Washington',
      captain: 'Ahab',
      price: '40',
    });
    await after.fired;
    const other = await createWith({
      date: '2025-07-04',
      start: '17:00',
      end: '18:00',
      boat: 'Hawaiian Chieftain',
      price: '40',
    });
    await other.fired;
    expect(other.api.calls.map((c) => c.method)).toEqual(['listEvents', 'createEvent']);
  });

  it('says the booked patrons’ dues are unchanged by a new price, and saves only the event unless asked', async () => {
    const api = memoryApi();
    const el = await withNewPrice('60', api);
    expect(el.shadowRoot!.querySelector('.notice[role=status]')!.textContent).toContain(
      'does not change what the 3 parties already booked owe ($50.00 a person',
    );
    const fired = oneEvent(el, 'scc-event-changed');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await fired;
    expect(api.calls.filter((c) => c.method !== 'listEvents').map((c) => c.method)).toEqual(['updateEvent']);
  });

  it('applies a new price to the patrons booked at the old one when asked, leaving amounts agreed by hand', async () => {
    const roster = [
      sampleEntry(),
      sampleEntry({ email: 'amy@example.com', name: 'Amy', partySize: 1, amountDueCents: 3500 }),
    ];
    const api = memoryApi({ getEvent: async () => ({ event: sampleEvent(), roster, walkUps: [] }) });
    const el = await withNewPrice('60', api);
    input(el, 'applyPrice').checked = true;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('dialog')!.open, 'dialog closed');
    const updates = api.calls.filter((c) => c.method === 'updatePatron').map((c) => c.args[0]);
    expect(updates).toEqual([
      { eventId: '2025-07-04-fireworks-sail', email: 'jo@example.com', amountDueCents: 12_000 },
    ]);
  });

  it('tells the page to reload only once the new price is applied, so the roster never shows the old dues', async () => {
    const api = memoryApi();
    const el = await withNewPrice('60', api);
    input(el, 'applyPrice').checked = true;
    let calledBeforeReload: string[] = [];
    el.addEventListener('scc-event-changed', () => (calledBeforeReload = api.calls.map((c) => c.method)), {
      once: true,
    });
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('dialog')!.open, 'dialog closed');
    expect(calledBeforeReload).toContain('updatePatron');
  });

  it('says whom a new price could not be applied to, keeping the form open', async () => {
    const api = memoryApi({
      updatePatron: async () => {
        throw new ApiError(
          'Conflict',
          'The amount due cannot be less than the $70.00 already paid: void payments first.',
        );
      },
    });
    const el = await withNewPrice('20', api);
    input(el, 'applyPrice').checked = true;
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => el.shadowRoot!.textContent!.includes('could not be applied to'), 'partial result said');
    expect(el.shadowRoot!.textContent).toContain('Jo March');
    expect(el.shadowRoot!.querySelector('dialog')!.open).toBe(true);
  });

  it('is accessible', async () => {
    const { el } = await render();
    await chai(el).to.be.accessible();
  });

  describe('shows what is wrong on the field itself', () => {
    /** A new event's form, empty. */
    async function blank(api = memoryApi()) {
      const { el } = await fixtureWith<SccEventForm>(html`<scc-event-form></scc-event-form>`, {
        user: user('ADMINS'),
        api,
      });
      await el.show();
      return el;
    }
    const submit = (el: SccEventForm) =>
      el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();

    it('labels every control by for/id, the price checkbox included', async () => {
      const el = await withNewPrice('20', memoryApi());
      expect(control(el.shadowRoot!, 'applyPrice')).not.toBeNull();
      expect(unlabelled(el.shadowRoot!)).toEqual([]);
      expect(control(el.shadowRoot!, 'capacity').labels![0].textContent).toContain('Capacity');
    });

    it('marks each refused field, describes it by its own message, and focuses the first', async () => {
      const el = await blank();
      control(el.shadowRoot!, 'price').value = 'ten';
      submit(el);
      await el.updateComplete;
      const root = el.shadowRoot!;
      expect(invalidIds(root)).toEqual(['title', 'date', 'start', 'capacity', 'price']);
      expect(messageOf(root, 'title')).toBe('Give the event a title.');
      expect(messageOf(root, 'price')).toBe('Type an amount like 25, 25.50 or $1,250.00.');
      for (const id of invalidIds(root)) expect(control(root, id).getAttribute('aria-describedby')).toBe(`${id}-help`);
      expect(root.activeElement).toBe(control(root, 'title'));
      // The fields that are fine say so, and their messages are empty.
      expect(control(root, 'boat').getAttribute('aria-invalid')).toBe('false');
      expect(messageOf(root, 'boat')).toBe('');
    });

    it('clears the marks once the form is right', async () => {
      const { el } = await render();
      control(el.shadowRoot!, 'capacity').value = '0';
      submit(el);
      await el.updateComplete;
      control(el.shadowRoot!, 'capacity').value = '30';
      const fired = oneEvent(el, 'scc-event-changed');
      submit(el);
      await fired;
      expect(invalidIds(el.shadowRoot!)).toEqual([]);
    });

    it('puts a ValidationError from the server on the field it names, in the form’s words, and focuses it', async () => {
      // AppSync's answer as the resolvers write it (requireText: "<field> is too long: …").
      const client = createDataClient(async () => {
        throw {
          data: null,
          errors: [{ message: 'title is too long: at most 200 characters.', errorType: 'ValidationError' }],
        };
      });
      const el = await blank({ ...memoryApi(), createEvent: client.createEvent } as ReturnType<typeof memoryApi>);
      const root = el.shadowRoot!;
      for (const [id, value] of Object.entries({
        title: 'T'.repeat(201),
        date: '2026-12-04',
        start: '18:30',
        capacity: '30',
        price: '45',
      })) {
        control(root, id).value = value;
      }
      submit(el);
      await waitUntil(() => invalidIds(root).length > 0, 'refusal shown on a field');
      expect(invalidIds(root)).toEqual(['title']);
      expect(messageOf(root, 'title')).toBe('Title is too long: at most 200 characters.');
      await waitUntil(() => root.activeElement === control(root, 'title'), 'title focused');
      // Said once, on the field: not again for the whole form.
      expect(root.querySelector('[role=alert]')).toBeNull();
    });

    it('shows a ValidationError about no field of the form for the whole form', async () => {
      const client = createDataClient(async () => {
        throw {
          data: null,
          errors: [{ message: 'Nothing to change: give at least one field.', errorType: 'ValidationError' }],
        };
      });
      const { el } = await render({ ...memoryApi(), updateEvent: client.updateEvent } as ReturnType<typeof memoryApi>);
      submit(el);
      await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'refusal shown');
      expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain(
        'Nothing to change: give at least one field.',
      );
      expect(invalidIds(el.shadowRoot!)).toEqual([]);
    });

    it('keeps every message inside the dialog on a 375 px phone', async () => {
      await onPhone(async () => {
        const el = await blank();
        const root = el.shadowRoot!;
        control(root, 'start').value = '18:30';
        control(root, 'end').value = '17:00';
        control(root, 'date').value = '2026-12-04';
        control(root, 'capacity').value = 'lots';
        control(root, 'price').value = '1234567890123';
        submit(el);
        await el.updateComplete;
        expect(invalidIds(root)).toEqual(['title', 'end', 'capacity', 'price']);
        expect(overflowing(root)).toEqual([]);
      });
    });
  });
});
