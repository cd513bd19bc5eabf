import { expect as chai, fixture, html, waitUntil } from '@open-wc/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import '../../../src/components/scc-app';
import type { SccApp } from '../../../src/components/scc-app';
import type { Backend } from '../../../src/graphql/backend';
import { sccEvent } from '../../../src/events';
import { ApiError } from '../../../src/graphql/errors';
import type { CurrentUser } from '../../../src/lib/domain/roles';
import { UNREACHABLE, memoryApi, samplePayment, user } from './support/fixtures';

const startUrl = location.pathname + location.search;
beforeEach(() => localStorage.removeItem('scc:user'));
afterEach(() => history.replaceState(null, '', startUrl));

/** A backend whose session and passwords each test sets (the e2e tests use Cognito's stand-in). */
function backend(signedIn?: CurrentUser): Backend & { signOuts: number } {
  let current = signedIn;
  const b = {
    signOuts: 0,
    api: memoryApi(),
    auth: {
      currentUser: async () => current,
      signIn: async (email: string, password: string) => {
        if (password !== 'right') throw new Error('Wrong email or password.');
        current = { email, groups: ['CREW'] };
        return current;
      },
      signOut: async () => {
        b.signOuts += 1;
        current = undefined;
      },
    },
  };
  return b as Backend & { signOuts: number };
}

const shadow = (el: Element) => el.shadowRoot!;

async function app(b: Backend) {
  const el = await fixture<SccApp>(html`<scc-app .backend=${Promise.resolve(b)}></scc-app>`);
  await waitUntil(() => el.api, 'backend connected');
  await el.updateComplete;
  return el;
}

function signIn(el: SccApp, email: string, password: string) {
  const form = shadow(el).querySelector('scc-sign-in')!;
  form.dispatchEvent(sccEvent('scc-sign-in', { email, password }));
}

describe('scc-app', () => {
  it('shows the sign-in form when nobody is signed in', async () => {
    const el = await app(backend());
    expect(shadow(el).querySelector('scc-sign-in')).not.toBeNull();
  });

  it('asks a member signing in with a temporary password to choose their own, then signs them in with it', async () => {
    const b = backend();
    const asked: (string | undefined)[] = [];
    b.auth.signIn = async (email, _password, newPassword) => {
      asked.push(newPassword);
      if (!newPassword)
        throw Object.assign(new Error('Choose your own password to finish signing in.'), {
          name: 'NewPasswordRequired',
        });
      return { email, groups: ['ADMINS'] };
    };
    const el = await app(b);
    const form = shadow(el).querySelector('scc-sign-in')!;
    shadow(form).querySelector<HTMLInputElement>('[name=email]')!.value = 'dee@example.com';
    shadow(form).querySelector<HTMLInputElement>('[name=password]')!.value = 'Temp-1234';
    shadow(form).querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(
      () => shadow(shadow(el).querySelector('scc-sign-in')!).getElementById('new-password'),
      'asked for a new password',
    );
    const chooser = shadow(el).querySelector('scc-sign-in')!;
    shadow(chooser).querySelector<HTMLInputElement>('#new-password')!.value = 'Mine-2026!';
    shadow(chooser).querySelector<HTMLInputElement>('#confirm-password')!.value = 'Mine-2026!';
    shadow(chooser).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitUntil(() => shadow(el).querySelector('header'), 'dashboard shown');
    expect(asked).toEqual([undefined, 'Mine-2026!']);
    // Admins get the Team page in the header.
    expect([...shadow(el).querySelectorAll('nav a')].map((a) => a.textContent)).toContain('Team');
  });

  it('signs in and provides the user to the views', async () => {
    const el = await app(backend());
    signIn(el, 'crew@example.com', 'right');
    await waitUntil(() => shadow(el).querySelector('header'), 'dashboard shown');
    expect(el.user).toEqual({ email: 'crew@example.com', groups: ['CREW'] });
    expect(shadow(el).querySelector('header')!.textContent).toContain('crew@example.com');
    // Crew land on Today at /.
    await waitUntil(
      () => customElements.get('scc-today-page') && shadow(el).querySelector('scc-today-page'),
      'today shown',
    );
  });

  it('shows a wrong password in words on the form', async () => {
    const el = await app(backend());
    signIn(el, 'crew@example.com', 'wrong');
    await waitUntil(() => shadow(el).querySelector('scc-sign-in')!.error, 'error shown');
    expect(shadow(el).querySelector('scc-sign-in')!.error).toBe('Wrong email or password.');
  });

  it('restores a stored session on reload', async () => {
    const el = await app(backend(user('ADMINS')));
    expect(el.user?.groups).toEqual(['ADMINS']);
    expect(shadow(el).querySelector('scc-sign-in')).toBeNull();
  });

  it('gives an event its own URL, and back returns to the start page', async () => {
    const el = await app(backend(user('CREW')));
    el.dispatchEvent(sccEvent('scc-navigate', { path: '/events/2025-07-04-fireworks-sail' }));
    await el.updateComplete;
    expect(location.pathname).toBe('/events/2025-07-04-fireworks-sail');
    // Each page's view is its own chunk, loaded when first shown (views.ts).
    await waitUntil(() => customElements.get('scc-event-detail'), 'the event view loaded');
    expect(shadow(el).querySelector('scc-event-detail')!.eventId).toBe('2025-07-04-fireworks-sail');
    history.back();
    await waitUntil(() => shadow(el).querySelector('scc-today-page'), 'back on the start page');
  });

  it('reloads views after a payment is logged', async () => {
    const el = await app(backend(user('CREW')));
    const before = el.revision;
    shadow(el)
      .querySelector('main')!
      .dispatchEvent(sccEvent('scc-payment-logged', { payment: samplePayment() }));
    expect(el.revision).toBe(before + 1);
  });

  it('reloads views after a receipt is sent from the modal', async () => {
    const el = await app(backend(user('CREW')));
    await waitUntil(() => customElements.get('scc-payment-modal'), 'views loaded');
    const before = el.revision;
    const modal = shadow(el).querySelector('scc-payment-modal')!;
    modal.dispatchEvent(
      sccEvent('scc-receipt-sent', { notification: { paymentId: 'p', to: 'jo@example.com', status: 'SENT' } }),
    );
    expect(el.revision).toBe(before + 1);
  });

  it('opens the payment modal for crew when a view asks', async () => {
    const el = await app(backend(user('CREW')));
    await waitUntil(() => customElements.get('scc-payment-modal'), 'views loaded');
    shadow(el)
      .querySelector('main')!
      .dispatchEvent(sccEvent('scc-open-payment', { eventId: '2025-07-04-fireworks-sail' }));
    const modal = shadow(el).querySelector('scc-payment-modal')!;
    expect(modal.shadowRoot!.querySelector('dialog')!.open).toBe(true);
    modal.close();
  });

  it('starts crew on Today, with patron search on it, and admins on the charters list', async () => {
    history.replaceState(null, '', '/');
    const crew = await app(backend(user('CREW')));
    await waitUntil(
      () => customElements.get('scc-today-page') && shadow(crew).querySelector('scc-today-page'),
      'today shown',
    );
    expect(shadow(crew).querySelector('scc-event-list')).toBeNull();
    await waitUntil(
      () => shadow(crew).querySelector('scc-today-page')!.shadowRoot?.querySelector('scc-patron-search'),
      'search on today',
    );
    expect(document.title).toBe('Today · Ship Captain Crew');
    crew.remove();

    const admin = await app(backend(user('ADMINS')));
    await waitUntil(
      () => customElements.get('scc-event-list') && shadow(admin).querySelector('scc-event-list'),
      'list shown',
    );
    expect(shadow(admin).querySelector('scc-today-page')).toBeNull();
  });

  it('keeps the charters list one tap away for crew, at /events and with a date range at /', async () => {
    const el = await app(backend(user('CREW')));
    const charters = [...shadow(el).querySelectorAll('nav a')].find((a) => a.textContent === 'Charters')!;
    expect(charters.getAttribute('href')).toBe('/events');
    history.replaceState(null, '', '/?from=2026-06-01&to=2026-06-30');
    el.remove();
    const ranged = await app(backend(user('CREW')));
    await waitUntil(() => shadow(ranged).querySelector('scc-event-list'), 'a range at / is the charters list');
  });

  it('takes accounting to payments, with no charters link', async () => {
    const el = await app(backend(user('ACCOUNTING')));
    expect(shadow(el).querySelector('scc-payments-page')).not.toBeNull();
    expect(shadow(el).querySelector('nav')!.textContent).not.toContain('Charters');
    expect(shadow(el).querySelector('scc-payment-modal')).toBeNull();
  });

  it('links reconciliation for admins and accounting only, and routes /reconciliation to it with its days', async () => {
    const links = async (group: 'ADMINS' | 'CREW' | 'ACCOUNTING') =>
      [...shadow(await app(backend(user(group)))).querySelectorAll('nav a')].map((a) => a.textContent);
    expect(await links('ADMINS')).toContain('Reconciliation');
    expect(await links('ACCOUNTING')).toContain('Reconciliation');
    expect(await links('CREW')).not.toContain('Reconciliation');
    history.replaceState(null, '', '/reconciliation?from=2025-06-01&to=2025-06-07&day=2025-06-03');
    const page = shadow(await app(backend(user('ACCOUNTING')))).querySelector('scc-reconciliation-page')!;
    // The page is its own chunk (views.ts): the shell renders its tag at once, and its properties
    // are read once its code has arrived, which takes longer while other tests load theirs.
    await customElements.whenDefined('scc-reconciliation-page');
    await page.updateComplete;
    expect([page.from, page.to, page.day]).toEqual(['2025-06-01', '2025-06-07', '2025-06-03']);
    history.replaceState(null, '', '/reconciliation');
    const crew = await app(backend(user('CREW')));
    expect(shadow(crew).querySelector('scc-reconciliation-page')).toBeNull();
    expect(shadow(crew).querySelector('h1')!.textContent).toBe('Page not found');
  });

  it('signs out back to the form', async () => {
    const b = backend(user('CREW'));
    const el = await app(b);
    [...shadow(el).querySelectorAll('header button')]
      .find((x) => x.textContent === 'Sign out')!
      .dispatchEvent(new MouseEvent('click'));
    await waitUntil(() => shadow(el).querySelector('scc-sign-in'), 'form shown');
    await waitUntil(() => b.signOuts === 1, 'signed out');
    expect(localStorage.getItem('scc:user')).toBeNull();
  });

  /** A signed-in reload whose first attempt to load aws-amplify fails, as with no connection (a real failed fetch). */
  async function offlineStart() {
    localStorage.setItem('scc:user', JSON.stringify(user('CREW')));
    const loads = { attempts: 0 };
    const load = async () => {
      loads.attempts += 1;
      if (loads.attempts === 1) await fetch(UNREACHABLE);
      return backend(user('CREW'));
    };
    const el = await fixture<SccApp>(html`<scc-app .backend=${load}></scc-app>`);
    await waitUntil(() => shadow(el).querySelector('[role=alert]'), 'error shown', { timeout: 5000 });
    return { el, loads };
  }

  it('says so when its services cannot be loaded, and loads them on Retry', async () => {
    const { el, loads } = await offlineStart();
    expect(shadow(el).querySelector('[role=alert]')!.textContent).toContain(
      'Could not load your session. Cannot reach the server',
    );
    shadow(el).querySelector<HTMLButtonElement>('.load-failed button')!.click();
    await waitUntil(() => el.api, 'backend connected on retry');
    expect(loads.attempts).toBe(2);
    await el.updateComplete;
    expect(shadow(el).querySelector('[role=alert]')).toBeNull();
  });

  it('loads its services again by itself when the connection returns', async () => {
    const { el } = await offlineStart();
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => el.api, 'backend connected when online');
  });

  it('loads its services again when someone signs in after they failed to load', async () => {
    let attempts = 0;
    let failed = false;
    const load = async () => {
      attempts += 1;
      if (attempts === 1) await fetch(UNREACHABLE).catch((e: unknown) => Promise.reject(((failed = true), e)));
      return backend();
    };
    const el = await fixture<SccApp>(html`<scc-app .backend=${load}></scc-app>`);
    await waitUntil(() => failed, 'first load failed', { timeout: 5000 });
    await el.updateComplete;
    signIn(el, 'crew@example.com', 'right');
    await waitUntil(() => shadow(el).querySelector('header'), 'signed in', { timeout: 5000 });
    expect(attempts).toBe(2);
  });

  it('reloads every view after a refused change (scc-data-stale)', async () => {
    const el = await app(backend(user('CREW')));
    const before = el.revision;
    shadow(el)
      .querySelector('main')!
      .dispatchEvent(sccEvent('scc-data-stale', { error: new ApiError('Conflict', 'x') }));
    expect(el.revision).toBe(before + 1);
  });

  it('returns to the sign-in form when the session has ended', async () => {
    const b = backend(user('CREW'));
    b.api.listEvents = async () => {
      throw new ApiError('SignedOut', 'No current user');
    };
    const el = await app(b);
    await waitUntil(() => shadow(el).querySelector('scc-sign-in'), 'form shown');
    expect(localStorage.getItem('scc:user')).toBeNull();
  });

  // What aws-amplify throws for AppSync's HTTP 401 (local/appsync answers it for a disabled user).
  const unauthorized = Object.assign(new Error('You are not authorized to make this call.'), {
    name: 'UnauthorizedException',
  });
  it.each([
    {
      who: 'whose token the API no longer accepts (disabled, expired)',
      refusal: { data: {}, errors: [new GraphQLError('Unauthorized', null, null, null, null, unauthorized)] },
      notice:
        'Your session has ended: it expired, or an admin disabled or removed your account. Sign in again; if you cannot, ask an admin.',
    },
    {
      // The API's answer to a token issued before the member was moved, disabled or reset (amplify/data/resolvers/access.ts).
      who: 'whose access an admin changed, though their token has not expired',
      refusal: {
        errors: [
          {
            errorType: 'Unauthorized',
            message: 'An admin changed your access: sign in again.',
            errorInfo: { reason: 'ACCESS_CHANGED' },
          },
        ],
      },
      notice:
        'An admin changed your access (your role, your password, or disabled your account). Sign in again to carry on with what you may do now; if you cannot, ask an admin.',
    },
  ])('returns a member $who to sign-in, saying why', async ({ refusal, notice }) => {
    const b = backend(user('CREW'));
    b.api.listEvents = async () => {
      throw refusal;
    };
    const el = await app(b);
    await waitUntil(() => shadow(el).querySelector('scc-sign-in'), 'form shown');
    const form = shadow(el).querySelector('scc-sign-in')!;
    await form.updateComplete;
    expect(form.shadowRoot!.querySelector('[role=alert]')!.textContent).toBe(notice);
    await waitUntil(() => b.signOuts === 1, 'stored session cleared');
    expect(localStorage.getItem('scc:user')).toBeNull();
  });

  it('keeps a member signed in when the API refuses one operation to their group', async () => {
    const b = backend(user('CREW'));
    b.api.listEvents = async () => {
      throw { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access listEvents on type Query' }] };
    };
    const el = await app(b);
    await waitUntil(() => customElements.get('scc-event-list'), 'views loaded');
    await new Promise((r) => setTimeout(r, 100));
    expect(shadow(el).querySelector('scc-sign-in')).toBeNull();
    expect(shadow(el).querySelector('header')).not.toBeNull();
    expect(b.signOuts).toBe(0);
  });

  it('is accessible', async () => {
    const el = await app(backend(user('ADMINS')));
    await waitUntil(() => customElements.get('scc-event-list'), 'views loaded');
    await chai(el).to.be.accessible();
  });
});
