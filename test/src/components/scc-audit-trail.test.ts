import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-audit-trail';
import type { SccAuditTrail } from '../../../src/components/scc-audit-trail';
import { ApiError } from '../../../src/graphql/errors';
import type { AuditEntry, AuditSource, Page } from '../../../src/graphql/types';
import { catchDownloads } from './support/downloads';
import { fixtureWith, memoryApi, user } from './support/fixtures';
import { readCsv } from '../../support/csv';

/** 60 records of one event in pages of 25, 25 and 10, newest first as the API sends them. */
const event: AuditSource = { kind: 'event', eventId: '2026-12-04-sunset-sail' };
const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `a${String(i).padStart(2, '0')}`,
  entity: event.kind === 'event' ? event.eventId : '',
  operation: 'logPayment',
  actor: 'crew@example.com',
  at: new Date(Date.parse('2026-11-30T03:15:00.000Z') - (60 - i) * 3_600_000).toISOString(),
  patronEmail: 'jo@example.com',
  before: null,
  after: JSON.stringify({ patronEmail: 'jo@example.com', amountCents: i * 100 }),
  ...over,
});
const all = Array.from({ length: 60 }, (_, i) => entry(60 - i));
const pages: Record<string, Page<AuditEntry>> = {
  start: { items: all.slice(0, 25), nextToken: 't2' },
  t2: { items: all.slice(25, 50), nextToken: 't3' },
  t3: { items: all.slice(50), nextToken: null },
};

const caught = catchDownloads();
const savedText = async (i = 0) => (await caught.saved(i)).text;

async function render(
  api = memoryApi({ audit: async (_s, token) => pages[token ?? 'start'] }),
  source: AuditSource = event,
) {
  const { el } = await fixtureWith<SccAuditTrail>(html`<scc-audit-trail .source=${source}></scc-audit-trail>`, {
    user: user('ACCOUNTING'),
    api,
  });
  await waitUntil(() => el.shadowRoot!.querySelector('li.change'), 'first page shown');
  return { el, api };
}
const items = (el: SccAuditTrail) => [...el.shadowRoot!.querySelectorAll('li.change')];
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

describe('scc-audit-trail', () => {
  it('shows the first page newest first, then older changes on request, each once', async () => {
    const { el, api } = await render();
    expect(items(el)).toHaveLength(25);
    expect(text(items(el)[0])).toContain('Log payment · jo@example.com');
    expect(text(items(el)[0])).toContain('$60.00');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!.click();
    await waitUntil(() => items(el).length === 50, 'second page');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.more')!.click();
    await waitUntil(() => items(el).length === 60, 'third page');
    expect(el.shadowRoot!.querySelector('button.more')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'audit').map((c) => c.args[1] ?? null)).toEqual([null, 't2', 't3']);
    expect(text(items(el)[59])).toContain('$1.00');
  });

  it('shows any operation, even one it has never heard of, as before → after of the fields that changed', async () => {
    const later = entry(1, {
      operation: 'refundPayment',
      actor: 'admin@example.com',
      before: JSON.stringify({ status: 'RECORDED', amountCents: 500, method: 'CASH' }),
      after: JSON.stringify({ status: 'REFUNDED', amountCents: 500, method: 'CASH', refundReason: 'weather' }),
    });
    const { el } = await render(memoryApi({ audit: async () => ({ items: [later], nextToken: null }) }));
    const [item] = items(el);
    expect(text(item)).toContain('Refund payment');
    expect(text(item)).toContain('by admin@example.com');
    expect([...item.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['status', 'refundReason']);
    expect(item.querySelector('del')!.textContent).toBe('RECORDED');
    expect(item.querySelector('ins')!.textContent).toBe('REFUNDED');
  });

  it('exports every record of the source, not only the pages shown, newest first, as the documented columns', async () => {
    const { el } = await render();
    el.shadowRoot!.querySelector('scc-audit-export')!.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => caught.list.length === 1, 'file saved');
    expect(caught.list[0].filename).toBe('audit-2026-12-04-sunset-sail.csv');
    const lines = readCsv(await savedText());
    expect(lines[0]).toEqual(['at', 'actor', 'operation', 'entity', 'patron_email', 'before', 'after', 'audit_id']);
    expect(lines).toHaveLength(61);
    expect(lines[1].at(-1)).toBe('a60');
    expect(lines[60].at(-1)).toBe('a01');
    expect(lines[1]).toContain('{"patronEmail":"jo@example.com","amountCents":6000}');
    // Nov 29, 7:15 PM in San Diego.
    expect(lines[1].slice(0, 3)).toEqual(['2026-11-29T19:15:00-08:00', 'crew@example.com', 'logPayment']);
  });

  it('saves no file when a page of the export fails, and says so', async () => {
    const api = memoryApi({
      audit: async (_s, token) => {
        if (token === 't3') throw new ApiError('Network', 'Cannot reach the server.');
        return pages[token ?? 'start'];
      },
    });
    const { el } = await render(api);
    const exporter = el.shadowRoot!.querySelector('scc-audit-export')!;
    exporter.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => exporter.shadowRoot!.querySelector('[role=alert]'), 'failure shown');
    expect(exporter.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('No file was saved');
    expect(caught.list).toHaveLength(0);
  });

  it('links a patron’s changes to the records of each event', async () => {
    const { el } = await render(memoryApi({ audit: async () => ({ items: [entry(1)], nextToken: null }) }), {
      kind: 'patron',
      email: 'jo@example.com',
    });
    expect(items(el)[0].querySelector('a')!.getAttribute('href')).toBe('/records?event=2026-12-04-sunset-sail');
  });

  it('names each event of a patron’s trail, and where a move went, by title and day rather than id', async () => {
    const move = entry(2, {
      operation: 'rebookPatron',
      before: JSON.stringify({ email: 'jo@example.com', status: 'BOOKED' }),
      after: JSON.stringify({ email: 'jo@example.com', status: 'MOVED', movedTo: '2026-12-11-later-sail' }),
    });
    const api = memoryApi({
      // A team member's changes are in their trail too, under the entity TEAM, which is no event id.
      audit: async () => ({
        items: [move, entry(1, { entity: 'TEAM', operation: 'inviteTeamMember' })],
        nextToken: null,
      }),
      eventSummaries: async (ids) =>
        ids.map((id) => ({
          id,
          status: null,
          title: id.includes('later') ? 'Later Sail' : 'Sunset Sail',
          startsAt: id.includes('later') ? '2026-12-12T02:00:00.000Z' : '2026-12-05T02:00:00.000Z',
        })),
    });
    const { el } = await render(api, { kind: 'patron', email: 'jo@example.com' });
    await waitUntil(() => text(items(el)[0]!).includes('Sunset Sail'), 'titles shown');
    expect(items(el)[0]!.querySelector('a')!.textContent).toBe('Sunset Sail, Dec 4, 2026');
    expect(text(items(el)[0]!)).toContain('movedTo — → Later Sail, Dec 11, 2026');
    expect(api.calls.filter((c) => c.method === 'eventSummaries').map((c) => c.args[0])).toEqual([
      ['2026-12-04-sunset-sail', '2026-12-11-later-sail'],
    ]);
  });

  it('is accessible', async () => {
    const { el } = await render();
    await chai(el).to.be.accessible();
  });
});
