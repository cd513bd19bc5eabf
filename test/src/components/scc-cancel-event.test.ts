import { html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import '../../../src/components/scc-cancel-event';
import type { SccCancelEvent } from '../../../src/components/scc-cancel-event';
import { ApiError } from '../../../src/graphql/errors';
import { fixtureWith, memoryApi, sampleEvent, user } from './support/fixtures';
import { control, invalidIds, messageOf, overflowing, unlabelled } from './support/forms';

type Api = ReturnType<typeof memoryApi>;
const cancelled = sampleEvent({
  status: 'CANCELLED',
  cancelReason: 'gale warning',
  cancelledBy: 'admins@example.com',
  cancelledAt: '2025-07-04T12:00:00.000Z',
});
const cancelling = () => memoryApi({ cancelEvent: async () => ({ event: cancelled, notices: [], unnotified: 0 }) });

async function open(api: Api) {
  const { el } = await fixtureWith<SccCancelEvent>(
    html`<scc-cancel-event .event=${sampleEvent()}></scc-cancel-event>`,
    { user: user('ADMINS'), api },
  );
  el.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
  await el.updateComplete;
  return el;
}
const root = (el: SccCancelEvent) => el.shadowRoot!;
const submit = (el: SccCancelEvent) => root(el).querySelector<HTMLButtonElement>('button[type=submit]')!.click();

describe('scc-cancel-event', () => {
  it('asks for a reason before cancelling anything', async () => {
    const api = cancelling();
    const el = await open(api);
    expect(unlabelled(root(el))).toEqual([]);
    submit(el);
    await waitUntil(() => invalidIds(root(el)).length === 1, 'reason refused');
    expect(messageOf(root(el), 'cancel-reason')).toBe('Say why the sailing is cancelled: the patrons are told.');
    expect(api.calls.some((c) => c.method === 'cancelEvent')).toBe(false);
  });

  it('cancels with the reason and tells the page the event changed', async () => {
    const api = cancelling();
    const el = await open(api);
    control(root(el), 'cancel-reason').value = '  gale warning ';
    const changed = oneEvent(el, 'scc-event-changed');
    submit(el);
    expect((await changed).detail.event.status).toBe('CANCELLED');
    expect(api.calls.find((c) => c.method === 'cancelEvent')!.args).toEqual([
      '2025-07-04-fireworks-sail',
      'gale warning',
    ]);
    expect(root(el).querySelector('dialog')!.open).toBe(false);
  });

  it('says so when the sailing was already cancelled, and makes the views reload', async () => {
    const el = await open(
      memoryApi({
        cancelEvent: async () => {
          throw new ApiError('Conflict', 'already cancelled');
        },
      }),
    );
    control(root(el), 'cancel-reason').value = 'wind';
    const stale = oneEvent(el, 'scc-data-stale');
    submit(el);
    await stale;
    await waitUntil(() => root(el).querySelector('[role=alert]'), 'refusal shown');
    expect(root(el).querySelector('[role=alert]')!.textContent).toContain('already cancelled or changed');
  });

  it('fits a 375 px phone', async () => {
    await page.viewport(375, 700);
    const el = await open(cancelling());
    expect(overflowing(root(el))).toEqual([]);
  });
});
