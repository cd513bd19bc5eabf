/**
 * Live updates on the real schema: the four live subscriptions, their per-event filters and group
 * rules, through a bare AppSync protocol client and through aws-amplify's own client (the one the
 * dashboard uses), which reaches the local endpoint over ws:// as the dashboard does locally
 * (src/graphql/local-realtime.ts).
 */
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeClient } from '../../local/appsync/realtime-client';
import { realtimeOverPlainWs } from '../../src/graphql/local-realtime';
import {
  ADD_PATRON,
  eventWithPatron,
  eventWithPayment,
  LOG_PAYMENT,
  NOTIFY,
  PAYMENT_FIELDS,
  ROSTER_FIELDS,
  startApi,
  type Api,
} from './support/harness';
import { iamGraphQL } from '../../local/appsync/iam-client';
import { localCredentials } from '../../local/appsync/auth/iam';
import { startEdge } from '../../local/edge';
import { waiverConfigFromEnv } from '../../amplify/functions/config';
import { environmentOf } from '../../local/iam/lambdas';
import { livePublisher } from '../../amplify/functions/live';
import { DEFAULT_WAIVER_VERSION, formBody, tinyDist } from '../amplify/functions/waiver/support/fixtures';
import { stack } from '../support/stack';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

const ON_PAYMENT = `subscription($eventId: ID!) { onPaymentChanged(eventId: $eventId) { ${PAYMENT_FIELDS} } }`;
const ON_ROSTER = `subscription($eventId: ID!) { onRosterChanged(eventId: $eventId) { ${ROSTER_FIELDS} } }`;
const ON_EVENT = 'subscription($eventId: ID!) { onEventChanged(eventId: $eventId) { id capacity } }';
const REFUND_PAYMENT = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) { ${PAYMENT_FIELDS} } }`;
const UPDATE_EVENT = 'mutation($input: UpdateEventInput!) { updateEvent(input: $input) { id capacity } }';

const auth = (token: string) => ({ Authorization: token, host: new URL(api.url).host });
let n = 0;
const pay = (eventId: string, email: string, amountCents = 1_000) => {
  n += 1;
  return api.gql(api.tokens.crew, LOG_PAYMENT, {
    input: { idempotencyKey: `live-${n}-${Date.now()}`, eventId, patronEmail: email, amountCents, method: 'CASH' },
  });
};

async function client(token: string) {
  const c = await RealtimeClient.open(api.url.replace('http://', 'ws://'), auth(token));
  await c.init();
  return c;
}

describe("the live subscriptions over AppSync's protocol", () => {
  it("deliver one event's payments to its subscriber, and no other event's", async () => {
    const mine = await eventWithPatron(api, 20_000, 'live-a@example.com');
    const other = await eventWithPatron(api, 20_000, 'live-b@example.com');
    const c = await client(api.tokens.crew);
    expect(await c.start('p', ON_PAYMENT, { eventId: mine.eventId }, auth(api.tokens.crew))).toEqual({
      type: 'start_ack',
      id: 'p',
    });
    await pay(other.eventId, other.email);
    const logged = await pay(mine.eventId, mine.email, 2_500);
    const data = await c.next((m) => m.type === 'data');
    expect(data.payload.data.onPaymentChanged).toEqual(logged.data!.logPayment);
    expect(c.messages.filter((m) => m.type === 'data')).toEqual([]);
    c.close();
  });

  it("deliver an event's refunds on its payment subscription, and no other event's", async () => {
    const mine = await eventWithPatron(api, 20_000, 'live-refund-a@example.com');
    const other = await eventWithPatron(api, 20_000, 'live-refund-b@example.com');
    await pay(mine.eventId, mine.email, 3_000);
    await pay(other.eventId, other.email, 3_000);
    const c = await client(api.tokens.accounting);
    await c.start('p', ON_PAYMENT, { eventId: mine.eventId }, auth(api.tokens.accounting));
    const give = (eventId: string, email: string) =>
      api.gql(api.tokens.accounting, REFUND_PAYMENT, {
        input: {
          idempotencyKey: `live-refund-${eventId}`,
          eventId,
          patronEmail: email,
          amountCents: 1_200,
          method: 'CASH',
          reason: 'Weather',
        },
      });
    expect((await give(other.eventId, other.email)).errors).toBeUndefined();
    const refunded = await give(mine.eventId, mine.email);
    expect(refunded.errors).toBeUndefined();
    const data = await c.next((m) => m.type === 'data');
    expect(data.payload.data.onPaymentChanged).toEqual(refunded.data!.refundPayment);
    expect(data.payload.data.onPaymentChanged).toMatchObject({ eventId: mine.eventId, amountCents: 1_200 });
    expect(c.messages.filter((m) => m.type === 'data')).toEqual([]);
    c.close();
  });

  it('deliver roster and event changes on their own subscriptions', async () => {
    const target = await eventWithPatron(api, 5_000, 'live-c@example.com');
    const c = await client(api.tokens.crew);
    await c.start('r', ON_ROSTER, { eventId: target.eventId }, auth(api.tokens.crew));
    await c.start('e', ON_EVENT, { eventId: target.eventId }, auth(api.tokens.crew));
    await api.gql(api.tokens.admin, ADD_PATRON, {
      input: { eventId: target.eventId, email: 'second@example.com', name: 'Second' },
    });
    expect((await c.next((m) => m.id === 'r' && m.type === 'data')).payload.data.onRosterChanged).toMatchObject({
      eventId: target.eventId,
      email: 'second@example.com',
    });
    await api.gql(api.tokens.admin, UPDATE_EVENT, { input: { id: target.eventId, capacity: 44 } });
    expect((await c.next((m) => m.id === 'e' && m.type === 'data')).payload.data.onEventChanged).toEqual({
      id: target.eventId,
      capacity: 44,
    });
    c.close();
  });

  it('are open to the groups that may read what they carry: accounting sees payments, not the roster', async () => {
    const target = await eventWithPatron(api, 5_000, 'live-d@example.com');
    const c = await client(api.tokens.accounting);
    expect((await c.start('p', ON_PAYMENT, { eventId: target.eventId }, auth(api.tokens.accounting))).type).toBe(
      'start_ack',
    );
    expect(await c.start('r', ON_ROSTER, { eventId: target.eventId }, auth(api.tokens.accounting))).toEqual({
      type: 'error',
      id: 'r',
      payload: {
        errors: [
          { errorType: 'Unauthorized', message: 'Not Authorized to access onRosterChanged on type Subscription' },
        ],
      },
    });
    c.close();
  });

  it('refuse an event id the resolver would refuse, as a ValidationError', async () => {
    const c = await client(api.tokens.crew);
    const answer = await c.start('bad', ON_PAYMENT, { eventId: 'Not An Id' }, auth(api.tokens.crew));
    expect(answer).toEqual({
      type: 'error',
      id: 'bad',
      payload: {
        errors: [
          { errorType: 'ValidationError', message: 'eventId must be 1-100 lower-case letters, digits or dashes.' },
        ],
      },
    });
    c.close();
  });
});

describe("aws-amplify's own client", () => {
  it('subscribes through generateClient().graphql(...).subscribe over ws:// and receives the next payment', async () => {
    const target = await eventWithPatron(api, 20_000, 'live-amplify@example.com');
    // As the dashboard does in local mode (amplify-backend.ts): no certificate to trust.
    realtimeOverPlainWs(api.url);
    Amplify.configure({ API: { GraphQL: { endpoint: api.url, region: 'us-east-1', defaultAuthMode: 'lambda' } } });
    const amplify = generateClient();
    const received: unknown[] = [];
    const failures: unknown[] = [];
    const subscription = amplify.graphql({
      query: ON_PAYMENT,
      variables: { eventId: target.eventId },
      authToken: api.tokens.crew,
    }) as unknown as {
      subscribe(o: { next(v: { data: unknown }): void; error(e: unknown): void }): { unsubscribe(): void };
    };
    const handle = subscription.subscribe({ next: ({ data }) => received.push(data), error: (e) => failures.push(e) });
    // The start is acknowledged once the server counts the subscription.
    await expect.poll(() => api.appsync.realtimeStats().subscriptions, { timeout: 10_000 }).toBeGreaterThan(0);
    const logged = await pay(target.eventId, target.email, 1_234);
    await expect.poll(() => received.length, { timeout: 5_000 }).toBe(1);
    expect(received[0]).toEqual({ onPaymentChanged: logged.data!.logPayment });
    expect(failures).toEqual([]);
    handle.unsubscribe();
    await expect.poll(() => api.appsync.realtimeStats().subscriptions, { timeout: 5_000 }).toBe(0);
  });
});

// What the dashboard selects (src/graphql/operations.ts): a publish carries what identifies the change.
const ON_ROSTER_KEYS = 'subscription($eventId: ID!) { onRosterChanged(eventId: $eventId) { eventId email } }';
const ON_EVENT_ID = 'subscription($eventId: ID!) { onEventChanged(eventId: $eventId) { id } }';
const PUBLISH_ROSTER =
  'mutation($eventId: ID!, $email: AWSEmail!) { publishRosterChanged(eventId: $eventId, email: $email) { eventId email } }';

/** A publish signed as the function `name` with its local credentials (what its role signs with). */
const publishAs = (name: string, variables: Record<string, string>, secretAccessKey?: string) =>
  iamGraphQL(api.url, PUBLISH_ROSTER, variables, {
    region: stack().region,
    credentials: { ...localCredentials(name), ...(secretAccessKey ? { secretAccessKey } : {}) },
  });

describe('writes made outside the API reach open screens through the IAM-only publish mutations', () => {
  it("a publish signed as the waiver Lambda reaches the event's roster subscribers, and no other event's", async () => {
    const mine = await eventWithPatron(api, 5_000, 'live-pub-a@example.com');
    const other = await eventWithPatron(api, 5_000, 'live-pub-b@example.com');
    const c = await client(api.tokens.crew);
    await c.start('r', ON_ROSTER_KEYS, { eventId: mine.eventId }, auth(api.tokens.crew));
    expect((await publishAs('waiver', { eventId: other.eventId, email: other.email })).body.errors).toBeUndefined();
    const published = await publishAs('waiver', { eventId: mine.eventId, email: mine.email });
    expect(published.body).toEqual({ data: { publishRosterChanged: { eventId: mine.eventId, email: mine.email } } });
    expect((await c.next((m) => m.id === 'r' && m.type === 'data')).payload.data.onRosterChanged).toEqual({
      eventId: mine.eventId,
      email: mine.email,
    });
    expect(c.messages.filter((m) => m.type === 'data')).toEqual([]);
    c.close();
  });

  it('refuse a Cognito user of every group, and publish nothing', async () => {
    const target = await eventWithPatron(api, 5_000, 'live-pub-c@example.com');
    const c = await client(api.tokens.admin);
    await c.start('r', ON_ROSTER_KEYS, { eventId: target.eventId }, auth(api.tokens.admin));
    for (const token of [api.tokens.admin, api.tokens.crew, api.tokens.accounting]) {
      const answer = await api.gql(token, PUBLISH_ROSTER, { eventId: target.eventId, email: target.email });
      expect(answer.data).toBeNull();
      expect(answer.errors).toEqual([
        expect.objectContaining({
          errorType: 'Unauthorized',
          message: 'Not Authorized to access publishRosterChanged on type Mutation',
        }),
      ]);
    }
    await expect(c.next((m) => m.type === 'data', 500)).rejects.toThrow();
    c.close();
  });

  it("refuse an unsigned call and a bad signature; a publisher's role may call nothing else", async () => {
    const target = await eventWithPatron(api, 5_000, 'live-pub-d@example.com');
    const variables = { eventId: target.eventId, email: target.email };
    const unsigned = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: PUBLISH_ROSTER, variables }),
    });
    expect(unsigned.status).toBe(401);
    const badlySigned = await publishAs('waiver', variables, 'not-the-waiver-role-secret-0000000000000');
    expect(badlySigned.status).toBe(403);
    expect(badlySigned.body.errors).toEqual([expect.objectContaining({ errorType: 'InvalidSignatureException' })]);
    // A signature the API has no principal for: as AWS answers a key it does not know.
    const stranger = await publishAs('stranger', variables);
    expect(stranger.status).toBe(403);
    expect(stranger.body.errors).toEqual([expect.objectContaining({ errorType: 'UnrecognizedClientException' })]);
    // The waiver role's grant is the publish fields (amplify/backend.ts), not the rest of Mutation.
    const beyond = await iamGraphQL(
      api.url,
      ADD_PATRON,
      { input: { eventId: target.eventId, email: 'sneaky@example.com', name: 'Sneaky' } },
      { region: stack().region, credentials: localCredentials('waiver') },
    );
    expect(beyond.body.errors).toEqual([
      expect.objectContaining({
        errorType: 'Unauthorized',
        message: 'Not Authorized to access addPatron on type Mutation',
      }),
    ]);
  });

  it("the waiver Lambda publishes a signature: the roster and the event's subscribers hear of it", async () => {
    const target = await eventWithPatron(api, 5_000, 'live-signer@example.com');
    const c = await client(api.tokens.crew);
    await c.start('r', ON_ROSTER_KEYS, { eventId: target.eventId }, auth(api.tokens.crew));
    await c.start('e', ON_EVENT_ID, { eventId: target.eventId }, auth(api.tokens.crew));
    // The waiver Lambda as npm start runs it: its role's endpoints and credentials, publishing to this API.
    const env = {
      TABLE_NAME: api.tableName,
      AWS_REGION: stack().region,
      DYNAMODB_ENDPOINT: stack().dynamodbEndpoint,
      SES_ENDPOINT: stack().sesUrl,
      SENDER_EMAIL: 'bookings@example.com',
      ORIGIN_VERIFY_SECRET: 'live-test-origin-secret',
      LIVE_API_URL: api.url,
    };
    const dist = tinyDist();
    const edge = await startEdge({
      spa: { mode: 'dist', dir: dist },
      waiverConfig: waiverConfigFromEnv(environmentOf(api.iam, 'waiver', env)),
    });
    try {
      const signed = await fetch(`${edge.url}/g/${target.eventId}/waiver`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
        body: formBody({ email: target.email, name: 'Pat Signer', signature: 'Pat Signer' }, DEFAULT_WAIVER_VERSION),
      });
      expect(signed.status).toBe(303);
      expect((await c.next((m) => m.id === 'r' && m.type === 'data')).payload.data.onRosterChanged).toEqual({
        eventId: target.eventId,
        email: target.email,
      });
      expect((await c.next((m) => m.id === 'e' && m.type === 'data')).payload.data.onEventChanged).toEqual({
        id: target.eventId,
      });
    } finally {
      await edge.close();
    }
    c.close();
  });

  it('the mail-events Lambda publishes a bounce recorded on the roster', async () => {
    const email = `bounce+live${Date.now()}@simulator.amazonses.com`;
    const { eventId, paymentId } = await eventWithPayment(api, 5_000, email);
    const c = await client(api.tokens.crew);
    await c.start('r', ON_ROSTER_KEYS, { eventId }, auth(api.tokens.crew));
    // A receipt's notice answers a payment, not a roster entry: only the bounce's publish reaches onRosterChanged.
    expect((await api.gql(api.tokens.crew, NOTIFY, { eventId, paymentId })).errors).toBeUndefined();
    expect((await c.next((m) => m.id === 'r' && m.type === 'data', 15_000)).payload.data.onRosterChanged).toEqual({
      eventId,
      email,
    });
    c.close();
  });

  it('a publisher logs a refused publish and goes on: the write it follows stands', async () => {
    const failures: string[] = [];
    const publish = livePublisher(
      { url: api.url, region: stack().region, credentials: localCredentials('stranger') },
      (err) => failures.push(String(err)),
    );
    await publish([{ eventId: 'e-1', email: 'a@example.com' }]);
    expect(failures).toEqual([
      expect.stringContaining('UnrecognizedClientException'),
      expect.stringContaining('UnrecognizedClientException'),
    ]);
  });
});
