import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-patron-form';
import type { SccPatronForm } from '../../../src/components/scc-patron-form';
import { createDataClient } from '../../../src/graphql/client';
import type { RosterEntry } from '../../../src/graphql/types';
import { fixtureWith, memoryApi, sampleEntry, user } from './support/fixtures';
import { control, invalidIds, messageOf, onPhone, overflowing, unlabelled } from './support/forms';

async function render(api = memoryApi()) {
  const { el } = await fixtureWith<SccPatronForm>(
    html`<scc-patron-form eventId="2025-07-04-fireworks-sail" priceCents="5000"></scc-patron-form>`,
    { user: user('ADMINS'), api },
  );
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
      eventId: '2025-07-04-fireworks-sail',
      email: 'beth@example.com',
      name: 'Beth March',
      partySize: 3,
      amountDueCents: 12000,
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
    expect(messageOf(el.shadowRoot!, 'name')).toBe('Enter the patron’s name.');
    expect(messageOf(el.shadowRoot!, 'email')).toBe('Enter an email address like jo@example.com.');
    expect(api.calls).toHaveLength(0);
  });

  it('labels every control by for/id, when adding and when editing', async () => {
    const { el } = await render();
    await el.show();
    expect(unlabelled(el.shadowRoot!)).toEqual([]);
    expect(control(el.shadowRoot!, 'email').labels![0].textContent).toBe('Email');
    await el.show(sampleEntry());
    expect(unlabelled(el.shadowRoot!)).toEqual([]);
  });

  it('marks each refused field, describes it by its own message, and focuses the first', async () => {
    const { el } = await render();
    await el.show();
    const root = el.shadowRoot!;
    input(el, 'email').value = 'beth';
    input(el, 'partySize').value = '2.5';
    input(el, 'amountDue').value = '12.345';
    submit(el);
    await el.updateComplete;
    expect(invalidIds(root)).toEqual(['name', 'email', 'partySize', 'amountDue']);
    for (const id of invalidIds(root)) expect(control(root, id).getAttribute('aria-describedby')).toBe(`${id}-help`);
    expect(messageOf(root, 'partySize')).toBe('Party size is a whole number, at least 1.');
    expect(messageOf(root, 'amountDue')).toBe('Use at most two digits for cents.');
    expect(root.activeElement).toBe(control(root, 'name'));
    expect(control(root, 'phone').getAttribute('aria-invalid')).toBe('false');
  });

  it('focuses the first refused field even when earlier ones are fine', async () => {
    const { el } = await render();
    await el.show();
    input(el, 'name').value = 'Beth March';
    input(el, 'email').value = 'beth@example.com';
    input(el, 'partySize').value = '0';
    submit(el);
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).toBe(control(el.shadowRoot!, 'partySize'));
  });

  /** A client whose addPatron and updatePatron get AppSync's ValidationError with these words. */
  const invalidOnServer = (message: string) => {
    const client = createDataClient(async () => {
      throw { data: null, errors: [{ message, errorType: 'ValidationError' }] };
    });
    return { ...memoryApi(), addPatron: client.addPatron, updatePatron: client.updatePatron } as ReturnType<
      typeof memoryApi
    >;
  };

  it('puts a ValidationError from the server on the field it names, in the form’s words, and focuses it', async () => {
    // The resolvers' optionalPhone: the form leaves checking a phone number to the server.
    const { el } = await render(
      invalidOnServer(
        'phone must be a phone number: 7 to 15 digits, optionally with +, spaces, dashes, dots or brackets.',
      ),
    );
    await el.show();
    const root = el.shadowRoot!;
    input(el, 'name').value = 'Beth March';
    input(el, 'email').value = 'beth@example.com';
    input(el, 'phone').value = 'call me';
    submit(el);
    await waitUntil(() => invalidIds(root).length > 0, 'refusal shown on a field');
    expect(invalidIds(root)).toEqual(['phone']);
    expect(messageOf(root, 'phone')).toBe(
      'Phone must be a phone number: 7 to 15 digits, optionally with +, spaces, dashes, dots or brackets.',
    );
    await waitUntil(() => root.activeElement === control(root, 'phone'), 'phone focused');
    expect(root.querySelector('[role=alert]')).toBeNull();
  });

  it('names the amount due, not amountDueCents, when the server refuses it', async () => {
    const { el } = await render(invalidOnServer('amountDueCents must be a whole number.'));
    await el.show(sampleEntry());
    submit(el);
    await waitUntil(() => invalidIds(el.shadowRoot!).length > 0, 'refusal shown on a field');
    expect(invalidIds(el.shadowRoot!)).toEqual(['amountDue']);
    expect(messageOf(el.shadowRoot!, 'amountDue')).toBe('Amount due must be a whole number.');
  });

  it('shows a refused email for the whole form when editing, where the email is no field', async () => {
    const { el } = await render(invalidOnServer('email must be an email address.'));
    await el.show(sampleEntry());
    submit(el);
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'refusal shown');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('email must be an email address.');
    expect(invalidIds(el.shadowRoot!)).toEqual([]);
  });

  it('keeps every message inside the dialog on a 375 px phone', async () => {
    await onPhone(async () => {
      const { el } = await render();
      await el.show();
      input(el, 'email').value = 'an-address-without-any-at-sign-that-goes-on-and-on.example.com';
      input(el, 'partySize').value = '-3';
      input(el, 'amountDue').value = '99999999999';
      submit(el);
      await el.updateComplete;
      expect(invalidIds(el.shadowRoot!)).toEqual(['name', 'email', 'partySize', 'amountDue']);
      expect(overflowing(el.shadowRoot!)).toEqual([]);
    });
  });

  it('wraps a refusal naming a long email inside the dialog on a 375 px phone', async () => {
    const email = 'alongaddresswithnoplacetobreak@alongdomainforthecharteroffice.example.com';
    await onPhone(async () => {
      const words = await addRefusedAs(
        refusing(`${email} is already on the roster of this event.`, { reason: 'ALREADY_ON_ROSTER' }),
        email,
      );
      expect(words).toContain(email);
      expect(overflowing(lastForm!.shadowRoot!)).toEqual([]);
    });
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
    expect(api.calls[0]).toMatchObject({
      method: 'updatePatron',
      args: [{ email: 'jo@example.com', partySize: 4, amountDueCents: 10000 }],
    });
  });

  /** A client whose addPatron and updatePatron get AppSync's refusal, as test/api/events.test.ts pins it. */
  const refusing = (message: string, errorInfo: Record<string, unknown>) => {
    const client = createDataClient(async () => {
      throw { data: null, errors: [{ message, errorType: 'Conflict', errorInfo }] };
    });
    return { ...memoryApi(), addPatron: client.addPatron, updatePatron: client.updatePatron };
  };

  /** The form refusedWith last opened. */
  let lastForm: SccPatronForm | undefined;

  /** Opens the form (to edit `entry`, or to add), fills `fields`, submits, and returns the refusal shown. */
  async function refusedWith(api: ReturnType<typeof refusing>, fields: Record<string, string>, entry?: RosterEntry) {
    const { el } = await render(api as ReturnType<typeof memoryApi>);
    lastForm = el;
    await el.show(entry);
    for (const [name, value] of Object.entries(fields)) input(el, name).value = value;
    const stale = oneEvent(el, 'scc-data-stale');
    submit(el);
    await stale;
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'refusal shown');
    return el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
  }
  const addRefused = (api: ReturnType<typeof refusing>, partySize = '1') =>
    refusedWith(api, { name: 'Beth March', email: 'beth@example.com', partySize });
  const addRefusedAs = (api: ReturnType<typeof refusing>, email: string) =>
    refusedWith(api, { name: 'Beth March', email });
  const editRefused = (api: ReturnType<typeof refusing>, change: Record<string, string>) =>
    refusedWith(api, change, sampleEntry());

  it('says the patron is already on the roster, and only that', async () => {
    const words = await addRefused(
      refusing('beth@example.com is already on the roster of this event.', { reason: 'ALREADY_ON_ROSTER' }),
    );
    expect(words).toContain('beth@example.com is already on this event’s roster.');
    expect(words).not.toMatch(/full|room/);
  });

  it('says the boat has no room for the party, and how much is left', async () => {
    const words = await addRefused(
      refusing('A party of 3 does not fit: 2 of 40 places left on this event.', {
        reason: 'NO_ROOM',
        placesLeft: 2,
        capacity: 40,
      }),
      '3',
    );
    expect(words).toContain('a party of 3 does not fit, only 2 of 40 places are left.');
    expect(words).not.toContain('already on');
  });

  it('says the boat is full when no place is left', async () => {
    const words = await addRefused(
      refusing('A party of 1 does not fit: 0 of 40 places left on this event.', {
        reason: 'NO_ROOM',
        placesLeft: 0,
        capacity: 40,
      }),
    );
    expect(words).toBe('The boat is full: all 40 places are taken.');
  });

  it('says when an edited party no longer fits, and how many more places are left', async () => {
    const words = await editRefused(
      refusing('A party of 6 does not fit: 3 of 40 places left on this event.', {
        reason: 'NO_ROOM',
        placesLeft: 3,
        capacity: 40,
      }),
      { partySize: '6' },
    );
    expect(words).toBe('Not enough room: a party of 6 does not fit, only 3 more of 40 places are left.');
  });

  it('says the boat is full when a party cannot grow at all', async () => {
    const words = await editRefused(
      refusing('A party of 3 does not fit: 0 of 40 places left on this event.', {
        reason: 'NO_ROOM',
        placesLeft: 0,
        capacity: 40,
      }),
      { partySize: '3' },
    );
    expect(words).toBe('The boat is full: all 40 places are taken, so the party cannot grow to 3.');
  });

  it('says an edit lost the race with another change, and nothing else', async () => {
    const words = await editRefused(
      refusing('Someone else changed this patron or event a moment ago.', { reason: 'EVENT_CHANGED' }),
      { partySize: '3' },
    );
    expect(words).toContain('Someone else changed this patron or the event while this was being saved');
    expect(words).not.toMatch(/full|room|paid/);
  });

  it('says the amount due cannot go below what was paid, naming it', async () => {
    const words = await editRefused(
      refusing('The amount due cannot be less than the $25.00 already paid.', {
        reason: 'DUE_BELOW_PAID',
        paidCents: 2_500,
      }),
      { amountDue: '10' },
    );
    expect(words).toBe('The amount due cannot be less than the $25.00 already paid: void payments first.');
  });

  it('is accessible', async () => {
    const { el } = await render();
    await el.show();
    await chai(el).to.be.accessible();
  });
});
