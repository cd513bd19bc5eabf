import { html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-patron-search';
import type { SccPatronSearch } from '../../../src/components/scc-patron-search';
import { ApiError } from '../../../src/graphql/errors';
import { fixtureWith, memoryApi, sampleEntry, user } from './support/fixtures';
import type { DataClient } from '../../../src/graphql/client';

async function render(answers: Parameters<typeof memoryApi>[0] = {}, group: Parameters<typeof user>[0] = 'ADMINS') {
  const api = memoryApi(answers);
  const { el } = await fixtureWith<SccPatronSearch>(html`<scc-patron-search></scc-patron-search>`, {
    user: user(group),
    api,
  });
  return { el, api, root: el.shadowRoot! };
}
async function search(root: ShadowRoot, query: string) {
  root.querySelector<HTMLInputElement>('input[name=query]')!.value = query;
  root.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}
const text = (root: ShadowRoot) => root.textContent!.replace(/\s+/g, ' ');

describe('scc-patron-search', () => {
  it('finds patrons across events and links each to its event and its payments', async () => {
    const { api, root } = await render({
      findPatrons: async () => ({
        items: [
          sampleEntry({
            eventId: 'morning',
            email: 'ann@example.com',
            name: 'Ann Smith',
            phone: '619 555 0142',
            balanceCents: 2_500,
          }),
          sampleEntry({
            eventId: 'sunset',
            email: 'ann@example.com',
            name: 'Ann Smith',
            balanceCents: 0,
            waiverSignedAt: '2026-06-01T12:00:00.000Z',
          }),
        ],
        nextToken: null,
      }),
    });
    await search(root, '  Ann ');
    await waitUntil(() => root.querySelectorAll('li').length === 2, 'matches shown');
    expect(api.calls.filter((c) => c.method === 'findPatrons')).toEqual([
      { method: 'findPatrons', args: ['Ann', null] },
    ]);
    const [first, second] = root.querySelectorAll('li');
    expect(first.textContent!.replace(/\s+/g, ' ')).toContain('Ann Smith · ann@example.com · 619 555 0142');
    expect(first.textContent).toContain('$25.00');
    expect(first.textContent).toContain('waiver not signed');
    expect(second.textContent).toContain('waiver signed');
    expect([...first.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      '/events/morning',
      '/payments?patron=ann%40example.com',
    ]);
    expect(text(root)).not.toContain('More patrons match');
  });

  it('names each match’s event by title and day, and owes nothing on a cancelled sailing or a booking moved elsewhere', async () => {
    const summaries: Record<string, { title: string; status: 'CANCELLED' | null }> = {
      morning: { title: 'Morning Sail', status: null },
      squall: { title: 'Squall Sail', status: 'CANCELLED' },
      later: { title: 'Later Sail', status: null },
    };
    const { root } = await render(
      {
        findPatrons: async () => ({
          items: [
            sampleEntry({ eventId: 'morning', email: 'ann@example.com', name: 'Ann Smith', balanceCents: 2_500 }),
            // Refunded in full: the stored balance is back to what was due.
            sampleEntry({
              eventId: 'squall',
              email: 'ann@example.com',
              name: 'Ann Smith',
              amountDueCents: 5_000,
              paidCents: 0,
              balanceCents: 5_000,
            }),
            sampleEntry({
              eventId: 'squall',
              email: 'ann2@example.com',
              name: 'Ann Jones',
              amountDueCents: 5_000,
              paidCents: 2_000,
              balanceCents: 3_000,
            }),
            sampleEntry({
              eventId: 'squall',
              email: 'ann3@example.com',
              name: 'Ann Moved',
              balanceCents: 4_000,
              status: 'MOVED',
              movedTo: 'later',
            }),
          ],
          nextToken: null,
        }),
        eventSummaries: async (ids) =>
          ids.map((id) => ({ id, startsAt: '2026-07-05T03:00:00.000Z', ...summaries[id]! })),
      },
      'ACCOUNTING',
    );
    await search(root, 'Ann');
    await waitUntil(() => text(root).includes('Squall Sail'), 'events named');
    const lines = [...root.querySelectorAll('li .muted')].map((m) => m.textContent!.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual([
      'Morning Sail, Jul 4, 2026 · party of 2, balance $25.00, waiver not signed',
      'Squall Sail, Jul 4, 2026 · party of 2, sailing cancelled: nothing owed, waiver not signed',
      'Squall Sail, Jul 4, 2026 · party of 2, sailing cancelled: nothing owed, $20.00 to refund, waiver not signed',
      'Squall Sail, Jul 4, 2026 · party of 2, moved to Later Sail, Jul 4, 2026, waiver not signed',
    ]);
  });

  it.each([
    ['CREW', ['/events/morning']],
    ['ACCOUNTING', ['/payments?patron=ann%40example.com']],
  ] as const)(
    'links %s only to what they may open (crew read no payment history, accounting no events)',
    async (group, links) => {
      const { root } = await render(
        {
          findPatrons: async () => ({
            items: [sampleEntry({ eventId: 'morning', email: 'ann@example.com', name: 'Ann Smith' })],
            nextToken: null,
          }),
        },
        group,
      );
      await search(root, 'Ann');
      await waitUntil(() => root.querySelectorAll('li').length === 1, 'match shown');
      expect([...root.querySelectorAll('li a')].map((a) => a.getAttribute('href'))).toEqual(links);
      expect(root.querySelector('li')!.textContent).not.toMatch(/·\s*$/);
    },
  );

  it('asks for at least two characters, and sends nothing for fewer', async () => {
    const { api, root } = await render();
    await search(root, ' a ');
    await waitUntil(() => root.querySelector('[role=alert]'), 'explained');
    expect(root.querySelector('[role=alert]')!.textContent).toContain('at least 2 characters');
    expect(api.calls).toHaveLength(0);
  });

  it('says when nothing matches', async () => {
    const { root } = await render({ findPatrons: async () => ({ items: [], nextToken: null }) });
    await search(root, 'zed');
    await waitUntil(() => text(root).includes('No patron matches “zed”.'), 'empty answer');
  });

  it('says more patrons match than shown, and shows them on request', async () => {
    const pages: Record<string, Awaited<ReturnType<DataClient['findPatrons']>>> = {
      first: { items: [sampleEntry({ email: 'a@example.com', name: 'Ann A' })], nextToken: 't2' },
      t2: { items: [sampleEntry({ email: 'b@example.com', name: 'Ann B' })], nextToken: null },
    };
    const { api, root } = await render({ findPatrons: async (_q, token) => pages[token ?? 'first'] });
    await search(root, 'ann');
    await waitUntil(() => text(root).includes('More patrons match'), 'more said');
    root.querySelector<HTMLButtonElement>('button.more')!.click();
    await waitUntil(() => root.querySelectorAll('li').length === 2, 'second page appended');
    expect(api.calls.filter((c) => c.method === 'findPatrons').map((c) => c.args)).toEqual([
      ['ann', null],
      ['ann', 't2'],
    ]);
    expect(text(root)).not.toContain('More patrons match');
  });

  it("says why a search failed, and drops the last search's answer rather than pass it off as this one's", async () => {
    let fail = false;
    const { root } = await render({
      findPatrons: async () => {
        if (fail)
          throw new ApiError(
            'ValidationError',
            'query must be one line without control characters or text-direction overrides.',
          );
        return { items: [sampleEntry({ name: 'Ann Smith' })], nextToken: null };
      },
    });
    await search(root, 'ann');
    await waitUntil(() => root.querySelectorAll('li').length === 1, 'first answer');
    fail = true;
    await search(root, 'bob');
    await waitUntil(() => root.querySelector('[role=alert]'), 'failure shown');
    expect(root.querySelector('[role=alert]')!.textContent).toContain('control characters');
    expect(root.querySelectorAll('li')).toHaveLength(0);
  });
});
