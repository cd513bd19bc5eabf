import { expect as chai, html, waitUntil } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-signed-waiver';
import type { SccSignedWaiver } from '../../../src/components/scc-signed-waiver';
import type { SignedWaiverDocument } from '../../../src/graphql/types';
import { fixtureWith, memoryApi, user } from './support/fixtures';

const waiver: SignedWaiverDocument['waiver'] = {
  id: 'w1',
  eventId: '2026-12-04-sunset-sail',
  name: 'Jo March',
  email: 'jo@example.com',
  phone: '+1 555 010 0199',
  dateOfBirth: '1985-04-12',
  minors: [{ name: 'Amy March', dateOfBirth: '2016-03-04' }],
  signature: 'Jo March',
  signedAt: '2026-11-30T03:15:00.000Z',
  waiverVersion: 'a'.repeat(64),
  ip: '203.0.113.7',
  userAgent: 'Phone/1.0',
};

async function render(doc: SignedWaiverDocument | null) {
  const api = memoryApi({ signedWaiver: async () => doc });
  const { el } = await fixtureWith<SccSignedWaiver>(
    html`<scc-signed-waiver eventId=${waiver.eventId} signedAt=${waiver.signedAt} waiverId="w1"></scc-signed-waiver>`,
    { user: user('ACCOUNTING'), api },
  );
  await waitUntil(() => el.shadowRoot!.querySelector('h1'), 'document shown');
  return { el, api };
}
/** The document's facts, term by term. */
const facts = (el: Element) =>
  Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll('dt')].map((dt) => [
      dt.textContent!.trim(),
      dt.nextElementSibling!.textContent!.replace(/\s+/g, ' ').trim(),
    ]),
  );

describe('scc-signed-waiver', () => {
  it('shows who signed, for which minors, when, the version, and the text signed, rendered as the waiver page did', async () => {
    const { el, api } = await render({
      waiver,
      text: { version: waiver.waiverVersion, text: '# Terms\n\nI **agree**.' },
    });
    expect(api.calls.find((c) => c.method === 'signedWaiver')!.args).toEqual([waiver.eventId, waiver.signedAt, 'w1']);
    expect(facts(el)).toMatchObject({
      Signer: 'Jo March',
      Minors: 'Amy March (born Mar 4, 2016)',
      Signature: 'Jo March (typed)',
      'Waiver version': `SHA-256 ${'a'.repeat(64)}`,
      From: '203.0.113.7Phone/1.0',
    });
    expect(facts(el).Signed).toContain('Nov 29, 2026, 7:15 PM PST');
    expect(el.shadowRoot!.querySelector('.text h1')!.textContent).toBe('Terms');
    expect(el.shadowRoot!.querySelector('.text strong')!.textContent).toBe('agree');
    await chai(el).to.be.accessible();
  });

  it('shows markup in a waiver text as text, never as markup', async () => {
    const { el } = await render({
      waiver,
      text: { version: waiver.waiverVersion, text: 'Hi <img src=x onerror="window.hacked=1">' },
    });
    expect(el.shadowRoot!.querySelector('.text img')).toBeNull();
    expect(el.shadowRoot!.querySelector('.text')!.textContent).toContain('<img src=x');
  });

  it('says so when the text is not in the records, or the waiver is not there', async () => {
    const { el } = await render({ waiver, text: null });
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toContain('is not in the records');
    const missing = await render(null);
    expect(missing.el.shadowRoot!.querySelector('h1')!.textContent).toBe('Waiver not found');
  });
});
