import { html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-records-page';
import type { SccRecordsPage } from '../../../src/components/scc-records-page';
import { fixtureWith, memoryApi, user } from './support/fixtures';

describe('scc-records-page', () => {
  it('heads an event’s records with its title and day, not its id', async () => {
    const api = memoryApi({
      eventSummaries: async (ids) =>
        ids.map((id) => ({ id, title: 'Fireworks Sail', startsAt: '2025-07-04T23:30:00.000Z', status: null })),
    });
    const { el } = await fixtureWith<SccRecordsPage>(
      html`<scc-records-page eventId="2025-07-04-fireworks-sail"></scc-records-page>`,
      { user: user('ACCOUNTING'), api },
    );
    await waitUntil(() => el.shadowRoot!.querySelector('h1')!.textContent!.includes('Fireworks Sail'), 'title shown');
    expect(el.shadowRoot!.querySelector('h1')!.textContent).toBe('Records of Fireworks Sail, Jul 4, 2025');
  });

  it('keeps the id where the title cannot be had (an event since removed)', async () => {
    const { el } = await fixtureWith<SccRecordsPage>(html`<scc-records-page eventId="gone-sail"></scc-records-page>`, {
      user: user('ACCOUNTING'),
      api: memoryApi(),
    });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h1')!.textContent).toBe('Records of gone-sail');
  });
});
