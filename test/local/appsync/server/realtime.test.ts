/**
 * The local real-time endpoint speaks AppSync's protocol ("Building a real-time WebSocket client"),
 * over the developer guide's own subscription examples (fixtures/realtime): enhanced filters,
 * client-defined filters, basic argument filtering, invalidation, and the error cases.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeJwt } from 'jose';
import { startHarness, gql, mintToken, type Harness } from './support/harness';
import { RealtimeClient } from '../../../../local/appsync/realtime-client';
import { schema } from './fixtures/realtime/schema';

let h: Harness;
let wsUrl: string;
const host = () => new URL(h.api.url).host;
const auth = (token: string) => ({ Authorization: token, host: host() });

beforeAll(async () => {
  h = await startHarness({ schema, lambdas: {}, realtime: { keepAliveMs: 200, connectionTimeoutMs: 600 } });
  wsUrl = h.api.url.replace('http://', 'ws://');
});
afterAll(async () => {
  await h?.api.close();
});

const ON_CREATED =
  'subscription($userId: ID!, $groupId: ID!) { onGroupMessageCreated(userId: $userId, groupId: $groupId) { userId groupId message } }';
const ON_FILTERED = 'subscription($filter: String!) { onFiltered(filter: $filter) { groupId message severity } }';
const ON_MESSAGE = 'subscription($groupId: ID) { onGroupMessage(groupId: $groupId) { groupId message } }';
const CREATE =
  'mutation($userId: ID!, $groupId: ID!, $message: String!, $severity: Int) { createGroupMessage(userId: $userId, groupId: $groupId, message: $message, severity: $severity) { userId groupId message severity } }';
const REMOVE =
  'mutation($userId: ID!, $groupId: ID!) { removeUserFromGroup(userId: $userId, groupId: $groupId) { userId groupId } }';

async function connected(token = h.tokens.crew, via: 'query' | 'protocol' = 'query') {
  const client = await RealtimeClient.open(wsUrl, auth(token), via);
  const ack = await client.init();
  expect(ack).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 600 } });
  return client;
}

const send = (message: string, groupId: string, severity?: number) =>
  gql(h.api.url, h.tokens.crew, CREATE, { userId: 'author', groupId, message, severity });

describe('the handshake', () => {
  it('acknowledges connection_init with connectionTimeoutMs, then sends ka', async () => {
    const client = await connected();
    await client.next((m) => m.type === 'ka');
    client.close();
  });

  it('takes the header object from a header- subprotocol too, as aws-amplify sends it', async () => {
    const client = await connected(h.tokens.crew, 'protocol');
    expect(client.socket.protocol).toBe('graphql-ws');
    client.close();
  });

  it('answers a connection_init without a valid token with connection_error and closes', async () => {
    const client = await RealtimeClient.open(wsUrl, auth('not-a-token'));
    const answer = await client.init();
    expect(answer).toEqual({
      type: 'connection_error',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: expect.any(String), errorCode: 401 }] },
    });
    expect((await client.closed).code).toBe(1008);
  });
});

describe('start, data, stop', () => {
  it('delivers a published mutation to the subscriber whose enhanced filter matches, and only to it', async () => {
    const a = await connected();
    const b = await connected();
    expect(await a.start('a1', ON_CREATED, { userId: 'user-1', groupId: 'group-1' }, auth(h.tokens.crew))).toEqual({
      type: 'start_ack',
      id: 'a1',
    });
    expect(await b.start('b1', ON_CREATED, { userId: 'user-2', groupId: 'group-2' }, auth(h.tokens.crew))).toEqual({
      type: 'start_ack',
      id: 'b1',
    });
    await send('test message', 'group-1');
    expect(await a.next((m) => m.type === 'data')).toEqual({
      type: 'data',
      id: 'a1',
      payload: { data: { onGroupMessageCreated: { userId: 'author', groupId: 'group-1', message: 'test message' } } },
    });
    await send('for group 2', 'group-2');
    expect((await b.next((m) => m.type === 'data')).payload.data.onGroupMessageCreated.message).toBe('for group 2');
    expect(a.messages.filter((m) => m.type === 'data')).toEqual([]);
    a.close();
    b.close();
  });

  it('stops with complete, after which nothing more arrives', async () => {
    const a = await connected();
    await a.start('s', ON_MESSAGE, { groupId: 'g-stop' }, auth(h.tokens.crew));
    a.send({ type: 'stop', id: 's' });
    expect(await a.next((m) => m.type === 'complete')).toEqual({ type: 'complete', id: 's' });
    await send('after stop', 'g-stop');
    await new Promise((r) => setTimeout(r, 150));
    expect(a.messages.filter((m) => m.type === 'data')).toEqual([]);
    a.close();
  });

  it('filters by the arguments given when the resolver sets no enhanced filter', async () => {
    const a = await connected();
    await a.start('one', ON_MESSAGE, { groupId: 'g-basic' }, auth(h.tokens.crew));
    await a.start('all', ON_MESSAGE, {}, auth(h.tokens.crew));
    await send('elsewhere', 'g-other');
    await send('here', 'g-basic');
    expect((await a.next((m) => m.id === 'one' && m.type === 'data')).payload.data.onGroupMessage.message).toBe('here');
    const all = [await a.next((m) => m.id === 'all'), await a.next((m) => m.id === 'all')].map(
      (m) => m.payload.data.onGroupMessage.message,
    );
    expect(all.sort()).toEqual(['elsewhere', 'here']);
    a.close();
  });

  it("applies a client-defined enhanced filter (the guide's filter argument)", async () => {
    const a = await connected();
    expect(
      (await a.start('f', ON_FILTERED, { filter: JSON.stringify({ severity: { le: 2 } }) }, auth(h.tokens.crew))).type,
    ).toBe('start_ack');
    await send('loud', 'g-f', 9);
    await send('quiet', 'g-f', 1);
    expect((await a.next((m) => m.type === 'data')).payload.data.onFiltered).toEqual({
      groupId: 'g-f',
      message: 'quiet',
      severity: 1,
    });
    a.close();
  });
});

describe('errors', () => {
  it("refuses a subscription the caller's groups may not read", async () => {
    const a = await connected(h.tokens.accounting);
    expect(await a.start('x', ON_CREATED, { userId: 'u', groupId: 'g' }, auth(h.tokens.accounting))).toEqual({
      type: 'error',
      id: 'x',
      payload: {
        errors: [
          { errorType: 'Unauthorized', message: 'Not Authorized to access onGroupMessageCreated on type Subscription' },
        ],
      },
    });
    a.close();
  });

  it('refuses a start whose own authorization is not a valid token', async () => {
    const a = await connected();
    const answer = await a.start('x', ON_CREATED, { userId: 'u', groupId: 'g' }, auth('expired.or.forged'));
    expect(answer).toMatchObject({
      type: 'error',
      id: 'x',
      payload: { errors: [{ errorType: 'UnauthorizedException' }] },
    });
    a.close();
  });

  it('refuses a filter AppSync would not take, and one the resolver cannot read', async () => {
    const a = await connected();
    const unknown = await a.start(
      'bad',
      ON_FILTERED,
      { filter: JSON.stringify({ severity: { like: 2 } }) },
      auth(h.tokens.crew),
    );
    expect(unknown).toEqual({
      type: 'error',
      id: 'bad',
      payload: {
        errors: [
          {
            errorType: 'BadRequestException',
            message: 'The subscription filter is invalid: severity: unknown operator like.',
          },
        ],
      },
    });
    const tooMany = await a.start(
      'many',
      ON_FILTERED,
      { filter: JSON.stringify({ severity: { in: [1, 2, 3, 4, 5, 6] } }) },
      auth(h.tokens.crew),
    );
    expect(tooMany.payload.errors[0].message).toMatch(/in takes a list of at most 5 values/);
    // util.transform.toSubscriptionFilter answers null for what is not an object: no filterGroup.
    const notObject = await a.start('str', ON_FILTERED, { filter: JSON.stringify('severity') }, auth(h.tokens.crew));
    expect(notObject.payload.errors[0].message).toMatch(/no filterGroup/);
    expect(h.api.realtimeStats().subscriptions).toBe(0);
    a.close();
  });

  it('refuses a duplicate subscription id and a query that is not one subscription', async () => {
    const a = await connected();
    await a.start('dup', ON_MESSAGE, {}, auth(h.tokens.crew));
    expect((await a.start('dup', ON_MESSAGE, {}, auth(h.tokens.crew))).payload.errors[0].errorType).toBe(
      'DuplicatedOperationError',
    );
    expect((await a.start('q', '{ __typename }', {}, auth(h.tokens.crew))).type).toBe('error');
    a.close();
  });
});

describe('keep-alive', () => {
  it('drops a client that stops answering, and its subscriptions with it', async () => {
    // The earlier tests' clients are gone once their close handshakes are done.
    await vi.waitFor(() => expect(h.api.realtimeStats()).toEqual({ connections: 0, subscriptions: 0 }));
    const before = h.api.realtimeStats();
    // autoPong off: this client's socket stays open but never answers the server's pings.
    const silent = await RealtimeClient.open(wsUrl, auth(h.tokens.crew), 'query', { autoPong: false });
    await silent.init();
    await silent.start('s', ON_MESSAGE, {}, auth(h.tokens.crew));
    expect(h.api.realtimeStats().subscriptions).toBe(before.subscriptions + 1);
    const { code } = await silent.closed;
    expect(code).toBe(1006);
    expect(h.api.realtimeStats()).toEqual(before);
  });

  it('keeps a client that answers, past several timeouts', async () => {
    const a = await connected();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(a.socket.readyState).toBe(a.socket.OPEN);
    expect(a.messages.filter((m) => m.type === 'ka').length).toBeGreaterThanOrEqual(5);
    a.close();
  });
});

describe("invalidation (the guide's removeUserFromGroup)", () => {
  it('ends the matching subscription with complete and closes its connection; others stay', async () => {
    const a = await connected();
    const b = await connected();
    await a.start('a', ON_CREATED, { userId: 'user-1', groupId: 'group-1' }, auth(h.tokens.crew));
    await b.start('b', ON_CREATED, { userId: 'user-2', groupId: 'group-2' }, auth(h.tokens.crew));
    const removed = await gql(h.api.url, h.tokens.admin, REMOVE, { userId: 'user-1', groupId: 'group-1' });
    expect(removed.body).toEqual({ data: { removeUserFromGroup: { userId: 'user-1', groupId: 'group-1' } } });
    expect(await a.next((m) => m.type === 'complete')).toEqual({
      type: 'complete',
      id: 'a',
      payload: { message: 'Subscription complete.' },
    });
    expect((await a.closed).code).toBe(1000);
    await send('still here', 'group-2');
    expect((await b.next((m) => m.type === 'data')).payload.data.onGroupMessageCreated.message).toBe('still here');
    b.close();
  });
});

describe('the server ends subscriptions', () => {
  it('when the token that authorized one expires: an error message with its id, UnauthorizedException, and no more data', async () => {
    const a = await connected();
    const shortLived = await mintToken(h.tokens.crew, { exp: Math.floor(Date.now() / 1000) + 2 });
    expect(await a.start('short', ON_MESSAGE, { groupId: 'g-expiry' }, auth(shortLived))).toEqual({
      type: 'start_ack',
      id: 'short',
    });
    expect(await a.start('long', ON_MESSAGE, { groupId: 'g-expiry' }, auth(h.tokens.crew))).toEqual({
      type: 'start_ack',
      id: 'long',
    });
    expect(await a.next((m) => m.type === 'error', 6_000)).toEqual({
      type: 'error',
      id: 'short',
      payload: { errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }] },
    });
    await send('after expiry', 'g-expiry');
    expect(await a.next((m) => m.type === 'data')).toMatchObject({ id: 'long' });
    expect(a.messages.filter((m) => m.type === 'data')).toEqual([]);
    a.close();
  });

  it("when a user's access is revoked (endSubscriptionsOf their sub), and only that user's", async () => {
    const crew = await connected();
    const admin = await connected(h.tokens.admin);
    await crew.start('c', ON_MESSAGE, { groupId: 'g-revoke' }, auth(h.tokens.crew));
    await admin.start('a', ON_MESSAGE, { groupId: 'g-revoke' }, auth(h.tokens.admin));
    expect(h.api.endSubscriptionsOf(String(decodeJwt(h.tokens.crew).sub))).toBe(1);
    expect(await crew.next((m) => m.type === 'error')).toEqual({
      type: 'error',
      id: 'c',
      payload: {
        errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }],
      },
    });
    await send('after revoke', 'g-revoke');
    expect(await admin.next((m) => m.type === 'data')).toMatchObject({ id: 'a' });
    expect(crew.messages.filter((m) => m.type === 'data')).toEqual([]);
    crew.close();
    admin.close();
  });
});

describe("AppSync's quota of 100 subscriptions per connection", () => {
  it('refuses the 101st start on one connection with the documented error shape, LimitExceededError', async () => {
    const a = await connected();
    const acks = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        a.start(`q${i}`, ON_MESSAGE, { groupId: `g-quota-${i}` }, auth(h.tokens.crew)),
      ),
    );
    expect(acks.every((m) => m.type === 'start_ack')).toBe(true);
    expect(await a.start('q100', ON_MESSAGE, { groupId: 'g-quota-100' }, auth(h.tokens.crew))).toEqual({
      type: 'error',
      id: 'q100',
      payload: {
        errors: [{ errorType: 'LimitExceededError', message: 'Subscriptions per connection limit exceeded (100).' }],
      },
    });
    a.send({ type: 'stop', id: 'q0' });
    await a.next((m) => m.type === 'complete' && m.id === 'q0');
    expect(await a.start('q101', ON_MESSAGE, { groupId: 'g-quota-101' }, auth(h.tokens.crew))).toEqual({
      type: 'start_ack',
      id: 'q101',
    });
    a.close();
  }, 30_000);
});
