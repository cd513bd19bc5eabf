import * as ops from './operations';
import { ApiError, toApiError } from './errors';
import type {
  AddPatronInput,
  Boarding,
  BoardingProblem,
  CashCount,
  CheckIn,
  CreateEventInput,
  Event,
  EventDetail,
  EventWatcher,
  LiveStatus,
  LogPaymentInput,
  Notification,
  Page,
  Payment,
  PaymentSource,
  RosterEntry,
  UpdateEventInput,
  UpdatePatronInput,
  WaiverLinkDelivery,
} from './types';
import type { Cancellation, Rebooking, RefundPaymentInput } from './types';
import type { AuditEntry, AuditSource, SignedWaiver, SignedWaiverDocument } from './types';
import type { InviteTeamMemberInput, TeamGroup, TeamMember } from './types';
import type { Takings } from './types';

/** Sends one GraphQL operation and resolves its `data` (aws-amplify's `client.graphql` in the app). */
export type GraphqlSend = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

/** The real-time side of the transport (aws-amplify's subscriptions in the app). */
export interface LiveTransport {
  /** Starts one subscription; the function returned ends it. */
  subscribe(
    query: string,
    variables: Record<string, unknown>,
    observer: { next(): void; error(error: unknown): void },
  ): () => void;
  /** Follows the real-time connection's state, starting with the current one; the function returned stops following. */
  connection(listener: (status: LiveStatus) => void): () => void;
}

/** What the dashboard asks of the API: one method per operation of the contract (docs/architecture.md). */
export interface DataClient {
  listEvents(from: string, to: string, nextToken?: string | null): Promise<Page<Event>>;
  getEvent(id: string): Promise<EventDetail | null>;
  payments(source: PaymentSource, nextToken?: string | null): Promise<Page<Payment>>;
  /** Roster entries across events whose name, email or phone starts with `query`. */
  findPatrons(query: string, nextToken?: string | null): Promise<Page<RosterEntry>>;
  createEvent(input: CreateEventInput): Promise<Event>;
  updateEvent(input: UpdateEventInput): Promise<Event>;
  addPatron(input: AddPatronInput): Promise<RosterEntry>;
  updatePatron(input: UpdatePatronInput): Promise<RosterEntry>;
  removePatron(eventId: string, email: string): Promise<RosterEntry>;
  /** Attaches a held public-link signature to the booking it claims (staff checked who signed). */
  matchWaiverClaim(eventId: string, email: string, waiverId: string): Promise<RosterEntry>;
  logPayment(input: LogPaymentInput): Promise<Payment>;
  voidPayment(eventId: string, paymentId: string, reason: string): Promise<Payment>;
  notifyPatron(eventId: string, paymentId: string): Promise<Notification>;
  sendWaiverLink(eventId: string, email: string): Promise<WaiverLinkDelivery>;
  sendWaiverLinks(eventId: string): Promise<WaiverLinkDelivery[]>;
  boarding(eventId: string): Promise<Boarding | null>;
  /** `acknowledge`: the boarding problems crew accept (checkIn refuses with Conflict NO_WAIVER / OWES otherwise). */
  checkIn(eventId: string, email: string, person: string, acknowledge?: BoardingProblem[]): Promise<CheckIn>;
  undoCheckIn(eventId: string, email: string, person: string, reason: string): Promise<CheckIn>;
  // Issue 17 §3: refunds and cancellations.
  refundPayment(input: RefundPaymentInput): Promise<Payment>;
  cancelEvent(eventId: string, reason: string): Promise<Cancellation>;
  notifyCancellation(eventId: string): Promise<Cancellation>;
  rebookPatron(eventId: string, email: string, toEventId: string): Promise<Rebooking>;
  correctPatronEmail(eventId: string, email: string, newEmail: string): Promise<RosterEntry>;
  // Issue 17 §2: the records an auditor asks for.
  audit(source: AuditSource, nextToken?: string | null): Promise<Page<AuditEntry>>;
  signedWaivers(eventId: string, nextToken?: string | null): Promise<Page<SignedWaiver>>;
  signedWaiver(eventId: string, signedAt: string, id: string): Promise<SignedWaiverDocument | null>;
  // The team, ADMINS only.
  teamMembers(nextToken?: string | null): Promise<Page<TeamMember>>;
  inviteTeamMember(input: InviteTeamMemberInput): Promise<TeamMember>;
  setTeamMemberGroup(email: string, group: TeamGroup): Promise<TeamMember>;
  disableTeamMember(email: string): Promise<TeamMember>;
  enableTeamMember(email: string): Promise<TeamMember>;
  resetTeamMemberPassword(email: string): Promise<TeamMember>;
  // Reconciliation
  /** One page (up to 100) of the payments logged between two instants, with their kind. */
  reconciliationPayments(from: string, to: string, nextToken?: string | null): Promise<Page<Payment>>;
  /** One page of the daily takings (per event and day) of the days from `from` to `to` (AWSDate), oldest first. */
  takings(from: string, to: string, nextToken?: string | null): Promise<Page<Takings>>;
  /** One page of the cash counts of the days from `from` to `to` (AWSDate), oldest first. */
  cashCounts(from: string, to: string, nextToken?: string | null): Promise<Page<CashCount>>;
  /** `expectedCents`: the cash the counter was shown as expected, kept with the count. */
  recordCashCount(day: string, countedCents: number, expectedCents: number, notes: string | null): Promise<CashCount>;
  /** Issue 16 §1: tells `watcher` of every change to the event (its roster, payments and check-ins included); the function returned stops. */
  watchEvent(eventId: string, watcher: EventWatcher): () => void;
  /** Issue 17 §4: the title and start of up to 100 events, in the order asked (null where none). */
  eventTitles(ids: string[]): Promise<({ id: string; title: string; startsAt: string } | null)[]>;
  // Session 6 leftovers: screens naming other events (src/lib/controllers/event-titles.ts).
  /** eventTitles with each event's status, up to 100, in the order asked (null where none). */
  eventSummaries(ids: string[]): Promise<(import('./types').EventSummary | null)[]>;
}

export const PAGE_SIZE = 25;

/**
 * A page may come back short, even empty, with a nextToken when a range crosses into the next year's
 * partition (docs/architecture.md, The table): keep following it, a few hops at most, so "show more" never shows nothing.
 */
async function fillPage<T>(
  fetch: (token: string | null) => Promise<Page<T>>,
  want: number,
  token: string | null = null,
): Promise<Page<T>> {
  const items: T[] = [];
  let next: string | null | undefined = token;
  for (let hop = 0; hop < 5; hop += 1) {
    const page = await fetch(next ?? null);
    items.push(...page.items);
    next = page.nextToken;
    if (!next || items.length >= want) break;
  }
  return { items, nextToken: next ?? null };
}

/**
 * Subscribes to every live subscription of one event. A subscription that fails (the socket
 * dropped, the start was refused) marks the watch lost and is tried again, backing off up to 30 s;
 * coming back counts as a change, since changes may have been missed meanwhile.
 */
function watchEvent(live: LiveTransport | undefined, eventId: string, watcher: EventWatcher): () => void {
  if (!live) {
    watcher.status('off');
    return () => undefined;
  }
  let stopped = false;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let ends: (() => void)[] = [];
  const end = () => {
    ends.forEach((stop) => stop());
    ends = [];
  };
  const fail = () => {
    if (stopped || retry) return;
    watcher.status('lost');
    end();
    failures += 1;
    retry = setTimeout(
      () => {
        retry = undefined;
        open();
        watcher.status(connection);
        watcher.changed();
      },
      Math.min(30_000, 1_000 * 2 ** failures),
    );
  };
  const open = () => {
    ends = ops.liveEvent.map((query) =>
      live.subscribe(query, { eventId }, { next: () => watcher.changed(), error: fail }),
    );
  };
  let connection: LiveStatus = 'connecting';
  const following = live.connection((status) => {
    connection = status;
    if (!retry) watcher.status(status);
  });
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    following();
    end();
  };
}

/** Builds the DataClient over a transport (and its live side, when it has one); every failure becomes an ApiError. */
export function createDataClient(send: GraphqlSend, live?: LiveTransport): DataClient {
  async function call<T>(field: string, query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      const data = (await send(query, variables)) as Record<string, T>;
      return data[field];
    } catch (thrown) {
      throw toApiError(thrown);
    }
  }
  function paymentsPage(source: PaymentSource, token: string | null): Promise<Page<Payment>> {
    const paging = { limit: PAGE_SIZE, nextToken: token };
    switch (source.kind) {
      case 'event':
        return call('paymentsByEvent', ops.paymentsByEvent, { eventId: source.eventId, ...paging });
      case 'patron':
        return call('paymentsByPatron', ops.paymentsByPatron, {
          email: source.email,
          from: source.from ?? null,
          to: source.to ?? null,
          ...paging,
        });
      case 'between':
        return call('paymentsBetween', ops.paymentsBetween, {
          from: source.from,
          to: source.to,
          method: source.method ?? null,
          ...paging,
        });
    }
  }
  /**
   * logPayment is idempotent on its key, so a collision the server calls retryable (nothing was
   * written) is retried here a few times, after a short random pause, before anyone is bothered.
   */
  async function retryingBusy<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        if (i >= tries || !(error instanceof ApiError) || error.kind !== 'Busy') throw error;
        await new Promise((resolve) => setTimeout(resolve, 40 * i + Math.random() * 60));
      }
    }
  }
  return {
    listEvents: (from, to, nextToken) =>
      fillPage((token) => call('listEvents', ops.listEvents, { from, to, limit: 50, nextToken: token }), 50, nextToken),
    getEvent: (id) => call('getEvent', ops.getEvent, { id }),
    payments: (source, nextToken) => fillPage((token) => paymentsPage(source, token), PAGE_SIZE, nextToken),
    findPatrons: (query, nextToken) =>
      call('findPatrons', ops.findPatrons, { query, limit: PAGE_SIZE, nextToken: nextToken ?? null }),
    createEvent: (input) => call('createEvent', ops.createEvent, { input }),
    updateEvent: (input) => call('updateEvent', ops.updateEvent, { input }),
    addPatron: (input) => call('addPatron', ops.addPatron, { input }),
    updatePatron: (input) => call('updatePatron', ops.updatePatron, { input }),
    removePatron: (eventId, email) => call('removePatron', ops.removePatron, { eventId, email }),
    matchWaiverClaim: (eventId, email, waiverId) =>
      call('matchWaiverClaim', ops.matchWaiverClaim, { eventId, email, waiverId }),
    logPayment: (input) => retryingBusy(() => call('logPayment', ops.logPayment, { input })),
    voidPayment: (eventId, paymentId, reason) => call('voidPayment', ops.voidPayment, { eventId, paymentId, reason }),
    notifyPatron: (eventId, paymentId) => call('notifyPatron', ops.notifyPatron, { eventId, paymentId }),
    sendWaiverLink: (eventId, email) => call('sendWaiverLink', ops.sendWaiverLink, { eventId, email }),
    // Page by page, so a roster past one call's 49 patrons is reached whole; each page's deliveries are recorded as it goes.
    sendWaiverLinks: async (eventId) => {
      const all: WaiverLinkDelivery[] = [];
      let nextToken: string | null = null;
      do {
        const page: { items: WaiverLinkDelivery[]; nextToken?: string | null } = await call(
          'sendWaiverLinksPage',
          ops.sendWaiverLinksPage,
          { eventId, nextToken },
        );
        all.push(...page.items);
        nextToken = page.nextToken ?? null;
      } while (nextToken);
      return all;
    },
    // Every page of the sailing (a big one exceeds one response), merged; the counts are the last page's, the newest read.
    boarding: async (eventId) => {
      let merged: Boarding | null = null;
      let nextToken: string | null = null;
      do {
        const page: Boarding | null = await call('boarding', ops.boarding, { eventId, nextToken });
        if (!page) return null;
        merged = merged
          ? {
              ...page,
              roster: [...merged.roster, ...page.roster],
              walkUps: [...merged.walkUps, ...page.walkUps],
              checkIns: [...merged.checkIns, ...page.checkIns],
            }
          : page;
        nextToken = page.nextToken ?? null;
      } while (nextToken);
      return merged;
    },
    // Idempotent on the server (a second check-in of the same person is a no-op), so a busy retry is safe.
    checkIn: (eventId, email, person, acknowledge) =>
      retryingBusy(() => call('checkIn', ops.checkIn, { eventId, email, person, acknowledge: acknowledge ?? null })),
    undoCheckIn: (eventId, email, person, reason) =>
      retryingBusy(() => call('undoCheckIn', ops.undoCheckIn, { eventId, email, person, reason })),
    // Idempotent on its key, as logPayment.
    refundPayment: (input) => retryingBusy(() => call('refundPayment', ops.refundPayment, { input })),
    cancelEvent: (eventId, reason) => call('cancelEvent', ops.cancelEvent, { eventId, reason }),
    notifyCancellation: (eventId) => call('notifyCancellation', ops.notifyCancellation, { eventId }),
    rebookPatron: (eventId, email, toEventId) => call('rebookPatron', ops.rebookPatron, { eventId, email, toEventId }),
    correctPatronEmail: (eventId, email, newEmail) =>
      call('correctPatronEmail', ops.correctPatronEmail, { eventId, email, newEmail }),
    audit: (source, nextToken) =>
      source.kind === 'event'
        ? call('auditByEvent', ops.auditByEvent, {
            eventId: source.eventId,
            limit: PAGE_SIZE,
            nextToken: nextToken ?? null,
          })
        : call('auditByPatron', ops.auditByPatron, {
            email: source.email,
            limit: PAGE_SIZE,
            nextToken: nextToken ?? null,
          }),
    signedWaivers: (eventId, nextToken) =>
      call('signedWaivers', ops.signedWaivers, { eventId, limit: PAGE_SIZE, nextToken: nextToken ?? null }),
    signedWaiver: (eventId, signedAt, id) => call('signedWaiver', ops.signedWaiver, { eventId, signedAt, id }),
    teamMembers: (nextToken) =>
      call('teamMembers', ops.teamMembers, { limit: PAGE_SIZE, nextToken: nextToken ?? null }),
    // Not retried when busy: an invite or a reset mails a password, and a second try would mail another.
    inviteTeamMember: (input) => call('inviteTeamMember', ops.inviteTeamMember, { input }),
    setTeamMemberGroup: (email, group) =>
      retryingBusy(() => call('setTeamMemberGroup', ops.setTeamMemberGroup, { email, group })),
    disableTeamMember: (email) => retryingBusy(() => call('disableTeamMember', ops.disableTeamMember, { email })),
    enableTeamMember: (email) => retryingBusy(() => call('enableTeamMember', ops.enableTeamMember, { email })),
    resetTeamMemberPassword: (email) => call('resetTeamMemberPassword', ops.resetTeamMemberPassword, { email }),
    reconciliationPayments: (from, to, nextToken) =>
      call('paymentsBetween', ops.reconciliationPayments, { from, to, nextToken: nextToken ?? null }),
    takings: (from, to, nextToken) => call('takings', ops.takings, { from, to, nextToken: nextToken ?? null }),
    cashCounts: (from, to, nextToken) => call('cashCounts', ops.cashCounts, { from, to, nextToken: nextToken ?? null }),
    // Not retried: each call is a count of its own (a recount is a new item), so a retry would record it twice.
    recordCashCount: (day, countedCents, expectedCents, notes) =>
      call('recordCashCount', ops.recordCashCount, { day, countedCents, expectedCents, notes }),
    watchEvent: (eventId, watcher) => watchEvent(live, eventId, watcher),
    eventTitles: (ids) => call('eventTitles', ops.eventTitles, { ids }),
    // Session 6 leftovers.
    eventSummaries: (ids) => call('eventTitles', ops.eventSummaries, { ids }),
  };
}
