import { expect as chai, html, oneEvent } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-team-member';
import type { SccTeamMember } from '../../../src/components/scc-team-member';
import { ApiError } from '../../../src/graphql/errors';
import { fixtureWith, memoryApi, sampleMember } from './support/fixtures';

const button = (el: SccTeamMember, name: string) =>
  [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === name)!;

describe('scc-team-member', () => {
  it('shows who, their role and what their status means', async () => {
    const { el } = await fixtureWith<SccTeamMember>(
      html`<scc-team-member .member=${sampleMember({ status: 'FORCE_CHANGE_PASSWORD' })}></scc-team-member>`,
      { api: memoryApi() },
    );
    expect(el.shadowRoot!.querySelector('h3')!.textContent).toContain('Casey Crew');
    expect(el.shadowRoot!.textContent).toContain('Invited: has not chosen a password yet');
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('select')!.value).toBe('CREW');
  });

  it('disables only after confirming, and reports the change', async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccTeamMember>(
      html`<scc-team-member .member=${sampleMember()}></scc-team-member>`,
      { api },
    );
    button(el, 'Disable…').click();
    await el.updateComplete;
    expect(api.calls).toEqual([]);
    expect(el.shadowRoot!.textContent).toContain('They are signed out and cannot sign in until enabled again.');
    const fired = oneEvent(el, 'scc-team-changed');
    button(el, 'Disable').click();
    expect((await fired).detail.member).toMatchObject({ enabled: false });
    expect(api.calls).toEqual([{ method: 'disableTeamMember', args: ['casey@example.com'] }]);
  });

  it('changes a role and says the member was signed out everywhere, to sign in again with it', async () => {
    const api = memoryApi();
    const { el } = await fixtureWith<SccTeamMember>(
      html`<scc-team-member .member=${sampleMember()}></scc-team-member>`,
      { api },
    );
    el.shadowRoot!.querySelector<HTMLSelectElement>('select')!.value = 'ACCOUNTING';
    const fired = oneEvent(el, 'scc-team-changed');
    button(el, 'Change role').click();
    expect((await fired).detail.member).toMatchObject({ group: 'ACCOUNTING' });
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(api.calls).toEqual([{ method: 'setTeamMemberGroup', args: ['casey@example.com', 'ACCOUNTING'] }]);
    expect(el.shadowRoot!.querySelector('[role=status]')!.textContent).toBe(
      'Role changed, and signed out everywhere: their next sign-in has the new role.',
    );
  });

  it('says plainly why the last admin cannot be moved, and keeps the list as it is', async () => {
    const refused = new ApiError(
      'Conflict',
      'ada@example.com is the last admin: make someone else an admin before moving them.',
      { reason: 'LAST_ADMIN', retryable: false },
    );
    const api = memoryApi({
      setTeamMemberGroup: async () => {
        throw refused;
      },
    });
    const { el } = await fixtureWith<SccTeamMember>(
      html`<scc-team-member self .member=${sampleMember({ email: 'ada@example.com', name: 'Ada', group: 'ADMINS' })}></scc-team-member>`,
      { api },
    );
    let stale = false;
    el.addEventListener('scc-data-stale', () => (stale = true));
    el.shadowRoot!.querySelector<HTMLSelectElement>('select')!.value = 'CREW';
    button(el, 'Change role').click();
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[role=alert]')!.textContent!;
    expect(alert).toContain('is the last admin');
    expect(alert).toContain('There must always be one admin who can sign in.');
    expect(stale).toBe(false);
    await chai(el).to.be.accessible();
  });

  it('says what a change made only in part did and did not do, and reloads the team to show where the member stands', async () => {
    const detail =
      'Only part of this change was made: add to group ACCOUNTING done; remove from group CREW failed. casey@example.com is now in ACCOUNTING, enabled. Make the change again to finish it.';
    const api = memoryApi({
      setTeamMemberGroup: async () => {
        throw new ApiError('Conflict', detail, { reason: 'PARTIAL_CHANGE', retryable: false });
      },
    });
    const { el } = await fixtureWith<SccTeamMember>(
      html`<scc-team-member .member=${sampleMember()}></scc-team-member>`,
      { api },
    );
    let stale = false;
    el.addEventListener('scc-data-stale', () => (stale = true));
    el.shadowRoot!.querySelector<HTMLSelectElement>('select')!.value = 'ACCOUNTING';
    button(el, 'Change role').click();
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain(detail);
    expect(stale).toBe(true);
  });
});
