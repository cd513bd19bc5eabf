import { expect as chai, html, oneEvent } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../src/components/scc-patron-form';
import type { SccPatronForm } from '../../src/components/scc-patron-form';
import { fixtureWith, memoryApi, sampleEntry, user } from './support/fixtures';

async function render(api = memoryApi()) {
  const { el } = await fixtureWith<SccPatronForm>(
    html`<scc-patron-form eventId="2025-07-04-fireworks-sail" priceCents="5000"></scc-patron-form>`, { user: user('ADMINS'), api });
  return { el, api };
}
const input = (el: SccPatronForm, name: string) => el.shadowRoot!.querySelector<HTMLInputElement>(`[name=${name}]`)!;
const submit = (el: SccPatronForm) => el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();

describe('scc-patron-form', () => {
  it('adds a patron with the typed amount due in cents', async () => {
    const { el, api } = await render();
    await el.show();
    input(el, 'name').value = 'Beth March';
    input(el, 'email').value = 'Beth@Example.com';
    input(el, 'partySize').value = '3';
    input(el, 'amountDue').value = '$120';
    const fired = oneEvent(el, 'scc-patron-changed');
    submit(el);
    expect((await fired).detail.change).toBe('added');
    expect(api.calls[0].args[0]).toEqual({
      eventId: '2025-07-04-fireworks-sail', email: 'beth@example.com', name: 'Beth March', partySize: 3, amountDueCents: 12000,
    });
  });

  it('leaves the amount due to the server (price × party) when left empty', async () => {
    const { el, api } = await render();
    await el.show();
    input(el, 'name').value = 'Beth March';
    input(el, 'email').value = 'beth@example.com';
    submit(el);
    await oneEvent(el, 'scc-patron-changed');
    expect(api.calls[0].args[0]).not.toHaveProperty('amountDueCents');
  });

  it('refuses a missing name and a malformed email without sending', async () => {
    const { el, api } = await render();
    await el.show();
    input(el, 'email').value = 'beth';
    submit(el);
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).toContain('Enter the patron’s name.');
    expect(el.shadowRoot!.textContent).toContain('Enter an email address like jo@example.com.');
    expect(api.calls).toHaveLength(0);
  });

  it('edits an entry, starting from its current values', async () => {
    const { el, api } = await render();
    await el.show(sampleEntry());
    expect(input(el, 'name').value).toBe('Jo March');
    expect(input(el, 'amountDue').value).toBe('100.00');
    input(el, 'partySize').value = '4';
    const fired = oneEvent(el, 'scc-patron-changed');
    submit(el);
    expect((await fired).detail.change).toBe('updated');
    expect(api.calls[0]).toMatchObject({ method: 'updatePatron', args: [{ email: 'jo@example.com', partySize: 4, amountDueCents: 10000 }] });
  });

  it('is accessible', async () => {
    const { el } = await render();
    await el.show();
    await chai(el).to.be.accessible();
  });
});
