import { expect as chai, html, oneEvent } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-event-card';
import type { SccEventCard } from '../../../src/components/scc-event-card';
import { fixtureWith, sampleEvent, user } from './support/fixtures';

describe('scc-event-card', () => {
  const event = sampleEvent();

  it('shows title, boat, crew, head count, money and waivers', async () => {
    const { el } = await fixtureWith<SccEventCard>(html`<scc-event-card .event=${event}></scc-event-card>`, {
      user: user('CREW'),
    });
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Fireworks Sail');
    expect(text).toContain('Lady Washington');
    expect(text).toContain('Capt. Ahab, Ishmael, Queequeg');
    expect(text).toContain('5 of 40 · 3 parties');
    expect(text).toContain('Paid $50.00 of $150.00');
    expect(text).toContain('$100.00 due');
    expect(text).toContain('1 of 5 people covered');
    // In the operator's zone with its abbreviation, though this browser runs in UTC.
    expect(text).toContain('Fri, Jul 4, 4:30 PM – 7:00 PM PDT');
    expect(el.shadowRoot!.querySelector('[role=progressbar]')!.getAttribute('aria-valuenow')).toBe('33');
  });

  it('says when an event is paid in full', async () => {
    const paid = sampleEvent({ paidCents: 15000, balanceCents: 0 });
    const { el } = await fixtureWith<SccEventCard>(html`<scc-event-card .event=${paid}></scc-event-card>`, {
      user: user('CREW'),
    });
    expect(el.shadowRoot!.textContent).toContain('Paid in full');
    expect(el.shadowRoot!.querySelector('button.primary')).toBeNull();
  });

  it('on a cancelled sailing owes nothing: it says what is still to refund, with no Log payment and no paid-of-due bar', async () => {
    const cancelled = sampleEvent({ status: 'CANCELLED', paidCents: 2500, balanceCents: 12500 });
    const { el } = await fixtureWith<SccEventCard>(html`<scc-event-card .event=${cancelled}></scc-event-card>`, {
      user: user('ADMINS'),
    });
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Cancelled: nothing owed $25.00 to refund');
    expect(text).not.toContain('due');
    expect(el.shadowRoot!.querySelector('[role=progressbar]')).toBeNull();
    expect(el.shadowRoot!.querySelector('button.primary')).toBeNull();
    const resolved = sampleEvent({ status: 'CANCELLED', paidCents: 0, balanceCents: 15000 });
    const { el: done } = await fixtureWith<SccEventCard>(html`<scc-event-card .event=${resolved}></scc-event-card>`, {
      user: user('ADMINS'),
    });
    expect(done.shadowRoot!.textContent).toContain('All refunded or moved');
  });

  it('asks for the payment modal for its event when "Log payment" is pressed', async () => {
    const { el } = await fixtureWith<SccEventCard>(html`<scc-event-card .event=${event}></scc-event-card>`, {
      user: user('CREW'),
    });
    const fired = oneEvent(el, 'scc-open-payment');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
    expect((await fired).detail).toEqual({ eventId: event.id });
  });

  it('navigates to the event detail from its title', async () => {
    const { el } = await fixtureWith<SccEventCard>(html`<scc-event-card .event=${event}></scc-event-card>`, {
      user: user('CREW'),
    });
    const fired = oneEvent(el, 'scc-navigate');
    el.shadowRoot!.querySelector<HTMLAnchorElement>('h2 a')!.click();
    expect((await fired).detail).toEqual({ path: `/events/${event.id}` });
  });

  it('offers no "Log payment" to accounting', async () => {
    const { el } = await fixtureWith<SccEventCard>(html`<scc-event-card .event=${event}></scc-event-card>`, {
      user: user('ACCOUNTING'),
    });
    expect(el.shadowRoot!.querySelector('button.primary')).toBeNull();
  });

  it('is accessible', async () => {
    const { el } = await fixtureWith<SccEventCard>(html`<scc-event-card .event=${event}></scc-event-card>`, {
      user: user('ADMINS'),
    });
    await chai(el).to.be.accessible();
  });
});
