import { html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-manifest-page';
import type { SccManifestPage } from '../../../src/components/scc-manifest-page';
import type { Event, RosterEntry } from '../../../src/graphql/types';
import { fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';

/** The passenger manifest's money column and total: what is owed, and on a cancelled sailing nothing. */
async function manifest(event: Event, roster: RosterEntry[]) {
  const api = memoryApi({ boarding: async () => ({ event, roster, walkUps: [], checkIns: [] }) });
  const { el } = await fixtureWith<SccManifestPage>(html`<scc-manifest-page eventId=${event.id}></scc-manifest-page>`, { user: user('CREW'), api });
  await waitUntil(() => el.shadowRoot!.querySelector('.totals'), 'manifest shown');
  const cell = (name: string) => [...el.shadowRoot!.querySelectorAll('tbody tr')].find((tr) => tr.textContent!.includes(name))!.querySelectorAll('td')[5]!.textContent;
  return { el, header: el.shadowRoot!.querySelectorAll('thead th')[5]!.textContent, cell, totals: el.shadowRoot!.querySelector('.totals')!.textContent!.replace(/\s+/g, ' ') };
}

const jo = sampleEntry({ partySize: 1, amountDueCents: 5000, paidCents: 0, balanceCents: 5000 });
const amy = sampleEntry({ email: 'amy@example.com', name: 'Amy March', partySize: 1, amountDueCents: 5000, paidCents: 2000, balanceCents: 3000 });
const beth = sampleEntry({ email: 'beth@example.com', name: 'Beth March', partySize: 1, amountDueCents: 5000, paidCents: 5000, balanceCents: 0, status: 'MOVED', movedTo: 'later' });

describe('scc-manifest-page', () => {
  it('shows each patron’s balance and the balance due on a scheduled sailing', async () => {
    const m = await manifest(sampleEvent(), [jo, amy]);
    expect(m.header).toBe('Balance');
    expect(m.cell('Jo March')).toBe('$50.00');
    expect(m.totals).toContain('balance due $80.00');
  });

  it('on a cancelled sailing owes nothing: it shows what is to refund to each (nothing to the refunded or moved)', async () => {
    const m = await manifest(sampleEvent({ status: 'CANCELLED' }), [jo, amy, beth]);
    expect(m.header).toBe('To refund');
    expect(m.cell('Jo March')).toBe('$0.00');
    expect(m.cell('Amy March')).toBe('$20.00');
    expect(m.cell('Beth March')).toBe('$0.00');
    expect(m.totals).toContain('sailing cancelled: nothing owed, $20.00 to refund');
    expect(m.totals).not.toContain('balance due');
  });
});
