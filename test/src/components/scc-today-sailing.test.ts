import { fixture, html } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-today-sailing';
import type { SccTodaySailing } from '../../../src/components/scc-today-sailing';
import { sampleEntry, sampleEvent } from './support/fixtures';

const render = (status?: 'SCHEDULED' | 'CANCELLED') =>
  fixture<SccTodaySailing>(html`<scc-today-sailing
  .detail=${{ event: sampleEvent({ status, cancelReason: status === 'CANCELLED' ? 'gale warning' : null }), roster: [sampleEntry()], walkUps: [] }}>
  </scc-today-sailing>`);

describe('scc-today-sailing', () => {
  it('offers boarding for a scheduled sailing', async () => {
    const el = await render('SCHEDULED');
    expect(el.shadowRoot!.querySelector('a[href$="/boarding"]')).not.toBeNull();
  });

  it('links its title to the sailing’s page', async () => {
    const el = await render('SCHEDULED');
    const title = el.shadowRoot!.querySelector('h3 a')!;
    expect(title.textContent).toBe('Fireworks Sail');
    expect(title.getAttribute('href')).toBe('/events/2025-07-04-fireworks-sail');
  });

  it('offers no boarding for a cancelled sailing, says why, and links to its page', async () => {
    const el = await render('CANCELLED');
    expect(el.shadowRoot!.querySelector('a[href$="/boarding"]')).toBeNull();
    expect(el.shadowRoot!.textContent).toContain('Cancelled: gale warning');
    expect(el.shadowRoot!.querySelector('a')!.getAttribute('href')).toBe('/events/2025-07-04-fireworks-sail');
  });

  it('chases no one moved to another sailing for a waiver or money: they sign and pay there', async () => {
    const moved = sampleEntry({ email: 'beth@example.com', name: 'Beth March', status: 'MOVED', movedTo: 'sail-2' });
    const el = await fixture<SccTodaySailing>(html`<scc-today-sailing
      .detail=${{ event: sampleEvent(), roster: [sampleEntry(), moved], walkUps: [] }}></scc-today-sailing>`);
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Not signed (1)');
    expect(text).toContain('Owes money (1)');
    expect(text).not.toContain('Beth March');
  });
});
