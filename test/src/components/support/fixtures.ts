/**
 * Test helpers for the components: sample data shaped like the GraphQL contract, a DataClient that
 * answers from memory (the browser project has no API server; the e2e tests use the real one), and a
 * fixture that provides the shell's contexts around an element.
 */
import { ContextProvider } from '@lit/context';
import { fixture, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import type { TemplateResult } from 'lit';
import { apiContext, revisionContext, userContext } from '../../../../src/graphql/context';
import { createDataClient, type DataClient } from '../../../../src/graphql/client';
import type {
  Event,
  EventDetail,
  Notification,
  Payment,
  RosterEntry,
  Takings,
  TeamMember,
} from '../../../../src/graphql/types';
import type { CurrentUser, Group } from '../../../../src/lib/domain/roles';

export const user = (group: Group): CurrentUser => ({ email: `${group.toLowerCase()}@example.com`, groups: [group] });

export function sampleEvent(over: Partial<Event> = {}): Event {
  return {
    id: '2025-07-04-fireworks-sail',
    title: 'Fireworks Sail',
    startsAt: '2025-07-04T23:30:00.000Z',
    endsAt: '2025-07-05T02:00:00.000Z',
    boat: 'Lady Washington',
    captain: 'Ahab',
    crew: ['Ishmael', 'Queequeg'],
    capacity: 40,
    priceCents: 5000,
    dueCents: 15000,
    paidCents: 5000,
    balanceCents: 10000,
    rosterCount: 3,
    headCount: 5,
    waiversSigned: 1,
    ...over,
  };
}

export function sampleEntry(over: Partial<RosterEntry> = {}): RosterEntry {
  return {
    eventId: '2025-07-04-fireworks-sail',
    email: 'jo@example.com',
    name: 'Jo March',
    phone: '555-0100',
    partySize: 2,
    amountDueCents: 10000,
    paidCents: 2500,
    balanceCents: 7500,
    waiverSignedAt: null,
    notes: null,
    ...over,
  };
}

export function samplePayment(over: Partial<Payment> = {}): Payment {
  return {
    id: '01J0000000000000000000000A',
    eventId: '2025-07-04-fireworks-sail',
    patronEmail: 'jo@example.com',
    patronName: 'Jo March',
    amountCents: 2500,
    currency: 'USD',
    method: 'CASH',
    notes: null,
    receivedAt: '2025-06-01T16:00:00.000Z',
    loggedAt: '2025-06-01T16:01:00.000Z',
    loggedBy: 'crew@example.com',
    status: 'RECORDED',
    voidedAt: null,
    voidedBy: null,
    voidReason: null,
    notificationStatus: null,
    notifiedAt: null,
    ...over,
  };
}

type SomeCents = Partial<Takings['takings']>;

/**
 * One event's daily takings as the `takings` query answers them: the money per method given, its
 * sums worked out (so they agree), the counts 0 unless given.
 */
export function sampleTakings(
  over: Partial<Omit<Takings, 'takings' | 'refunds'>> &
    Pick<Takings, 'day'> & { takings?: SomeCents; refunds?: SomeCents },
): Takings {
  const none = { CASH: 0, CARD: 0, CHECK: 0, ACH: 0, OTHER: 0 };
  const takings = { ...none, ...over.takings };
  const refunds = { ...none, ...over.refunds };
  const sum = (m: typeof none) => Object.values(m).reduce((a, b) => a + b, 0);
  return {
    eventId: '2025-07-04-fireworks-sail',
    counted: 0,
    voided: 0,
    moved: 0,
    lateEntries: 0,
    ...over,
    takings,
    refunds,
    takingsCents: sum(takings),
    refundsCents: sum(refunds),
    netCents: sum(takings) - sum(refunds),
  };
}

/** An input as the server stores it: a field sent as null is not stored, so it is absent from the answer. */
export function stored<T extends object>(input: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}

export interface Call {
  method: keyof DataClient;
  args: unknown[];
}

/** A member of the team, as teamMembers lists them. */
export function sampleMember(over: Partial<TeamMember> = {}): TeamMember {
  return {
    email: 'casey@example.com',
    name: 'Casey Crew',
    group: 'CREW',
    enabled: true,
    status: 'CONFIRMED',
    createdAt: '2026-01-05T10:00:00.000Z',
    mailStatus: null,
    mailError: null,
    signedOut: null,
    ...over,
  };
}

/** A DataClient whose answers each test sets; every call is recorded in `calls`. */
export function memoryApi(
  answers: Partial<{ [K in keyof DataClient]: DataClient[K] }> = {},
): DataClient & { calls: Call[] } {
  const calls: Call[] = [];
  const detail: EventDetail = { event: sampleEvent(), roster: [sampleEntry()], walkUps: [] };
  const notification: Notification = {
    paymentId: 'p',
    to: 'jo@example.com',
    status: 'SENT',
    messageId: 'm',
    error: null,
  };
  const defaults: DataClient = {
    listEvents: async () => ({ items: [sampleEvent()], nextToken: null }),
    getEvent: async () => detail,
    payments: async () => ({ items: [samplePayment()], nextToken: null }),
    findPatrons: async () => ({ items: [sampleEntry()], nextToken: null }),
    createEvent: async (input) => ({ ...sampleEvent(), ...input, id: input.id ?? 'new-event' }) as Event,
    updateEvent: async (input) => ({ ...sampleEvent(), ...input }) as Event,
    addPatron: async (input) => sampleEntry(stored(input)),
    updatePatron: async (input) => sampleEntry(stored(input)),
    removePatron: async (eventId, email) => sampleEntry({ eventId, email }),
    matchWaiverClaim: async (eventId, email) => sampleEntry({ eventId, email }),
    logPayment: async (input) => samplePayment({ ...stored(input), id: 'new-payment' }),
    voidPayment: async (_e, paymentId, reason) =>
      samplePayment({ id: paymentId, status: 'VOIDED', voidReason: reason }),
    notifyPatron: async () => notification,
    sendWaiverLink: async (eventId, email) => ({
      eventId,
      email,
      status: 'SENT',
      sentAt: '2026-06-01T12:00:00.000Z',
      messageId: 'm',
      error: null,
    }),
    sendWaiverLinks: async () => [],
    boarding: async () => ({ ...detail, checkIns: [] }),
    checkIn: async () => {
      throw new Error('checkIn: no answer set');
    },
    undoCheckIn: async () => {
      throw new Error('undoCheckIn: no answer set');
    },
    refundPayment: async (input) => samplePayment({ ...stored(input), id: 'new-refund', kind: 'REFUND' }),
    cancelEvent: async () => {
      throw new Error('cancelEvent: no answer set');
    },
    notifyCancellation: async () => {
      throw new Error('notifyCancellation: no answer set');
    },
    rebookPatron: async () => {
      throw new Error('rebookPatron: no answer set');
    },
    correctPatronEmail: async () => {
      throw new Error('correctPatronEmail: no answer set');
    },
    audit: async () => ({ items: [], nextToken: null }),
    signedWaivers: async () => ({ items: [], nextToken: null }),
    signedWaiver: async () => null,
    // The team.
    teamMembers: async () => ({ items: [sampleMember()], nextToken: null }),
    inviteTeamMember: async (input) => sampleMember({ ...input, status: 'FORCE_CHANGE_PASSWORD', mailStatus: 'SENT' }),
    setTeamMemberGroup: async (email, group) => sampleMember({ email, group, signedOut: true }),
    disableTeamMember: async (email) => sampleMember({ email, enabled: false, signedOut: true }),
    enableTeamMember: async (email) => sampleMember({ email }),
    resetTeamMemberPassword: async (email) =>
      sampleMember({ email, status: 'FORCE_CHANGE_PASSWORD', mailStatus: 'SENT', signedOut: true }),
    reconciliationPayments: async () => ({ items: [], nextToken: null }),
    takings: async () => ({ items: [], nextToken: null }),
    cashCounts: async () => ({ items: [], nextToken: null }),
    recordCashCount: async (day, countedCents, expectedCents, notes) => ({
      id: 'new-count',
      day,
      countedCents,
      expectedCents,
      differenceCents: countedCents - expectedCents,
      notes,
      countedBy: 'accounting@example.com',
      countedAt: '2026-06-01T12:00:00.000Z',
    }),
    eventTitles: async (ids) => ids.map(() => null),
    eventSummaries: async (ids) => ids.map(() => null),
    watchEvent: (_id, watcher) => {
      watcher.status('off');
      return () => undefined;
    },
  };
  const api = { calls } as DataClient & { calls: Call[] };
  for (const key of Object.keys(defaults) as (keyof DataClient)[]) {
    const impl = (answers[key] ?? defaults[key]) as (...args: unknown[]) => Promise<unknown>;
    (api as any)[key] = (...args: unknown[]) => {
      calls.push({ method: key, args });
      return impl(...args);
    };
  }
  return api;
}

export interface Provided {
  user?: CurrentUser;
  api?: DataClient;
  revision?: number;
}

/** Renders `template` inside an element that provides the shell's contexts. */
export async function fixtureWith<T extends Element>(template: TemplateResult, provided: Provided = {}) {
  const host = document.createElement('div');
  // fixture() adopts `host` as its wrapper: fixtureCleanup removes it after each test.
  document.body.append(host);
  const providers = {
    user: new ContextProvider(host, { context: userContext, initialValue: provided.user }),
    api: new ContextProvider(host, { context: apiContext, initialValue: provided.api }),
    revision: new ContextProvider(host, { context: revisionContext, initialValue: provided.revision ?? 0 }),
  };
  const el = await fixture<T>(template, { parentNode: host });
  return { el, providers };
}

/** An address nothing listens on: fetch fails there the way it fails with no connection. */
export const UNREACHABLE = 'http://127.0.0.1:65535/graphql';

/**
 * A DataClient that loses its connection: while `offline`, every call goes through the real client
 * (createDataClient) to an unreachable address, so the real failure path is taken; back online, it
 * answers as `memoryApi(answers)`.
 */
export function connectionApi(answers: Parameters<typeof memoryApi>[0] = {}) {
  const online = memoryApi(answers);
  const unreachable = createDataClient(async (query, variables) => {
    const res = await fetch(UNREACHABLE, { method: 'POST', body: JSON.stringify({ query, variables }) });
    return (await res.json()).data;
  });
  const state = { offline: true };
  const api = { calls: online.calls } as DataClient & { calls: Call[] };
  for (const key of Object.keys(online).filter((k) => k !== 'calls') as (keyof DataClient)[]) {
    (api as any)[key] = (...args: unknown[]) =>
      ((state.offline ? unreachable : online)[key] as (...a: unknown[]) => Promise<unknown>)(...args);
  }
  return { api, state };
}

/**
 * The failed-load state of `el`, as every screen shows it: "Could not load <what>", the reason, and
 * Retry. Presses Retry while still offline (it loads again and fails again), then brings the
 * connection back and announces it (`online`), as the browser does.
 */
export async function failWhileOfflineThenReconnect(el: LitElement, what: string, state: { offline: boolean }) {
  const failed = () => el.shadowRoot!.querySelector('.load-failed')?.textContent ?? '';
  await waitUntil(() => failed().includes(`Could not load ${what}. Cannot reach the server`), 'failure shown', {
    timeout: 5000,
  });
  el.shadowRoot!.querySelector<HTMLButtonElement>('.load-failed button')!.click();
  await el.updateComplete;
  if (!el.shadowRoot!.querySelector('[aria-busy=true]')) throw new Error('Retry did not load again');
  await waitUntil(() => failed().includes(`Could not load ${what}`), 'still offline', { timeout: 5000 });
  state.offline = false;
  window.dispatchEvent(new Event('online'));
}

/** A promise a test settles when it chooses (a page that arrives late). Promise.withResolvers wants lib ES2024. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Does `act` (press "Show more") without a connection and waits for the failed-load state of `what`;
 * then the connection is back, though nobody has said so yet (no `online` event).
 */
export async function failOffline(el: LitElement, act: () => void, what: string, state: { offline: boolean }) {
  state.offline = true;
  act();
  await waitUntil(
    () =>
      el
        .shadowRoot!.querySelector('.load-failed')
        ?.textContent?.includes(`Could not load ${what}. Cannot reach the server`),
    'failure shown',
    { timeout: 5000 },
  );
  state.offline = false;
}
