import { html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-cancelled-sailing';
import type { SccCancelledSailing } from '../../../src/components/scc-cancelled-sailing';
import type { RosterEntry } from '../../../src/graphql/types';
import type { Group } from '../../../src/lib/roles';
import { fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';

type Api = ReturnType<typeof memoryApi>;
const event = sampleEvent({ status: 'CANCELLED', cancelReason: 'gale warning', cancelledBy: 'admins@example.com', cancelledAt: '2025-07-04T12:00:00.000Z' });
const jo = sampleEntry({ cancelNoticeStatus: 'SENT', cancelNoticeSentAt: '2025-07-04T12:00:01.000Z' });
const amy = sampleEntry({ email: 'amy@example.com', name: 'Amy March', paidCents: 4000, cancelNoticeStatus: 'FAILED', cancelNoticeError: 'mailbox full' });
const beth = sampleEntry({ email: 'beth@example.com', name: 'Beth March', status: 'MOVED', movedTo: 'later-sail', paidCents: 0 });
const meg = sampleEntry({ email: 'meg@example.com', name: 'Meg March', paidCents: 0, cancelNoticeStatus: 'SENT' });
const later = sampleEvent({ id: 'later-sail', title: 'Later Sail', startsAt: '2099-07-10T23:30:00.000Z', endsAt: null });
const gone = sampleEvent({ id: 'gone-sail', title: 'Gone Sail', startsAt: '2099-07-11T23:30:00.000Z', status: 'CANCELLED' });

async function render(group: Group, api: Api = memoryApi(), entries: RosterEntry[] = [jo, amy, beth, meg]) {
  const { el } = await fixtureWith<SccCancelledSailing>(
    html`<scc-cancelled-sailing .event=${event} .entries=${entries}></scc-cancelled-sailing>`, { user: user(group), api });
  return el;
}
const root = (el: SccCancelledSailing) => el.shadowRoot!;
const text = (e: Element | ShadowRoot) => e.textContent!.replace(/\s+/g, ' ');
const patron = (el: SccCancelledSailing, email: string) => root(el).querySelector(`li[data-email="${email}"]`)!;
const button = (e: Element | ShadowRoot, words: string) => [...e.querySelectorAll('button')].find((b) => b.textContent!.includes(words));

describe('scc-cancelled-sailing', () => {
  it('says who cancelled, when and why, each notice delivery, and who is unresolved', async () => {
    const el = await render('ADMINS');
    expect(text(root(el).querySelector('.banner')!)).toContain('By admins@example.com on');
    expect(text(root(el).querySelector('.banner')!)).toContain('gale warning');
    expect(text(root(el))).toContain('2 of 4 patrons unresolved');
    expect(text(patron(el, 'jo@example.com'))).toContain('Notice sent');
    expect(text(patron(el, 'amy@example.com'))).toContain('Notice not sent: mailbox full');
    expect(text(patron(el, 'beth@example.com'))).toContain('Moved to later-sail');
    expect(text(patron(el, 'meg@example.com'))).toContain('Resolved');
    expect(button(patron(el, 'meg@example.com'), 'Refund all')).toBeUndefined();
  });

  it('sends the notice again to those not notified', async () => {
    const api = memoryApi({ notifyCancellation: async () => ({ event, notices: [], unnotified: 0 }) });
    const el = await render('ADMINS', api);
    expect(button(patron(el, 'jo@example.com'), 'Send again')).toBeUndefined();
    const changed = oneEvent(el, 'scc-event-changed');
    button(patron(el, 'amy@example.com'), 'Send again')!.click();
    await changed;
    await waitUntil(() => !button(root(el), 'Send again to the 1 not notified')!.disabled, 'first send done');
    button(root(el), 'Send again to the 1 not notified')!.click();
    await waitUntil(() => api.calls.filter((c) => c.method === 'notifyCancellation').length === 2, 'sent twice');
    expect(api.calls.find((c) => c.method === 'notifyCancellation')!.args).toEqual([event.id]);
  });

  it('pre-fills "Refund all" with what the patron paid, for accounting; no move, no resend', async () => {
    const api = memoryApi();
    const el = await render('ACCOUNTING', api);
    expect(button(root(el), 'Send again')).toBeUndefined();
    expect(root(el).querySelector('scc-rebook-patron')).toBeNull();
    button(patron(el, 'amy@example.com'), 'Refund all')!.click();
    const form = root(el).querySelector('scc-refund-form')!;
    await waitUntil(() => form.shadowRoot!.querySelector('dialog')?.open, 'refund form open');
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#amount')!.value).toBe('40.00');
    form.shadowRoot!.querySelector<HTMLTextAreaElement>('#reason')!.value = 'sailing cancelled';
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => api.calls.some((c) => c.method === 'refundPayment'), 'refund sent');
    // All they paid, not one payment of it: no refundOf.
    expect(api.calls.find((c) => c.method === 'refundPayment')!.args[0]).toMatchObject({ patronEmail: 'amy@example.com', amountCents: 4000, reason: 'sailing cancelled' });
    expect(api.calls.find((c) => c.method === 'refundPayment')!.args[0]).not.toHaveProperty('refundOf');
  });

  it('moves a patron to an upcoming scheduled sailing and shows the result', async () => {
    const api = memoryApi({
      listEvents: async () => ({ items: [event, later, gone], nextToken: null }),
      rebookPatron: async (_e, email, to) => ({
        from: { ...amy, status: 'MOVED', movedTo: to }, to: sampleEntry({ eventId: to, email, paidCents: 4000, balanceCents: 6000 }), payments: [],
      }),
    });
    const el = await render('ADMINS', api);
    const move = patron(el, 'amy@example.com').querySelector('scc-rebook-patron')!;
    button(move.shadowRoot!, 'Move to another sailing')!.click();
    await waitUntil(() => move.shadowRoot!.querySelector('select'), 'sailings listed');
    const select = move.shadowRoot!.querySelector('select')!;
    // Neither this cancelled sailing nor another cancelled one is offered.
    expect([...select.options].map((o) => o.value)).toEqual(['', 'later-sail']);
    select.value = 'later-sail';
    select.dispatchEvent(new Event('change'));
    await move.updateComplete;
    const changed = oneEvent(move, 'scc-patron-changed');
    button(move.shadowRoot!, 'Move')!.click();
    expect((await changed).detail.entry.status).toBe('MOVED');
    expect(api.calls.find((c) => c.method === 'rebookPatron')!.args).toEqual([event.id, 'amy@example.com', 'later-sail']);
    await waitUntil(() => text(move.shadowRoot!).includes('Moved Amy March to later-sail'), 'result shown');
    expect(text(move.shadowRoot!)).toContain('$40.00 paid, $60.00 to pay');
  });
});
