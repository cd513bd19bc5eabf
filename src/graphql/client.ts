import * as ops from './operations';
import { ApiError, toApiError } from './errors';
import type {
  AddPatronInput, Boarding, CheckIn, CreateEventInput, Event, EventDetail, LogPaymentInput, Notification, Page, Payment, PaymentSource,
  RosterEntry, UpdateEventInput, UpdatePatronInput, WaiverLinkDelivery,
} from './types';
import type { Cancellation, Rebooking, RefundPaymentInput } from './types';

/** Sends one GraphQL operation and resolves its `data` (aws-amplify's `client.graphql` in the app). */
export type GraphqlSend = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

/** What the dashboard asks of the API: one method per operation of DESIGN.md §4. */
export interface DataClient {
  listEvents(from: string, to: string, nextToken?: string | null): Promise<Page<Event>>;
  getEvent(id: string): Promise<EventDetail | null>;
  payments(source: PaymentSource, nextToken?: string | null): Promise<Page<Payment>>;
  /** Roster entries across events whose name, email or phone starts with `query` (issue 15 §5). */
  findPatrons(query: string, nextToken?: string | null): Promise<Page<RosterEntry>>;
  createEvent(input: CreateEventInput): Promise<Event>;
  updateEvent(input: UpdateEventInput): Promise<Event>;
  addPatron(input: AddPatronInput): Promise<RosterEntry>;
  updatePatron(input: UpdatePatronInput): Promise<RosterEntry>;
  removePatron(eventId: string, email: string): Promise<RosterEntry>;
  logPayment(input: LogPaymentInput): Promise<Payment>;
  voidPayment(eventId: string, paymentId: string, reason: string): Promise<Payment>;
  notifyPatron(eventId: string, paymentId: string): Promise<Notification>;
  sendWaiverLink(eventId: string, email: string): Promise<WaiverLinkDelivery>;
  sendWaiverLinks(eventId: string): Promise<WaiverLinkDelivery[]>;
  boarding(eventId: string): Promise<Boarding | null>;
  checkIn(eventId: string, email: string, person: string): Promise<CheckIn>;
  undoCheckIn(eventId: string, email: string, person: string, reason: string): Promise<CheckIn>;
  // Issue 17 §3: refunds and cancellations.
  refundPayment(input: RefundPaymentInput): Promise<Payment>;
  cancelEvent(eventId: string, reason: string): Promise<Cancellation>;
  notifyCancellation(eventId: string): Promise<Cancellation>;
  rebookPatron(eventId: string, email: string, toEventId: string): Promise<Rebooking>;
}

export const PAGE_SIZE = 25;

/**
 * A page may come back short, even empty, with a nextToken when a range crosses into the next year's
 * partition (DESIGN.md §3): keep following it, a few hops at most, so "show more" never shows nothing.
 */
async function fillPage<T>(fetch: (token: string | null) => Promise<Page<T>>, want: number, token: string | null = null): Promise<Page<T>> {
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

/** Builds the DataClient over a transport; every failure becomes an ApiError. */
export function createDataClient(send: GraphqlSend): DataClient {
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
          email: source.email, from: source.from ?? null, to: source.to ?? null, ...paging,
        });
      case 'between':
        return call('paymentsBetween', ops.paymentsBetween, {
          from: source.from, to: source.to, method: source.method ?? null, ...paging,
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
    findPatrons: (query, nextToken) => call('findPatrons', ops.findPatrons, { query, limit: PAGE_SIZE, nextToken: nextToken ?? null }),
    createEvent: (input) => call('createEvent', ops.createEvent, { input }),
    updateEvent: (input) => call('updateEvent', ops.updateEvent, { input }),
    addPatron: (input) => call('addPatron', ops.addPatron, { input }),
    updatePatron: (input) => call('updatePatron', ops.updatePatron, { input }),
    removePatron: (eventId, email) => call('removePatron', ops.removePatron, { eventId, email }),
    logPayment: (input) => retryingBusy(() => call('logPayment', ops.logPayment, { input })),
    voidPayment: (eventId, paymentId, reason) =>
      call('voidPayment', ops.voidPayment, { eventId, paymentId, reason }),
    notifyPatron: (eventId, paymentId) => call('notifyPatron', ops.notifyPatron, { eventId, paymentId }),
    sendWaiverLink: (eventId, email) => call('sendWaiverLink', ops.sendWaiverLink, { eventId, email }),
    sendWaiverLinks: (eventId) => call('sendWaiverLinks', ops.sendWaiverLinks, { eventId }),
    boarding: (eventId) => call('boarding', ops.boarding, { eventId }),
    // Idempotent on the server (a second check-in of the same person is a no-op), so a busy retry is safe.
    checkIn: (eventId, email, person) => retryingBusy(() => call('checkIn', ops.checkIn, { eventId, email, person })),
    undoCheckIn: (eventId, email, person, reason) =>
      retryingBusy(() => call('undoCheckIn', ops.undoCheckIn, { eventId, email, person, reason })),
    // Idempotent on its key, as logPayment.
    refundPayment: (input) => retryingBusy(() => call('refundPayment', ops.refundPayment, { input })),
    cancelEvent: (eventId, reason) => call('cancelEvent', ops.cancelEvent, { eventId, reason }),
    notifyCancellation: (eventId) => call('notifyCancellation', ops.notifyCancellation, { eventId }),
    rebookPatron: (eventId, email, toEventId) => call('rebookPatron', ops.rebookPatron, { eventId, email, toEventId }),
  };
}

/** The same client, calling `signedOut` when a request fails because the session has ended. */
export function watchSession(api: DataClient, signedOut: () => void): DataClient {
  const watched = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(api) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    watched[name] = (...args: unknown[]) =>
      method(...args).catch((error: unknown) => {
        if (toApiError(error).kind === 'SignedOut') signedOut();
        throw error;
      });
  }
  return watched as unknown as DataClient;
}
