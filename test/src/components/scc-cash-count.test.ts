import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-cash-count';
import type { SccCashCount } from '../../../src/components/scc-cash-count';
import type { DataClient } from '../../../src/graphql/client';
import { fixtureWith, memoryApi, user } from './support/fixtures';

async function render(api: DataClient, expected: number | undefined = 41_250) {
  const { el } = await fixtureWith<SccCashCount>(
    html`<scc-cash-count day="2025-06-01" .expectedCents=${expected}></scc-cash-count>`,
    { user: user('ACCOUNTING'), api },
  );
  return el;
}
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
function submit(el: SccCashCount, amount: string, notes = '') {
  el.shadowRoot!.querySelector<HTMLInputElement>('#counted')!.value = amount;
  el.shadowRoot!.querySelector<HTMLTextAreaElement>('#count-notes')!.value = notes;
  el.shadowRoot!.querySelector('form')!.requestSubmit();
}

describe('scc-cash-count', () => {
  it('records the amount counted in whole cents with the notes, and tells the page', async () => {
    const api = memoryApi();
    const el = await render(api);
    expect(text(el)).toContain('not counted yet');
    const told = oneEvent(el, 'scc-cash-counted');
    submit(el, '$412.05', ' two rolls of quarters ');
    expect((await told).detail.count.countedCents).toBe(41_205);
    expect(api.calls.at(-1)).toEqual({
      method: 'recordCashCount',
      args: ['2025-06-01', 41_205, 41_250, 'two rolls of quarters'],
    });
    await waitUntil(() => text(el).includes('Recorded $412.05 for Jun 1, 2025.'), 'confirmation');
  });

  it('records a count of nothing (an empty drawer is a count)', async () => {
    const api = memoryApi();
    const el = await render(api, 0);
    submit(el, '0');
    await waitUntil(() => api.calls.length > 0, 'sent');
    expect(api.calls[0].args).toEqual(['2025-06-01', 0, 0, null]);
  });

  it('refuses what is not an amount on the field, and sends nothing', async () => {
    const api = memoryApi();
    const el = await render(api);
    submit(el, '12.345');
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector('#counted')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(el.shadowRoot!.querySelector('#counted-help')!.textContent).toBe('Use at most two digits for cents.');
    expect(api.calls).toHaveLength(0);
  });

  it('puts the server’s refusal of the notes on the notes field', async () => {
    const api = memoryApi({
      recordCashCount: async () => {
        throw {
          data: null,
          errors: [{ message: 'notes is too long: at most 1000 characters.', errorType: 'ValidationError' }],
        };
      },
    });
    const el = await render(api);
    submit(el, '10', 'x');
    await waitUntil(
      () => el.shadowRoot!.querySelector('#count-notes')!.getAttribute('aria-invalid') === 'true',
      'field error',
    );
    expect(el.shadowRoot!.querySelector('#count-notes-help')!.textContent).toBe(
      'Notes is too long: at most 1000 characters.',
    );
  });

  it('says over, short or even against the expected cash, and waits for the totals', async () => {
    const count = (countedCents: number) => [
      {
        id: '1',
        day: '2025-06-01',
        countedCents,
        notes: null,
        countedBy: 'a@example.com',
        countedAt: '2025-06-02T04:00:00.000Z',
      },
    ];
    const el = await render(memoryApi());
    for (const [counted, words] of [
      [41_250, 'even'],
      [41_000, '$2.50 short'],
      [41_300, '$0.50 over'],
    ] as const) {
      el.counts = count(counted);
      await el.updateComplete;
      expect(text(el)).toContain(`Difference ${words}`.replace(' ', ''));
    }
    el.expectedCents = undefined;
    await el.updateComplete;
    expect(text(el)).toContain('waiting for the totals');
  });

  it('shows a count’s expected amount as it was when the expected cash has moved since', async () => {
    const el = await render(memoryApi(), 42_000);
    el.counts = [
      {
        id: '1',
        day: '2025-06-01',
        countedCents: 41_250,
        expectedCents: 41_250,
        differenceCents: 0,
        notes: null,
        countedBy: 'a@example.com',
        countedAt: '2025-06-02T04:00:00.000Z',
      },
    ];
    await el.updateComplete;
    expect(text(el)).toContain(
      'When this count was made, $412.50 was expected (even then); $420.00 is expected now: payments were logged or voided for this day since the count.',
    );
    expect(text(el)).toContain('Difference$7.50 short');
    el.expectedCents = 41_250;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.moved')).toBeNull();
  });

  it('records nothing until the expected cash is known (the count keeps it)', async () => {
    const api = memoryApi();
    const el = await render(api);
    el.expectedCents = undefined;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled).toBe(true);
    submit(el, '10');
    await el.updateComplete;
    expect(api.calls).toHaveLength(0);
  });

  it('is accessible', async () => {
    await chai(await render(memoryApi())).to.be.accessible();
  });
});
