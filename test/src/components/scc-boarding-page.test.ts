import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-boarding-page';
import type { SccBoardingPage } from '../../../src/components/scc-boarding-page';
import type { Boarding, CheckIn, RosterEntry } from '../../../src/graphql/types';
import { ApiError } from '../../../src/graphql/errors';
import { fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';

const jo = sampleEntry({ partySize: 1 });
const beth = sampleEntry({ email: 'beth@example.com', name: 'Beth March', partySize: 1 });
const joAboard: CheckIn = {
  eventId: jo.eventId,
  email: jo.email,
  person: 'patron',
  name: jo.name,
  minor: false,
  status: 'CHECKED_IN',
  checkedInAt: '2025-07-04T23:00:00.000Z',
  checkedInBy: 'crew@example.com',
  undoneAt: null,
  undoneBy: null,
  undoReason: null,
  acknowledged: null,
  acknowledgedBy: null,
  owedCents: null,
};

async function render(boarding: Boarding) {
  const api = memoryApi({ boarding: async () => boarding });
  const { el } = await fixtureWith<SccBoardingPage>(
    html`<scc-boarding-page eventId=${jo.eventId}></scc-boarding-page>`,
    { user: user('CREW'), api },
  );
  await waitUntil(() => el.shadowRoot!.querySelector('scc-boarding-person'), 'people shown');
  const people = [...el.shadowRoot!.querySelectorAll('scc-boarding-person')];
  await Promise.all(people.map((p) => p.updateComplete));
  const buttons = people.flatMap((p) =>
    [...p.shadowRoot!.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')),
  );
  return { el, buttons, text: el.shadowRoot!.textContent!.replace(/\s+/g, ' ') };
}

describe('scc-boarding-page', () => {
  it('offers Check in to each person not aboard and Undo to each aboard', async () => {
    const { buttons } = await render({
      event: { ...sampleEvent(), checkedIn: 1 },
      roster: [jo, beth],
      walkUps: [],
      checkIns: [joAboard],
    });
    expect(buttons).toEqual(['Check in Beth March', 'Undo check-in of Jo March']);
  });

  it('on a cancelled sailing offers no Check in (checkIn refuses it), says so once, and keeps Undo (undoCheckIn takes it)', async () => {
    const event = { ...sampleEvent({ status: 'CANCELLED' as const, cancelReason: 'Gale warning' }), checkedIn: 1 };
    const { el, buttons, text } = await render({ event, roster: [jo, beth], walkUps: [], checkIns: [joAboard] });
    expect(buttons).toEqual(['Undo check-in of Jo March']);
    expect(text.match(/Sailing cancelled: no one boards it\./g)).toHaveLength(1);
    await chai(el).to.be.accessible();
  });

  it('lists no one moved to another sailing: they board there, and checkIn refuses them here', async () => {
    const moved = sampleEntry({
      email: 'amy@example.com',
      name: 'Amy March',
      partySize: 1,
      status: 'MOVED',
      movedTo: 'sail-2',
    });
    const { buttons, text } = await render({
      event: { ...sampleEvent(), checkedIn: 0 },
      roster: [beth, moved],
      walkUps: [],
      checkIns: [],
    });
    expect(buttons).toEqual(['Check in Beth March']);
    expect(text).not.toContain('Amy March');
    expect(text).toContain('Not checked in (1)');
  });

  it('on a full boat offers no Check in (checkIn refuses it as NO_ROOM), says why once, and keeps Undo', async () => {
    const event = { ...sampleEvent({ capacity: 1 }), checkedIn: 1 };
    const { buttons, text } = await render({ event, roster: [jo, beth], walkUps: [], checkIns: [joAboard] });
    expect(buttons).toEqual(['Undo check-in of Jo March']);
    expect(
      text.match(/Boat full: 1 of 1 aboard\. Undo a check-in or raise the capacity to board more\./g),
    ).toHaveLength(1);
  });
});

/** A sailing whose boarding answers follow its check-ins, as the API's does; every checkIn recorded. */
function liveSailing(roster: RosterEntry[], refuse?: (acknowledge: readonly string[]) => ApiError | null) {
  const checkIns: CheckIn[] = [];
  const api = memoryApi({
    boarding: async () => ({
      event: { ...sampleEvent(), checkedIn: checkIns.length },
      roster,
      walkUps: [],
      checkIns: [...checkIns],
    }),
    checkIn: async (eventId, email, person, acknowledge = []) => {
      const refusal = refuse?.(acknowledge);
      if (refusal) throw refusal;
      const entry = roster.find((r) => r.email === email)!;
      const c: CheckIn = {
        ...joAboard,
        eventId,
        email,
        person,
        name: entry.name,
        acknowledged: acknowledge.length ? acknowledge : null,
      };
      checkIns.push(c);
      return c;
    },
  });
  return api;
}

async function page(api: ReturnType<typeof memoryApi>) {
  const { el } = await fixtureWith<SccBoardingPage>(
    html`<scc-boarding-page eventId=${jo.eventId}></scc-boarding-page>`,
    { user: user('CREW'), api },
  );
  await waitUntil(() => el.shadowRoot!.querySelector('scc-boarding-person'), 'people shown');
  return el;
}
const personNamed = (el: SccBoardingPage, name: string) =>
  [...el.shadowRoot!.querySelectorAll('scc-boarding-person')].find((p) => p.person?.name === name)!;
const buttonOf = (el: SccBoardingPage, name: string, label: string) =>
  [...personNamed(el, name).shadowRoot!.querySelectorAll('button')].find(
    (b) => b.textContent!.trim() === label || b.getAttribute('aria-label') === label,
  );
/** The element focus is on, through the shadow roots. */
function focused(): Element | null {
  let at: Element | null = document.activeElement;
  while (at?.shadowRoot?.activeElement) at = at.shadowRoot.activeElement;
  return at;
}

describe('scc-boarding-person: boarding someone with no waiver or owing money takes a second, named step', () => {
  const paid = { paidCents: 10000, balanceCents: 0, waiverSignedAt: '2025-07-01T16:00:00.000Z' };

  it('shows who owes on the row, and the first tap names the problems instead of boarding', async () => {
    const api = liveSailing([sampleEntry({ partySize: 1 })]);
    const el = await page(api);
    expect(personNamed(el, 'Jo March').shadowRoot!.textContent).toMatch(/no waiver\s*·\s*owes \$75\.00/);
    buttonOf(el, 'Jo March', 'Check in Jo March')!.click();
    await waitUntil(() => buttonOf(el, 'Jo March', 'Board without waiver, owing $75.00'), 'second step shown');
    expect(api.calls.filter((c) => c.method === 'checkIn')).toEqual([]);
    expect(personNamed(el, 'Jo March').shadowRoot!.textContent).toContain(
      'Jo March has no waiver, and their booking owes $75.00.',
    );
    expect(focused()).toBe(buttonOf(el, 'Jo March', 'Board without waiver, owing $75.00'));
    await chai(el).to.be.accessible();

    buttonOf(el, 'Jo March', 'Board without waiver, owing $75.00')!.click();
    await waitUntil(() => buttonOf(el, 'Jo March', 'Undo check-in of Jo March'), 'aboard');
    expect(api.calls.filter((c) => c.method === 'checkIn').map((c) => c.args[3])).toEqual([['NO_WAIVER', 'OWES']]);
  });

  it('names one problem at a time: a guest without a waiver of a paid-up booking, a signed patron who owes', async () => {
    const el = await page(
      liveSailing([
        sampleEntry({ ...paid, partySize: 2 }),
        sampleEntry({
          email: 'beth@example.com',
          name: 'Beth March',
          partySize: 1,
          waiverSignedAt: '2025-07-01T16:00:00.000Z',
        }),
      ]),
    );
    buttonOf(el, 'Guest 1 of Jo March', 'Check in Guest 1 of Jo March')!.click();
    await waitUntil(() => buttonOf(el, 'Guest 1 of Jo March', 'Board without waiver'), 'no waiver named');
    expect(personNamed(el, 'Guest 1 of Jo March').shadowRoot!.textContent).toContain(
      'Guest 1 of Jo March has no waiver.',
    );
    buttonOf(el, 'Beth March', 'Check in Beth March')!.click();
    await waitUntil(() => buttonOf(el, 'Beth March', 'Board — owes $75.00'), 'debt named');
    expect(personNamed(el, 'Beth March').shadowRoot!.textContent).toContain('Their booking owes $75.00.');
  });

  it('boards someone covered and paid up in one tap, acknowledging nothing', async () => {
    const api = liveSailing([sampleEntry({ ...paid, partySize: 1 })]);
    const el = await page(api);
    expect(personNamed(el, 'Jo March').shadowRoot!.textContent).not.toContain('owes');
    buttonOf(el, 'Jo March', 'Check in Jo March')!.click();
    await waitUntil(() => buttonOf(el, 'Jo March', 'Undo check-in of Jo March'), 'aboard');
    expect(api.calls.filter((c) => c.method === 'checkIn').map((c) => c.args[3])).toEqual([[]]);
  });

  it('asks for the second step when the API names a problem the screen did not show yet', async () => {
    const refusal = new ApiError('Conflict', 'Jo March has no waiver: board them only by acknowledging it.', {
      reason: 'NO_WAIVER',
      problems: ['NO_WAIVER'],
      owedCents: null,
    });
    const api = liveSailing([sampleEntry({ ...paid, partySize: 1 })], (ack) =>
      ack.includes('NO_WAIVER') ? null : refusal,
    );
    const el = await page(api);
    buttonOf(el, 'Jo March', 'Check in Jo March')!.click();
    await waitUntil(() => buttonOf(el, 'Jo March', 'Board without waiver'), 'second step from the refusal');
    buttonOf(el, 'Jo March', 'Board without waiver')!.click();
    await waitUntil(() => buttonOf(el, 'Jo March', 'Undo check-in of Jo March'), 'aboard');
    expect(api.calls.filter((c) => c.method === 'checkIn').map((c) => c.args[3])).toEqual([[], ['NO_WAIVER']]);
  });
});

describe('scc-boarding-page: focus after a check-in', () => {
  const signedPaid = (email: string, name: string) =>
    sampleEntry({
      email,
      name,
      partySize: 1,
      paidCents: 10000,
      balanceCents: 0,
      waiverSignedAt: '2025-07-01T16:00:00.000Z',
    });

  it('moves to the next person’s Check in, and after the last to their own Undo, never to <body>', async () => {
    const el = await page(
      liveSailing([signedPaid('jo@example.com', 'Jo March'), signedPaid('beth@example.com', 'Beth March')]),
    );
    const first = buttonOf(el, 'Jo March', 'Check in Jo March')!;
    first.focus();
    first.click();
    await waitUntil(() => focused() === buttonOf(el, 'Beth March', 'Check in Beth March'), 'focus on the next person');
    await waitUntil(() => buttonOf(el, 'Jo March', 'Undo check-in of Jo March'), 'Jo aboard');
    expect(focused()).toBe(buttonOf(el, 'Beth March', 'Check in Beth March'));
    buttonOf(el, 'Beth March', 'Check in Beth March')!.click();
    await waitUntil(
      () => focused() === buttonOf(el, 'Beth March', 'Undo check-in of Beth March'),
      'focus on the last person’s Undo',
    );
  });
});
