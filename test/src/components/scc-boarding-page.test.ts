import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-boarding-page';
import type { SccBoardingPage } from '../../../src/components/scc-boarding-page';
import type { Boarding, CheckIn } from '../../../src/graphql/types';
import { fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';

const jo = sampleEntry({ partySize: 1 });
const beth = sampleEntry({ email: 'beth@example.com', name: 'Beth March', partySize: 1 });
const joAboard: CheckIn = {
  eventId: jo.eventId, email: jo.email, person: 'patron', name: jo.name, minor: false, status: 'CHECKED_IN',
  checkedInAt: '2025-07-04T23:00:00.000Z', checkedInBy: 'crew@example.com', undoneAt: null, undoneBy: null, undoReason: null,
};

async function render(boarding: Boarding) {
  const api = memoryApi({ boarding: async () => boarding });
  const { el } = await fixtureWith<SccBoardingPage>(html`<scc-boarding-page eventId=${jo.eventId}></scc-boarding-page>`, { user: user('CREW'), api });
  await waitUntil(() => el.shadowRoot!.querySelector('scc-boarding-person'), 'people shown');
  const people = [...el.shadowRoot!.querySelectorAll('scc-boarding-person')];
  await Promise.all(people.map((p) => p.updateComplete));
  const buttons = people.flatMap((p) => [...p.shadowRoot!.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')));
  return { el, buttons, text: el.shadowRoot!.textContent!.replace(/\s+/g, ' ') };
}

describe('scc-boarding-page', () => {
  it('offers Check in to each person not aboard and Undo to each aboard', async () => {
    const { buttons } = await render({ event: { ...sampleEvent(), checkedIn: 1 }, roster: [jo, beth], walkUps: [], checkIns: [joAboard] });
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
    const moved = sampleEntry({ email: 'amy@example.com', name: 'Amy March', partySize: 1, status: 'MOVED', movedTo: 'sail-2' });
    const { buttons, text } = await render({ event: { ...sampleEvent(), checkedIn: 0 }, roster: [beth, moved], walkUps: [], checkIns: [] });
    expect(buttons).toEqual(['Check in Beth March']);
    expect(text).not.toContain('Amy March');
    expect(text).toContain('Not checked in (1)');
  });

  it('on a full boat offers no Check in (checkIn refuses it as NO_ROOM), says why once, and keeps Undo', async () => {
    const event = { ...sampleEvent({ capacity: 1 }), checkedIn: 1 };
    const { buttons, text } = await render({ event, roster: [jo, beth], walkUps: [], checkIns: [joAboard] });
    expect(buttons).toEqual(['Undo check-in of Jo March']);
    expect(text.match(/Boat full: 1 of 1 aboard\. Undo a check-in or raise the capacity to board more\./g)).toHaveLength(1);
  });
});
