import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../src/components/scc-roster';
import { waiverLink, type SccRoster } from '../../src/components/scc-roster';
import { ApiError } from '../../src/graphql/errors';
import type { Group } from '../../src/lib/roles';
import { fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';

const event = sampleEvent();
const jo = sampleEntry();
const amy = sampleEntry({ email: 'amy@example.com', name: 'Amy March', partySize: 1, amountDueCents: 5000, paidCents: 5000, balanceCents: 0, waiverSignedAt: '2025-06-01T12:00:00.000Z' });

async function render(group: Group, api = memoryApi()) {
  const { el } = await fixtureWith<SccRoster>(
    html`<scc-roster .event=${event} .entries=${[jo, amy]}></scc-roster>`, { user: user(group), api });
  return { el, api };
}

const item = (el: SccRoster, i: number) => el.shadowRoot!.querySelectorAll('li')[i];
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(label))!;

describe('scc-roster', () => {
  it('shows each patron with party size, due, paid, balance and waiver status', async () => {
    const { el } = await render('CREW');
    expect(item(el, 0).querySelector('strong')!.textContent).toBe('Jo March');
    const figures = [...item(el, 0).querySelectorAll('dl > div')].map((d) => `${d.querySelector('dt')!.textContent} ${d.querySelector('dd')!.textContent}`);
    expect(figures).toEqual(['Party 2', 'Due $100.00', 'Paid $25.00', 'Balance $75.00']);
    expect(item(el, 1).textContent).toContain('Waiver signed');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).toContain('3 aboard of 40');
  });

  it('asks for the payment modal pre-filled with the row’s patron', async () => {
    const { el } = await render('CREW');
    const fired = oneEvent(el, 'scc-open-payment');
    button(item(el, 0), 'Log payment').click();
    expect((await fired).detail).toEqual({ eventId: event.id, patronEmail: 'jo@example.com' });
  });

  it('offers no payment for a patron who has paid in full', async () => {
    const { el } = await render('CREW');
    expect(button(item(el, 1), 'Log payment')).toBeUndefined();
  });

  it('asks for a patron’s payment history', async () => {
    const { el } = await render('CREW');
    const fired = oneEvent(el, 'scc-show-history');
    button(item(el, 0), 'History').click();
    expect((await fired).detail).toEqual({ email: 'jo@example.com' });
  });

  it('builds the waiver link the edge routes to the waiver Lambda', () => {
    expect(waiverLink('2025-07-04-fireworks-sail', 'https://scc.example')).toBe('https://scc.example/g/2025-07-04-fireworks-sail/waiver');
  });

  it('lets crew add patrons but not edit or remove them', async () => {
    const { el } = await render('CREW');
    expect(button(el.shadowRoot!, 'Add patron')).toBeDefined();
    expect(button(item(el, 0), 'Edit')).toBeUndefined();
    expect(button(item(el, 0), 'Remove')).toBeUndefined();
  });

  it('lets admins remove a patron after confirming', async () => {
    const { el, api } = await render('ADMINS');
    button(item(el, 0), 'Remove').click();
    const dialog = el.shadowRoot!.querySelector('dialog.remove') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    const fired = oneEvent(el, 'scc-patron-changed');
    button(dialog, 'Remove').click();
    expect((await fired).detail.change).toBe('removed');
    expect(api.calls.find((c) => c.method === 'removePatron')!.args).toEqual([event.id, 'jo@example.com']);
  });

  it('explains why a patron with payments cannot be removed', async () => {
    const api = memoryApi({ removePatron: async () => { throw new ApiError('Conflict', 'has payments'); } });
    const { el } = await render('ADMINS', api);
    button(item(el, 0), 'Remove').click();
    button(el.shadowRoot!.querySelector('dialog.remove')!, 'Remove').click();
    await waitUntil(() => el.shadowRoot!.querySelector('dialog.remove [role=alert]'), 'error shown');
    expect(el.shadowRoot!.querySelector('dialog.remove [role=alert]')!.textContent).toContain('Jo March has recorded payments');
  });

  it('is accessible', async () => {
    const { el } = await render('ADMINS');
    await chai(el).to.be.accessible();
  });
});
