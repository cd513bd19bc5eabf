/**
 * What the dashboard's end-to-end tests share: the product on free ports (test/support/product.ts),
 * Chromium from Debian, GraphQL as a given demo user to set up data, and the local SES store.
 */
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { CHROMIUM, CHROMIUM_ARGS } from '../../../vite.config';
import { startTestProduct, type TestProduct } from '../../support/product';
import { cognitoClient, signIn as cognitoSignIn, DEFAULT_DEMO_PASSWORD } from '../../../local/stack/cognito';

export interface Dashboard {
  product: TestProduct;
  browser: Browser;
  /** GraphQL as a demo user, straight to the local AppSync (for setting up and checking data). */
  graphql<T = any>(as: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  /** A signed-in page in a fresh browser context. */
  signedIn(
    email: string,
    viewport?: { width: number; height: number },
    timezoneId?: string,
  ): Promise<{ context: BrowserContext; page: Page }>;
  mailTo(address: string): Promise<Array<{ subject: string; body: { text?: string; html?: string } }>>;
  stop(): Promise<void>;
}

/** `spa: 'dist'` serves the production build (service worker included) instead of Vite. */
export async function startDashboard(opts: { spa?: 'vite' | 'dist' } = {}): Promise<Dashboard> {
  const product = await startTestProduct({ seed: false, spa: opts.spa });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const { endpoints, outputs } = product;
  const tokens = new Map<string, string>();
  const cognito = cognitoClient(endpoints.cognitoEndpoint, 'us-east-1');

  async function token(email: string) {
    if (!tokens.has(email)) {
      const signed = await cognitoSignIn(cognito, outputs.auth!.user_pool_client_id, email, DEFAULT_DEMO_PASSWORD);
      tokens.set(email, signed.idToken);
    }
    return tokens.get(email)!;
  }

  return {
    product,
    browser,
    async graphql(as, query, variables = {}) {
      const res = await fetch(endpoints.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await token(as) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: any; errors?: unknown[] };
      if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    async signedIn(email, viewport = { width: 1280, height: 900 }, timezoneId) {
      // No ignoreHTTPSErrors: as on a plain `npm start`, live updates need no certificate (local-realtime.ts).
      const context = await browser.newContext({ viewport, timezoneId });
      const page = await context.newPage();
      await page.goto(`${endpoints.edgeUrl}/`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(DEFAULT_DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return { context, page };
    },
    async mailTo(address) {
      const res = await fetch(`${endpoints.sesUrl}/store`);
      const { emails } = (await res.json()) as {
        emails: Array<{ destination: { to: string[] }; subject: string; body: { text?: string; html?: string } }>;
      };
      return emails.filter((e) => e.destination.to.includes(address));
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await product.stop();
    },
  };
}

/**
 * An event with the given patrons, created as admin through the API: by default 22:00 UTC three
 * days ahead, or at `when` (an ISO instant).
 */
export async function createEvent(
  d: Dashboard,
  title: string,
  patrons: Array<{ email: string; name: string; partySize?: number }>,
  when?: { startsAt: string; hours: number },
) {
  const startsAt = when ? new Date(when.startsAt) : new Date(Date.now() + 3 * 86_400_000);
  if (!when) startsAt.setUTCHours(22, 0, 0, 0);
  const { createEvent: event } = await d.graphql(
    'admin@example.com',
    /* GraphQL */ `
    mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    {
      input: {
        title,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + (when?.hours ?? 3) * 3_600_000).toISOString(),
        boat: 'Lady Washington',
        captain: 'Ahab',
        crew: ['Ishmael', 'Queequeg'],
        capacity: 40,
        priceCents: 5000,
      },
    },
  );
  for (const p of patrons) {
    await d.graphql(
      'admin@example.com',
      /* GraphQL */ `
      mutation ($input: AddPatronInput!) { addPatron(input: $input) { email } }`,
      { input: { eventId: event.id, ...p } },
    );
  }
  return event.id as string;
}

export async function paymentsOf(d: Dashboard, eventId: string) {
  const { paymentsByEvent } = await d.graphql(
    'admin@example.com',
    /* GraphQL */ `
    query ($eventId: ID!) { paymentsByEvent(eventId: $eventId) { items { id patronEmail amountCents status loggedBy voidedBy } } }`,
    { eventId },
  );
  return paymentsByEvent.items as Array<{
    id: string;
    patronEmail: string;
    amountCents: number;
    status: string;
    loggedBy: string;
    voidedBy: string | null;
  }>;
}

/** The dashboard for one test file: started before its tests, stopped after (one browser per file). */
export function dashboardForThisFile(opts: { spa?: 'vite' | 'dist' } = {}): { readonly d: Dashboard } {
  const holder = {} as { d: Dashboard };
  beforeAll(async () => {
    holder.d = await startDashboard(opts);
  });
  afterAll(async () => {
    await holder.d?.stop();
  });
  return holder;
}

/** A patron's row on an event page's roster. */
export const rosterRow = (page: Page, name: string) =>
  page.locator('scc-roster li', { has: page.getByText(name, { exact: true }) });
