import { expect as chai, html, oneEvent, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-waiver-claims';
import type { SccWaiverClaims } from '../../../src/components/scc-waiver-claims';
import type { WaiverClaim } from '../../../src/graphql/types';
import { ApiError, toApiError } from '../../../src/graphql/errors';
import type { Group } from '../../../src/lib/domain/roles';
import { fixtureWith, memoryApi, sampleEvent, user } from './support/fixtures';

const event = sampleEvent();
/** "Mallory" typed Jo's email into the public link: held, not Jo's waiver. */
const mallory: WaiverClaim = {
  eventId: event.id,
  email: 'jo@example.com',
  claimsName: 'Jo March',
  waiverId: '6f1c2b7e-0000-4000-8000-000000000001',
  waiverSignedAt: '2025-06-02T12:00:00.000Z',
  waiverSignedBy: 'Mallory Impostor',
  waiverMinors: [],
  waiverPeople: 1,
};

async function render(group: Group, api = memoryApi(), claims = [mallory]) {
  const { el } = await fixtureWith<SccWaiverClaims>(
    html`<scc-waiver-claims .event=${event} .claims=${claims}></scc-waiver-claims>`,
    { user: user(group), api },
  );
  return { el, api };
}

const matchButton = (el: SccWaiverClaims) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Match to'));

describe('scc-waiver-claims', () => {
  it('shows each held signature as who signed, claiming to be which booked patron, not matched', async () => {
    const { el } = await render('CREW');
    expect(el.shadowRoot!.querySelector('#claims-heading')!.textContent).toBe('Signatures waiting for a match (1)');
    const text = el.shadowRoot!.querySelector('ul[part=claims]')!.textContent!.replace(/\s+/g, ' ');
    expect(text).toContain('Mallory Impostor');
    expect(text).toContain('claims to be Jo March (jo@example.com)');
    expect(text).toContain('covers 1 · not matched');
  });

  it('shows nothing when no signature is held', async () => {
    const { el } = await render('CREW', memoryApi(), []);
    expect(el.shadowRoot!.textContent!.trim()).toBe('');
  });

  it('matches a claim to the booking it names, then reports the change', async () => {
    const { el, api } = await render('CREW');
    const fired = oneEvent(el, 'scc-patron-changed');
    matchButton(el)!.click();
    expect((await fired).detail.change).toBe('updated');
    expect(api.calls.find((c) => c.method === 'matchWaiverClaim')!.args).toEqual([
      event.id,
      'jo@example.com',
      mallory.waiverId,
    ]);
  });

  it('offers no match to ACCOUNTING, whom the API refuses', async () => {
    const { el } = await render('ACCOUNTING');
    expect(matchButton(el)).toBeUndefined();
  });

  it('says why a match was refused, and has every view reload', async () => {
    const api = memoryApi({
      matchWaiverClaim: async () => {
        throw new ApiError('Conflict', 'This signature was matched a moment ago: reload to see it.');
      },
    });
    const { el } = await render('ADMINS', api);
    const stale = oneEvent(el, 'scc-data-stale');
    matchButton(el)!.click();
    expect(toApiError((await stale).detail.error).kind).toBe('Conflict');
    await waitUntil(() => el.shadowRoot!.querySelector('[role=alert]'), 'error shown');
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('clashes with the latest data');
  });

  it('is accessible', async () => {
    const { el } = await render('ADMINS');
    await chai(el).to.be.accessible();
  });
});
