import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { apiContext, revisionContext, userContext } from '../graphql/context';
import type { DataClient } from '../graphql/client';
import { watchSession } from '../graphql/session-watch';
import { isAccessChanged, type ApiError } from '../graphql/errors';
import { handover, type HandoverClient } from '../graphql/handover';
import { NEW_PASSWORD_REQUIRED, type Backend } from '../graphql/backend';
import type { SccEventMap } from '../events';
import { can, startPage, type CurrentUser } from '../lib/domain/roles';
import { parseRoute, type Route } from '../lib/controllers/route';
import { navigateOnClick } from '../lib/controllers/navigate';
import { RetryWhenOnline, loadFailed } from '../lib/controllers/failed-load';
import { controls } from '../styles/shared';
import { loadView, preloadFirstRead } from '../views';
import './scc-sign-in';
import type { SccPaymentModal } from './scc-payment-modal';

const CACHED_USER = 'scc:user';
const SESSION_ENDED =
  'Your session has ended: it expired, or an admin disabled or removed your account. Sign in again; if you cannot, ask an admin.';
const ACCESS_CHANGED =
  'An admin changed your access (your role, your password, or disabled your account). Sign in again to carry on with what you may do now; if you cannot, ask an admin.';

function cachedUser(): CurrentUser | undefined {
  try {
    return JSON.parse(localStorage.getItem(CACHED_USER) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The shell: sign-in, the signed-in user and the data client in context, URL routing, and the one
 * payment modal every view opens. Views load after sign-in, aws-amplify after first paint.
 *
 * @csspart header - The top bar.
 * @csspart main - The routed view.
 */
@customElement('scc-app')
export class SccApp extends LitElement {
  static override styles = [
    controls,
    css`
      :host { display: block; min-height: 100dvh; }
      header {
        display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.5rem 1rem;
        background: var(--_ink); color: #fff;
      }
      header a, header .who { color: #fff; }
      .brand { font-weight: 700; margin-right: auto; text-decoration: none; }
      /* An admin has five links: on a phone they wrap rather than widen the page. */
      nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
      header button { border-color: #fff; color: #fff; background: transparent; min-height: 36px; }
      main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
      main:focus { outline: none; }
      /* A page whose view is still on its way (views.ts). */
      main > :not(:defined)::before { content: 'Loading…'; }
      /* A printed page (the manifest) is the view alone. */
      @media print { header { display: none; } main { padding: 0; max-width: none; } }
      .load-failed { padding: 0.5rem 1rem; background: #fdecea; }
      .who { font-size: 0.875rem; }
    `,
  ];

  @provide({ context: userContext }) @state() user?: CurrentUser = cachedUser();
  @provide({ context: apiContext }) @state() api?: DataClient;
  @provide({ context: revisionContext }) @state() revision = 0;

  /** Waits for aws-amplify (loading it again on a retry), then restores the session from stored tokens. */
  private session = new Task(this, {
    task: async ([backend]) => {
      if (!backend) return undefined;
      // A signed-in reload loads its page's code first on a slow link (it can read without
      // aws-amplify: the early client, below), aws-amplify after it.
      if (this.user) await this.view.taskComplete.catch(() => undefined);
      const ready = await (typeof backend === 'function' ? backend() : backend);
      if (this.handingOver) this.backendReady(ready.api);
      // An ended session anywhere brings back the sign-in form instead of a dead end.
      else this.api = watchSession(ready.api, (why) => void this.sessionEnded(why));
      const user = await ready.auth.currentUser();
      this.setUser(user);
      return ready;
    },
    args: () => [this.backend] as const,
  });

  private signingIn = new Task(this, {
    autoRun: false,
    task: async ([email, password, newPassword]: readonly [string, string, string?]) => {
      if (!this.backend) throw new Error('Still starting up. Try again in a second.');
      // aws-amplify failed to load earlier (offline): signing in is a reason to try again.
      if (this.session.status === TaskStatus.ERROR) await this.session.run();
      const backend = this.session.value ?? (await this.session.taskComplete);
      if (!backend) throw new Error('Still starting up. Try again in a second.');
      this.setUser(await backend.auth.signIn(email, password, newPassword));
    },
  });

  /** The shown page's view, its own chunk (views.ts): a failed load (offline, not cached yet) can be retried. */
  private view = new Task(this, {
    task: async ([page]) => {
      if (page) await loadView(page);
    },
    args: () => [this.user ? this.shown.name : undefined] as const,
  });

  private online = new RetryWhenOnline(this, () => [this.session, this.view]);

  @query('scc-payment-modal') private modal?: SccPaymentModal;

  /** The sign-in being run replaces a temporary password. */
  @state() private choosingPassword = false;

  @state() route: Route = parseRoute(location.pathname, location.search);

  /** Shown on the sign-in form (main.ts sets the demo accounts when running locally). */
  @property() signInHint = '';

  /**
   * aws-amplify: loading, or how to load it (main.ts sets a loader right after first paint, so a
   * failed load can be tried again).
   */
  @property({ attribute: false }) backend?: Promise<Backend> | (() => Promise<Backend>);

  /**
   * Reads a signed-in reload makes before aws-amplify has loaded (main.ts: a fetch with the stored
   * ID token). The shell's client hands over to aws-amplify's once it has (handover.ts).
   */
  @property({ attribute: false }) early?: DataClient;

  private handingOver?: HandoverClient;
  private backendReady: (api: DataClient) => void = () => undefined;

  override willUpdate(changed: Map<PropertyKey, unknown>) {
    if (changed.has('early') && this.early && !this.api) {
      const ready = new Promise<DataClient>((resolve) => (this.backendReady = resolve));
      this.handingOver = handover(this.early, ready);
      // An ended session anywhere brings back the sign-in form instead of a dead end.
      this.api = watchSession(this.handingOver, (why) => void this.sessionEnded(why));
      // The page's first read starts now, not once its view's code has arrived.
      if (this.user) preloadFirstRead(this.shown, this.handingOver);
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    this.addEventListener('scc-navigate', this.onNavigate);
    this.addEventListener('scc-open-payment', this.onOpenPayment);
    this.addEventListener('scc-sign-in', this.onSignIn);
    // A refused change (scc-data-stale) reloads every view too: what they show was out of date.
    for (const name of [
      'scc-payment-logged',
      'scc-payment-voided',
      'scc-patron-changed',
      'scc-event-changed',
      'scc-receipt-sent',
      'scc-data-stale',
      'scc-waiver-links-sent',
      'scc-team-changed',
    ] as const) {
      this.addEventListener(name, this.onDataChanged);
    }
    // Issue 16 §1: another user's change, told by a live subscription, reloads the views the same way.
    this.addEventListener('scc-live-changed', this.onDataChanged);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.onPopState);
  }

  override updated() {
    document.title = `${this.pageTitle()} · Ship Captain Crew`;
  }

  private onPopState = () => {
    this.route = parseRoute(location.pathname, location.search);
  };

  private onNavigate = (e: CustomEvent<SccEventMap['scc-navigate']>) => {
    const target = new URL(e.detail.path, location.origin);
    if (target.pathname + target.search !== location.pathname + location.search) {
      history.pushState(null, '', target.pathname + target.search);
    }
    this.route = parseRoute(target.pathname, target.search);
    window.scrollTo(0, 0);
    // Screen readers start reading the new page, not the link that was followed.
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('main')?.focus({ preventScroll: true }),
    );
  };

  private onOpenPayment = (e: CustomEvent<SccEventMap['scc-open-payment']>) => {
    this.modal?.show(e.detail);
  };

  private onSignIn = (e: CustomEvent<SccEventMap['scc-sign-in']>) => {
    this.choosingPassword = e.detail.newPassword !== undefined;
    this.endedNotice = '';
    void this.signingIn.run([e.detail.email, e.detail.password, e.detail.newPassword]);
  };

  private onDataChanged = () => {
    this.revision += 1;
  };

  /** Why the sign-in form is back though nobody signed out: the API refused the session. */
  @state() private endedNotice = '';

  /**
   * The API no longer accepts this session (expired, or an admin disabled or removed the account,
   * or changed its role): signed out for good (tokens and saved reads cleared, as by the button),
   * saying why. Signing in again gives a token with the member's groups as they now are, and so the
   * navigation and pages of their new role.
   */
  private async sessionEnded(why?: ApiError) {
    if (!this.user) return;
    this.endedNotice = why && isAccessChanged(why) ? ACCESS_CHANGED : SESSION_ENDED;
    await this.signOut();
  }

  private async signOut() {
    this.setUser(undefined);
    this.handingOver?.forget();
    // A shared phone: the next person to sign in must not read this one's saved events offline.
    await import('../lib/offline/offline-store')
      .then(({ clearSavedReads }) => clearSavedReads())
      .catch(() => undefined);
    await this.session.value?.auth.signOut();
  }

  private setUser(user: CurrentUser | undefined) {
    this.user = user;
    if (user) {
      localStorage.setItem(CACHED_USER, JSON.stringify(user));
    } else {
      localStorage.removeItem(CACHED_USER);
    }
  }

  /** The route drawn: `/` is the user's own start page. */
  private get shown(): Route {
    return this.route.name === 'home' ? { name: startPage(this.user) } : this.route;
  }

  private pageTitle(): string {
    if (!this.user) return 'Sign in';
    switch (this.shown.name) {
      case 'event':
        return 'Event';
      case 'boarding':
        return 'Boarding';
      case 'today':
        return 'Today';
      case 'manifest':
        return 'Manifest';
      case 'payments':
        return 'Payments';
      case 'records':
        return 'Records';
      case 'signed-waiver':
        return 'Signed waiver';
      case 'team':
        return 'Team';
      case 'reconciliation':
        return 'Reconciliation';
      case 'events':
        return can.seeEvents(this.user) ? 'Charters' : 'Payments';
      default:
        return 'Not found';
    }
  }

  override render() {
    if (!this.user) {
      const busy = this.signingIn.status === TaskStatus.PENDING;
      const failed = this.signingIn.status === TaskStatus.ERROR ? (this.signingIn.error as Error) : undefined;
      // A temporary password signs in only once a new one is chosen: the form asks for it.
      const choose = failed?.name === NEW_PASSWORD_REQUIRED || (busy && this.choosingPassword);
      return html`<main part="main"><scc-sign-in ?busy=${busy} ?choose-password=${choose} hint=${this.signInHint}
        error=${failed?.message ?? (busy ? '' : this.endedNotice)}></scc-sign-in></main>`;
    }
    return html`
      <header part="header">
        <a class="brand" href="/" @click=${navigateOnClick}>Ship Captain Crew</a>
        <nav aria-label="Main">
          ${can.seeEvents(this.user) ? html`<a href="/today" @click=${navigateOnClick}>Today</a>` : nothing}
          ${can.seeEvents(this.user) ? html`<a href="/events" @click=${navigateOnClick}>Charters</a>` : nothing}
          ${can.seeAllPayments(this.user) ? html`<a href="/payments" @click=${navigateOnClick}>Payments</a>` : nothing}
          ${can.manageTeam(this.user) ? html`<a href="/team" @click=${navigateOnClick}>Team</a>` : nothing}
          ${can.reconcile(this.user) ? html`<a href="/reconciliation" @click=${navigateOnClick}>Reconciliation</a>` : nothing}
        </nav>
        <span class="who">${this.user.email}</span>
        <button type="button" @click=${this.signOut}>Sign out</button>
      </header>
      ${this.session.status === TaskStatus.ERROR ? loadFailed('your session', this.session.error, this.session) : nothing}
      ${can.logPayment(this.user) ? html`<scc-outbox-status></scc-outbox-status>` : nothing}
      <main part="main" tabindex="-1">${this.view.status === TaskStatus.ERROR ? loadFailed('this page', this.view.error, this.view) : this.renderRoute(this.shown)}</main>
      ${can.logPayment(this.user) ? html`<scc-payment-modal></scc-payment-modal>` : nothing}
    `;
  }

  private renderRoute(route: Route) {
    const user = this.user;
    if (route.name === 'event' && can.seeEvents(user))
      return html`<scc-event-detail eventId=${route.id}></scc-event-detail>`;
    if (route.name === 'boarding' && can.seeEvents(user))
      return html`<scc-boarding-page eventId=${route.id}></scc-boarding-page>`;
    if (route.name === 'today' && can.seeEvents(user)) return html`<scc-today-page></scc-today-page>`;
    if (route.name === 'manifest' && can.seeEvents(user))
      return html`<scc-manifest-page eventId=${route.id}></scc-manifest-page>`;
    if (route.name === 'team' && can.manageTeam(user)) return html`<scc-team-page></scc-team-page>`;
    if (route.name === 'reconciliation' && can.reconcile(user)) {
      return html`<scc-reconciliation-page from=${route.from ?? nothing} to=${route.to ?? nothing} day=${route.day ?? nothing}></scc-reconciliation-page>`;
    }
    if (route.name === 'events' && can.seeEvents(user)) {
      return html`<scc-event-list from=${route.from ?? nothing} to=${route.to ?? nothing}
        @scc-range-change=${(e: CustomEvent<{ from: string; to: string }>) =>
          history.replaceState(null, '', `/?from=${e.detail.from}&to=${e.detail.to}`)}></scc-event-list>`;
    }
    // Issue 17 §2: the records an auditor asks for.
    if (route.name === 'records' && can.seeRecords(user)) {
      return html`<scc-records-page eventId=${route.eventId ?? ''} patron=${route.patron ?? ''}></scc-records-page>`;
    }
    if (route.name === 'signed-waiver' && can.seeRecords(user)) {
      return html`<scc-signed-waiver eventId=${route.eventId} signedAt=${route.signedAt} waiverId=${route.waiverId}></scc-signed-waiver>`;
    }
    if ((route.name === 'payments' || route.name === 'events') && can.seeEventPayments(user)) {
      const r =
        route.name === 'payments' ? route : { from: undefined, to: undefined, method: undefined, patron: undefined };
      return html`<scc-payments-page from=${r.from ?? nothing} to=${r.to ?? nothing} method=${r.method ?? nothing}
        patron=${r.patron ?? nothing}></scc-payments-page>`;
    }
    return html`<h1>Page not found</h1><p>Nothing lives at this address.
      <a href="/" @click=${navigateOnClick}>Go to the start page</a>.</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'scc-app': SccApp;
  }
}
