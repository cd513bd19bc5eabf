import { html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-cancelled-sailing';
import type { SccCancelledSailing } from '../../../src/components/scc-cancelled-sailing';
import type { RosterEntry } from '../../../src/graphql/types';
import type { Group } from '../../../src/lib/domain/roles';
import { fixtureWith, memoryApi, sampleEntry, samplePayment, sampleEvent, stored, user } from './support/fixtures';

type Api = ReturnType<typeof memoryApi>;
const event = sampleEvent({
  status: 'CANCELLED',
  cancelReason: 'gale warning',
  cancelledBy: 'admins@example.com',
  cancelledAt: '2025-07-04T12:00:00.000Z',
});
const jo = sampleEntry({ cancelNoticeStatus: 'SENT', cancelNoticeSentAt: '2025-07-04T12:00:01.000Z' });
const amy = sampleEntry({
  email: 'amy@example.com',
  name: 'Amy March',
  paidCents: 4000,
  cancelNoticeStatus: 'FAILED',
  cancelNoticeError: 'mailbox full',
});
const beth = sampleEntry({
  email: 'beth@example.com',
  name: 'Beth March',
  status: 'MOVED',
  movedTo: 'later-sail',
  paidCents: 0,
});
const meg = sampleEntry({ email: 'meg@example.com', name: 'Meg March', paidCents: 0, cancelNoticeStatus: 'SENT' });
const later = sampleEvent({
  id: 'later-sail',
  title: 'Later Sail',
  startsAt: '2099-07-10T23:30:00.000Z',
  endsAt: null,
});
// Amy paid $40 net: $20 by card (of which $5 was refunded), $25 by check; an old $10 cash payment was voided.
// Jo's payment and refund are someone else's; Beth's moved with her.
const amysPayments = [
  samplePayment({
    id: 'amy-card',
    patronEmail: 'amy@example.com',
    patronName: 'Amy March',
    amountCents: 2000,
    method: 'CARD',
    refundedCents: 500,
    receivedAt: '2025-06-01T16:00:00.000Z',
  }),
  samplePayment({
    id: 'amy-check-2',
    patronEmail: 'Amy@Example.com',
    patronName: 'Amy March',
    amountCents: 2500,
    method: 'CHECK',
    receivedAt: '2025-06-20T16:00:00.000Z',
  }),
  samplePayment({
    id: 'amy-refund',
    patronEmail: 'amy@example.com',
    patronName: 'Amy March',
    amountCents: 500,
    method: 'CARD',
    kind: 'REFUND',
    refundOf: 'amy-card',
    status: 'RECORDED',
  }),
  samplePayment({
    id: 'amy-void',
    patronEmail: 'amy@example.com',
    patronName: 'Amy March',
    amountCents: 1000,
    method: 'CASH',
    status: 'VOIDED',
  }),
];
const gone = sampleEvent({
  id: 'gone-sail',
  title: 'Gone Sail',
  startsAt: '2099-07-11T23:30:00.000Z',
  status: 'CANCELLED',
});

async function render(group: Group, api: Api = memoryApi(), entries: RosterEntry[] = [jo, amy, beth, meg]) {
  const { el } = await fixtureWith<SccCancelledSailing>(
    html`<scc-cancelled-sailing .event=${event} .entries=${entries}></scc-cancelled-sailing>`,
    { user: user(group), api },
  );
  return el;
}
const root = (el: SccCancelledSailing) => el.shadowRoot!;
const text = (e: Element | ShadowRoot) => e.textContent!.replace(/\s+/g, ' ');
const patron = (el: SccCancelledSailing, email: string) => root(el).querySelector(`li[data-email="${email}"]`)!;
const button = (e: Element | ShadowRoot, words: string) =>
  [...e.querySelectorAll('button')].find((b) => b.textContent!.includes(words));

describe('scc-cancelled-sailing', () => {
  it('says who cancelled, when and why, each notice delivery, and who is unresolved', async () => {
    const el = await render('ADMINS');
    expect(text(root(el).querySelector('.banner')!)).toContain('By admins@example.com on');
    expect(text(root(el).querySelector('.banner')!)).toContain('gale warning');
    expect(text(root(el))).toContain('2 of 4 patrons unresolved');
    expect(text(patron(el, 'jo@example.com'))).toContain('Notice sent');
    expect(text(patron(el, 'amy@example.com'))).toContain('Notice not sent: mailbox full');
    expect(text(patron(el, 'beth@example.com'))).toContain('Moved to later-sail');
    // By title and day once eventTitles answers (a link to the sailing either way).
    const named = await render(
      'ADMINS',
      memoryApi({ eventSummaries: async (ids) => ids.map((id) => (id === 'later-sail' ? later : null)) }),
    );
    await waitUntil(
      () => text(patron(named, 'beth@example.com')).includes('Moved to Later Sail, Jul 10, 2099'),
      'title shown',
    );
    expect(patron(named, 'beth@example.com').querySelector('a')!.getAttribute('href')).toBe('/events/later-sail');
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

  it('says nothing is owed: what was taken, refunded, moved, and what is still to refund', async () => {
    const api = memoryApi({ payments: async () => ({ items: amysPayments, nextToken: null }) });
    const el = await render('ADMINS', api, [jo, amy, beth, meg]);
    await waitUntil(() => text(root(el)).includes('Taken'), 'payments loaded');
    // The event holds $50.00 (its paidCents); its stored balance ($100.00) is not owed by anyone.
    expect(text(root(el).querySelector('.money')!)).toBe(
      'Nothing is owed. Taken $45.00 · refunded $5.00 · $50.00 still to refund',
    );
    expect(text(root(el))).not.toContain('$100.00');
    expect(text(patron(el, 'amy@example.com'))).toContain('$40.00 to refund');
    expect(text(patron(el, 'meg@example.com'))).toContain('Nothing to refund');
  });

  it('"Refund all" gives each payment back the way it came in: one refund per payment, naming it, in its method', async () => {
    const api = memoryApi({
      payments: async () => ({ items: amysPayments, nextToken: null }),
      refundPayment: async (input) =>
        samplePayment({ ...stored(input), id: `refund-of-${input.refundOf}`, patronName: 'Amy March', kind: 'REFUND' }),
    });
    const el = await render('ACCOUNTING', api);
    expect(button(root(el), 'Send again')).toBeUndefined();
    expect(root(el).querySelector('scc-rebook-patron')).toBeNull();
    await waitUntil(() => text(root(el)).includes('Taken'), 'payments loaded');
    button(patron(el, 'amy@example.com'), 'Refund all')!.click();
    const form = root(el).querySelector('scc-refund-form')!;
    await waitUntil(() => form.shadowRoot!.querySelector('dialog')?.open, 'refund form open');
    expect(text(form.shadowRoot!)).toContain(
      '$40.00 may be refunded, in 2 refunds, each back the way its payment came in',
    );
    expect([...form.shadowRoot!.querySelectorAll('select')].map((s) => s.value)).toEqual(['CARD', 'CHECK']);
    form.shadowRoot!.querySelector<HTMLTextAreaElement>('#reason')!.value = 'sailing cancelled';
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(
      () => text(form.shadowRoot!).includes('Refunded $40.00 to Amy March, in 2 refunds: $15.00 card, $25.00 check'),
      'both refunded',
    );
    const sent = api.calls.filter((c) => c.method === 'refundPayment').map((c) => c.args[0] as Record<string, unknown>);
    // The $20 card payment had $5 refunded before: $15 of it is left, so all of it; the check in full. Each its own key.
    expect(sent).toMatchObject([
      {
        patronEmail: 'amy@example.com',
        refundOf: 'amy-card',
        method: 'CARD',
        amountCents: 1500,
        reason: 'sailing cancelled',
      },
      {
        patronEmail: 'amy@example.com',
        refundOf: 'amy-check-2',
        method: 'CHECK',
        amountCents: 2500,
        reason: 'sailing cancelled',
      },
    ]);
    expect(new Set(sent.map((x) => x.idempotencyKey)).size).toBe(2);
  });

  it('when the payments do not account for what was paid, refunds one amount and makes the admin choose the method (never Cash by default)', async () => {
    const api = memoryApi({ payments: async () => ({ items: [], nextToken: null }) });
    const el = await render('ADMINS', api);
    await waitUntil(() => text(root(el)).includes('Taken'), 'payments loaded');
    button(patron(el, 'amy@example.com'), 'Refund all')!.click();
    const form = root(el).querySelector('scc-refund-form')!;
    await waitUntil(() => form.shadowRoot!.querySelector('dialog')?.open, 'refund form open');
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#amount')!.value).toBe('40.00');
    expect(form.shadowRoot!.querySelector<HTMLSelectElement>('#method')!.value).toBe('');
    form.shadowRoot!.querySelector<HTMLTextAreaElement>('#reason')!.value = 'sailing cancelled';
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => form.shadowRoot!.querySelector('#method[aria-invalid=true]'), 'method required');
    expect(text(form.shadowRoot!)).toContain('Choose how the money goes back.');
    expect(api.calls.some((c) => c.method === 'refundPayment')).toBe(false);
    form.shadowRoot!.querySelector<HTMLSelectElement>('#method')!.value = 'ACH';
    form.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => api.calls.some((c) => c.method === 'refundPayment'), 'refund sent');
    expect(api.calls.find((c) => c.method === 'refundPayment')!.args[0]).toMatchObject({
      patronEmail: 'amy@example.com',
      amountCents: 4000,
      method: 'ACH',
    });
    expect(api.calls.find((c) => c.method === 'refundPayment')!.args[0]).not.toHaveProperty('refundOf');
  });

  it('moves a patron to an upcoming scheduled sailing and shows the result', async () => {
    const api = memoryApi({
      listEvents: async () => ({ items: [event, later, gone], nextToken: null }),
      rebookPatron: async (_e, email, to) => ({
        from: { ...amy, status: 'MOVED', movedTo: to },
        to: sampleEntry({ eventId: to, email, paidCents: 4000, balanceCents: 6000 }),
        payments: [],
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
    expect(api.calls.find((c) => c.method === 'rebookPatron')!.args).toEqual([
      event.id,
      'amy@example.com',
      'later-sail',
    ]);
    await waitUntil(() => text(move.shadowRoot!).includes('Moved Amy March to Later Sail, '), 'result shown');
    expect(text(move.shadowRoot!)).toContain('$40.00 paid, $60.00 to pay');
  });

  it('offers a sailing without room for the party only as a disabled choice that says so (rebookPatron refuses it)', async () => {
    const full = sampleEvent({
      id: 'full-sail',
      title: 'Full Sail',
      startsAt: '2099-07-12T23:30:00.000Z',
      capacity: 6,
      headCount: 5,
    });
    const api = memoryApi({ listEvents: async () => ({ items: [later, full], nextToken: null }) });
    const el = await render('ADMINS', api);
    const move = patron(el, 'amy@example.com').querySelector('scc-rebook-patron')!;
    button(move.shadowRoot!, 'Move to another sailing')!.click();
    await waitUntil(() => move.shadowRoot!.querySelector('select'), 'sailings listed');
    const options = [...move.shadowRoot!.querySelector('select')!.options].slice(1);
    expect(options.map((o) => [o.value, o.disabled])).toEqual([
      ['later-sail', false],
      ['full-sail', true],
    ]);
    expect(options[1].textContent).toMatch(/^Full Sail, .* · no room for 2$/);
  });
});
