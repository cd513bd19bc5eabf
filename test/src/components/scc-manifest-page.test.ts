import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { page } from 'vitest/browser';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-manifest-page';
import type { SccManifestPage } from '../../../src/components/scc-manifest-page';
import type { Event, RosterEntry } from '../../../src/graphql/types';
import { fixtureWith, memoryApi, sampleEntry, sampleEvent, user } from './support/fixtures';

/** The passenger manifest's money column and total: what is owed, and on a cancelled sailing nothing. */
async function manifest(event: Event, roster: RosterEntry[]) {
  const api = memoryApi({ boarding: async () => ({ event, roster, walkUps: [], checkIns: [] }) });
  const { el } = await fixtureWith<SccManifestPage>(html`<scc-manifest-page eventId=${event.id}></scc-manifest-page>`, {
    user: user('CREW'),
    api,
  });
  await waitUntil(() => el.shadowRoot!.querySelector('.totals'), 'manifest shown');
  const cell = (name: string) =>
    [...el.shadowRoot!.querySelectorAll('tbody tr')]
      .find((tr) => tr.textContent!.includes(name))!
      .querySelectorAll('td')[5]!.textContent;
  return {
    el,
    header: el.shadowRoot!.querySelectorAll('thead th')[5]!.textContent,
    cell,
    totals: el.shadowRoot!.querySelector('.totals')!.textContent!.replace(/\s+/g, ' '),
  };
}

const jo = sampleEntry({ partySize: 1, amountDueCents: 5000, paidCents: 0, balanceCents: 5000 });
const amy = sampleEntry({
  email: 'amy@example.com',
  name: 'Amy March',
  partySize: 1,
  amountDueCents: 5000,
  paidCents: 2000,
  balanceCents: 3000,
});
const beth = sampleEntry({
  email: 'beth@example.com',
  name: 'Beth March',
  partySize: 1,
  amountDueCents: 5000,
  paidCents: 5000,
  balanceCents: 0,
  status: 'MOVED',
  movedTo: 'later',
});

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

/** `n` parties of one, each a signed-up patron: the manifest's people, in order. */
const crowd = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    sampleEntry({ email: `p${i}@example.com`, name: `Patron ${i + 1}`, partySize: 1 }),
  );

describe('scc-manifest-page on paper and on a phone', () => {
  it('prints thirty people to a page, each page with its headings, and breaks before every page after the first', async () => {
    const { el } = await manifest(sampleEvent({ capacity: 80 }), crowd(65));
    const tables = [...el.shadowRoot!.querySelectorAll('table')];
    expect(tables.map((t) => t.querySelectorAll('tbody tr').length)).toEqual([30, 30, 5]);
    expect(tables.every((t) => t.querySelector('thead th')?.textContent === 'Name')).toBe(true);
    // The print rules as the browser parsed them: which tables start a new printed page.
    const rules = el
      .shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules])
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText === 'print')
      .flatMap((m) => [...m.cssRules] as CSSStyleRule[]);
    const breaksBefore = (t: Element) => rules.some((r) => t.matches(r.selectorText) && r.style.breakBefore === 'page');
    expect(tables.map(breaksBefore)).toEqual([false, true, true]);
  });

  it('at 375 px shows every person’s balance and check-in on screen, with nothing to scroll sideways, and passes axe', async () => {
    await page.viewport(375, 700);
    try {
      const { el } = await manifest(sampleEvent(), [jo, amy]);
      const cells = [...el.shadowRoot!.querySelectorAll('td[data-label="Balance"], td[data-label="Checked in"]')];
      expect(cells.map((c) => getComputedStyle(c, '::before').content)).toEqual([
        '"Balance: "',
        '"Checked in: "',
        '"Balance: "',
        '"Checked in: "',
      ]);
      for (const c of cells) {
        const box = c.getBoundingClientRect();
        expect(box.width).toBeGreaterThan(0);
        expect(box.right).toBeLessThanOrEqual(375);
      }
      expect(el.scrollWidth).toBeLessThanOrEqual(375);
      await chai(el).to.be.accessible();
    } finally {
      await page.viewport(1280, 800);
    }
  });
});
