import { expect as chai, fixture, html, oneEvent } from '@open-wc/testing';
import { describe, expect, it } from 'vitest';
import '../../../src/components/scc-sign-in';
import type { SccSignIn } from '../../../src/components/scc-sign-in';

describe('scc-sign-in', () => {
  it('reports the typed email and password', async () => {
    const el = await fixture<SccSignIn>(html`<scc-sign-in></scc-sign-in>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('[name=email]')!.value = ' crew@example.com ';
    el.shadowRoot!.querySelector<HTMLInputElement>('[name=password]')!.value = 'secret';
    const fired = oneEvent(el, 'scc-sign-in');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    expect((await fired).detail).toEqual({ email: 'crew@example.com', password: 'secret' });
  });

  it('shows the error it is given and disables submit while busy', async () => {
    const el = await fixture<SccSignIn>(html`<scc-sign-in busy error="Wrong email or password."></scc-sign-in>`);
    expect(el.shadowRoot!.querySelector('[role=alert]')!.textContent).toBe('Wrong email or password.');
    expect(el.shadowRoot!.querySelector('button')!.disabled).toBe(true);
  });

  it('asks for a new password after a temporary one, checks it, and reports it with the temporary one', async () => {
    const el = await fixture<SccSignIn>(html`<scc-sign-in></scc-sign-in>`);
    el.shadowRoot!.querySelector<HTMLInputElement>('[name=email]')!.value = 'dee@example.com';
    el.shadowRoot!.querySelector<HTMLInputElement>('[name=password]')!.value = 'Temp-1234';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    el.choosePassword = true;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h1')!.textContent).toBe('Choose your password');
    const field = (id: string) => el.shadowRoot!.getElementById(id) as HTMLInputElement;
    field('new-password').value = 'Mine-2026!';
    field('confirm-password').value = 'Mine-2027!';
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await el.updateComplete;
    expect(field('confirm-password').getAttribute('aria-invalid')).toBe('true');
    expect(el.shadowRoot!.getElementById('confirm-password-help')!.textContent).toBe('The two passwords differ.');
    field('confirm-password').value = 'Mine-2026!';
    const fired = oneEvent(el, 'scc-sign-in');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    expect((await fired).detail).toEqual({
      email: 'dee@example.com',
      password: 'Temp-1234',
      newPassword: 'Mine-2026!',
    });
    await chai(el).to.be.accessible();
  });

  it('is accessible', async () => {
    const el = await fixture<SccSignIn>(html`<scc-sign-in error="Wrong email or password."></scc-sign-in>`);
    await chai(el).to.be.accessible();
  });
});
