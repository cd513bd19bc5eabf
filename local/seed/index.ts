import { nearSailing, planSeason, HOME_TIME_ZONE, type SeedEvent, type SeedPatron } from './season';

/**
 * Loads the demo season into a running stack ONLY through the GraphQL API (the same mutations the
 * dashboard uses, so the demo data obeys every rule), and only once: if any event is already
 * scheduled in the next 60 days, it does nothing. Payments use deterministic idempotency keys, so
 * even an interrupted run can be repeated safely.
 */
export interface SeedOptions {
  graphqlUrl: string;
  tokens: { admin: string; crew: string };
  now?: Date;
  log?: (line: string) => void;
  /**
   * Hook for the waiver helper: called for some patrons after they are added, to sign the event's
   * waiver through the waiver Lambda's handler (waivers are not part of the GraphQL API).
   */
  signWaiver?: (eventId: string, patron: { email: string; name: string; partySize: number }) => Promise<void>;
  /**
   * Finish a season an earlier run began and was interrupted in (npm start stopped mid-seed): load
   * whatever is missing instead of skipping because events exist. Events and patrons already there
   * are kept (their waivers are not signed again); payments replay by their idempotency keys.
   */
  resume?: boolean;
}

const EVENT_IDS = `query($from: AWSDate!, $to: AWSDate!) { listEvents(from: $from, to: $to, limit: 1) { items { id } } }`;
const EVENTS_ON = `query($from: AWSDate!, $to: AWSDate!) { listEvents(from: $from, to: $to, limit: 100) { items { id title startsAt } } }`;
const CREATE_EVENT = `mutation($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
const ADD_PATRON = `mutation($input: AddPatronInput!) { addPatron(input: $input) { email } }`;
const LOG_PAYMENT = `mutation($input: LogPaymentInput!) { logPayment(input: $input) { id } }`;

async function call<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; errorType?: string }[] };
  if (body.errors?.length) {
    const e = body.errors[0]!;
    throw Object.assign(new Error(`${e.errorType ?? 'Error'}: ${e.message}`), { errorType: e.errorType });
  }
  return body.data as T;
}

export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export async function seedDemoData(options: SeedOptions): Promise<void> {
  const { graphqlUrl: url, tokens } = options;
  const log = options.log ?? (() => {});
  const today = todayIn(HOME_TIME_ZONE, options.now ?? new Date());
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + 61 * 86_400_000).toISOString().slice(0, 10);
  const existing = await call<{ listEvents: { items: unknown[] } }>(url, tokens.crew, EVENT_IDS, {
    from: today,
    to: until,
  });
  if (existing.listEvents.items.length > 0 && !options.resume) {
    log('demo data: events already scheduled, not seeding');
    return;
  }
  const season = planSeason(today);
  let payments = 0;
  const loadEvent = async (event: SeedEvent) => {
    const id = await createEvent(url, tokens.admin, event).catch((error) =>
      options.resume && error.errorType === 'Conflict'
        ? existingEventId(url, tokens.crew, event)
        : Promise.reject(error),
    );
    for (const [i, patron] of event.patrons.entries()) {
      const { email, name, phone, partySize, amountDueCents } = patron;
      const added = await call(url, tokens.crew, ADD_PATRON, {
        input: { eventId: id, email, name, phone, partySize, amountDueCents },
      }).then(
        () => true,
        (error) => (options.resume && error.errorType === 'Conflict' ? false : Promise.reject(error)),
      );
      // Awaited first: `payments += await …` would read the total before the await and lose the
      // counts that the other events loading alongside add meanwhile.
      const logged = await logPayments(url, tokens.crew, id, patron, options.resume === true);
      payments += logged;
      if (options.signWaiver && added && i % 2 === 0) await options.signWaiver(id, patron);
    }
  };
  // A few events at a time: events are independent, and the machine may have only two cores.
  for (let i = 0; i < season.length; i += 4) await Promise.all(season.slice(i, i + 4).map(loadEvent));
  // Something for the reminder job to send at start: a sailing within its 24 hours, unless one is there.
  const now = options.now ?? new Date();
  const tomorrowEnd = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
  const soon = await call<{ listEvents: { items: { startsAt: string }[] } }>(url, tokens.crew, EVENTS_ON, {
    from: today,
    to: tomorrowEnd,
  });
  const within = (e: { startsAt: string }) =>
    Date.parse(e.startsAt) > now.getTime() && Date.parse(e.startsAt) <= now.getTime() + 24 * 3_600_000;
  const extra = soon.listEvents.items.some(within) ? [] : [nearSailing(now)];
  for (const event of extra) await loadEvent(event);
  const loaded = [...season, ...extra];
  log(
    `demo data: ${loaded.length} events, ${loaded.reduce((n, e) => n + e.patrons.length, 0)} patrons, ${payments} payments`,
  );
}

/** The id of a planned event an earlier, interrupted run already created (same day, same title). */
async function existingEventId(url: string, token: string, event: SeedEvent): Promise<string> {
  // startsAt carries the home time zone's offset; events are filed by their UTC start.
  const at = Date.parse(event.startsAt);
  // listEvents takes the operator's days: a day either side of the UTC one covers any zone.
  const day = new Date(at - 86_400_000).toISOString().slice(0, 10);
  const next = new Date(at + 86_400_000).toISOString().slice(0, 10);
  const out = await call<{ listEvents: { items: { id: string; title: string; startsAt: string }[] } }>(
    url,
    token,
    EVENTS_ON,
    { from: day, to: next },
  );
  const found = out.listEvents.items.find(
    (e) => e.title === event.title && Date.parse(e.startsAt) === Date.parse(event.startsAt),
  );
  if (!found)
    throw new Error(`demo data: "${event.title}" on ${day} conflicts with an event that is not the planned one`);
  return found.id;
}

async function createEvent(url: string, token: string, event: SeedEvent): Promise<string> {
  const { patrons: _patrons, ...input } = event;
  const out = await call<{ createEvent: { id: string } }>(url, token, CREATE_EVENT, { input });
  return out.createEvent.id;
}

/**
 * The patron's planned payments, each under a key of its own, so a run that resumes replays what
 * an earlier run logged. Resuming state that an older version of this plan wrote, a key may hold
 * a different payment (Conflict) or the patron may not be on that roster (NotFound): the demo data
 * is then as the earlier run left it, which is not worth failing `npm start` for.
 */
async function logPayments(
  url: string,
  token: string,
  eventId: string,
  patron: SeedPatron,
  resume: boolean,
): Promise<number> {
  let logged = 0;
  for (const [n, p] of patron.payments.entries()) {
    const input = {
      idempotencyKey: `seed-${eventId}-${patron.email}-${n}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 128),
      eventId,
      patronEmail: patron.email,
      ...p,
    };
    logged += await call(url, token, LOG_PAYMENT, { input }).then(
      () => 1,
      (error) =>
        resume && (error.errorType === 'Conflict' || error.errorType === 'NotFound') ? 0 : Promise.reject(error),
    );
  }
  return logged;
}
