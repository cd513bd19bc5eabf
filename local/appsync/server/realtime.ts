/**
 * AppSync's real-time endpoint ("Building a real-time WebSocket client"): the `graphql-ws`
 * subprotocol with AppSync's own messages (connection_init → connection_ack { connectionTimeoutMs },
 * ka, start → start_ack | error, data, stop → complete), on `/graphql/realtime` (the path
 * aws-amplify derives for a custom domain) and `/graphql`. Authorization comes as AppSync takes
 * it: the connection's header object (base64 `header` query parameter, a `header-<base64url>`
 * subprotocol, or plain HTTP headers), and each start message's `extensions.authorization`.
 *
 * A subscription's resolver runs once, when it starts; its enhanced filter (or, without one, its
 * arguments) then decides which published mutation results reach it, and its invalidation filter
 * which invalidations end it. The `ws` package does the WebSocket framing.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Authenticator, Caller } from '../auth/caller';
import { AuthenticationError, EXPIRED, NOT_AUTHORIZED } from '../auth/cognito';
import { loopbackHost } from '../../stack/loopback/guard';
import { filterProblem, matchesFilter, type SubscriptionFilter } from '../runtime/modules/subscription-filter';
import type { RequestState } from './execute';
import { runGraphQL, type GraphQLResult } from './graphql';

export interface RealtimeOptions {
  schema: GraphQLSchema;
  authenticate: Authenticator;
  env: Record<string, string>;
  log: RequestState['log'];
  /** How often `ka` is sent and the client pinged (AppSync: about a minute). */
  keepAliveMs?: number;
  /** What connection_ack announces, and how long a client may leave a ping unanswered (AppSync: 300000). */
  connectionTimeoutMs?: number;
  /** Subscriptions one connection may hold (AppSync's "Subscriptions per connection" quota: 100). */
  maxSubscriptionsPerConnection?: number;
}

/** AppSync's default quota of subscriptions per WebSocket connection (AWS General Reference, AppSync quotas). */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
/** setTimeout's longest delay; a token valid for longer is checked again then. */
const MAX_TIMER_MS = 2_147_483_647;

interface Subscription {
  id: string;
  field: string;
  query: string;
  variables: Record<string, unknown>;
  arguments: Record<string, unknown>;
  caller: Caller;
  headers: Record<string, string>;
  filter?: SubscriptionFilter;
  invalidation?: SubscriptionFilter;
  /** Ends the subscription when the token that authorized it expires. */
  expiry?: NodeJS.Timeout;
}

interface Connection {
  socket: WebSocket;
  /** The connection's own authorization header object (start messages may carry their own). */
  headers: Record<string, string>;
  subscriptions: Map<string, Subscription>;
  answeredPing: boolean;
}

const PATHS = new Set(['/graphql', '/graphql/realtime']);
const PROTOCOL = 'graphql-ws';

type ErrorJson = { errorType: string; message: string; errorCode?: number };
const errorMessage = (id: string | undefined, errors: ErrorJson[]) => ({
  type: 'error',
  ...(id ? { id } : {}),
  payload: { errors },
});

function decodeHeader(text: string | undefined | null, urlSafe: boolean): Record<string, string> | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(Buffer.from(text, urlSafe ? 'base64url' : 'base64').toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** The connection's header object, from whichever of AppSync's three places carries it. */
function connectionHeaders(req: http.IncomingMessage): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://local');
  const fromQuery = decodeHeader(url.searchParams.get('header'), false);
  if (fromQuery) return fromQuery;
  const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim());
  const fromProtocol = decodeHeader(protocols.find((p) => p.startsWith('header-'))?.slice('header-'.length), true);
  if (fromProtocol) return fromProtocol;
  // Plain HTTP headers: all of them, as an IAM connection signs several (accept, x-amz-date…).
  return Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v ?? '')]),
  );
}

const subOf = (s: Subscription): string | undefined => ('sub' in s.caller.identity ? s.caller.identity.sub : undefined);

/** Basic filtering (no enhanced filter): every argument the subscriber gave must equal the published field of that name. */
function argumentsMatch(args: Record<string, unknown>, value: unknown): boolean {
  const published = (value ?? {}) as Record<string, unknown>;
  return Object.entries(args).every(
    ([name, given]) => given === null || given === undefined || published[name] === given,
  );
}

export interface Realtime {
  /** Serves the upgrade requests of the API's HTTP server. */
  attach(server: http.Server): void;
  /** RequestState.publish for mutations run over HTTP. */
  publish: NonNullable<RequestState['publish']>;
  /** Open connections and their subscriptions (for tests and benchmarks). */
  stats(): { connections: number; subscriptions: number };
  /**
   * Ends every subscription a user holds (by Cognito `sub`), as their expired token would: for a
   * member whose access was revoked. Returns how many ended.
   */
  endSubscriptionsOf(sub: string, message?: string): number;
  close(): void;
}

export function createRealtime(options: RealtimeOptions): Realtime {
  const keepAliveMs = options.keepAliveMs ?? 60_000;
  const maxSubscriptions = options.maxSubscriptionsPerConnection ?? MAX_SUBSCRIPTIONS_PER_CONNECTION;
  const connectionTimeoutMs = options.connectionTimeoutMs ?? 300_000;
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  const connections = new Set<Connection>();
  // Who holds subscriptions, by Cognito `sub`: what endSubscriptionsOf reaches without a scan.
  const bySub = new Map<string, Set<Connection>>();
  const subscribers = new Map<string, Set<string>>(); // subscription field → mutations that publish to it
  const subscriptionType = options.schema.getSubscriptionType();
  for (const field of Object.values(subscriptionType?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const list = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    const mutations =
      list?.kind === 'ListValue' ? list.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : [])) : [];
    subscribers.set(field.name, new Set(mutations));
  }

  const send = (connection: Connection, message: unknown) => {
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(message));
  };

  const state = (caller: Caller, headers: Record<string, string>): Omit<RequestState, 'variables' | 'appended'> => ({
    ...caller,
    request: {
      headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)])),
      domainName: null,
    },
    env: options.env,
    log: options.log,
  });

  async function start(
    connection: Connection,
    message: { id?: unknown; payload?: { data?: unknown; extensions?: { authorization?: Record<string, string> } } },
  ) {
    const id = typeof message.id === 'string' ? message.id : '';
    if (!id)
      return send(
        connection,
        errorMessage(undefined, [{ errorType: 'BadRequestException', message: 'A start message needs an id.' }]),
      );
    if (connection.subscriptions.has(id)) {
      return send(
        connection,
        errorMessage(id, [{ errorType: 'DuplicatedOperationError', message: `Duplicate subscription ID ${id}` }]),
      );
    }
    if (connection.subscriptions.size >= maxSubscriptions) {
      // The documented error message's shape and type; AWS documents no wording for this quota.
      return send(
        connection,
        errorMessage(id, [
          {
            errorType: 'LimitExceededError',
            message: `Subscriptions per connection limit exceeded (${maxSubscriptions}).`,
          },
        ]),
      );
    }
    const headers = message.payload?.extensions?.authorization ?? connection.headers;
    let caller: Caller;
    try {
      // An IAM start is signed as a POST of its data to the GraphQL endpoint (no /connect).
      caller = await options.authenticate(
        headers,
        { method: 'POST', path: '/graphql', body: String(message.payload?.data ?? '') },
        '127.0.0.1',
      );
    } catch (e) {
      if (!(e instanceof AuthenticationError)) throw e;
      return send(connection, errorMessage(id, [{ errorType: e.errorType, message: e.message }]));
    }
    let body: { query?: unknown; variables?: unknown };
    try {
      body = JSON.parse(String(message.payload?.data ?? '')) as typeof body;
    } catch {
      return send(
        connection,
        errorMessage(id, [
          { errorType: 'BadRequestException', message: 'The start message payload data is not a JSON string.' },
        ]),
      );
    }
    const query = typeof body?.query === 'string' ? body.query : '';
    let operation;
    try {
      operation = getOperationAST(parse(query));
    } catch {
      operation = null;
    }
    const root = operation?.selectionSet.selections[0];
    if (
      operation?.operation !== 'subscription' ||
      operation.selectionSet.selections.length !== 1 ||
      root?.kind !== 'Field'
    ) {
      return send(
        connection,
        errorMessage(id, [
          {
            errorType: 'BadRequestException',
            message: 'The query must be one subscription operation with one root field.',
          },
        ]),
      );
    }
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    const extensions: NonNullable<RequestState['extensions']> = { invalidations: [] };
    // The subscription's resolver runs now, with the subscriber's identity and arguments; its
    // errors (authorization included) are the start's.
    const result = await runGraphQL(options.schema, { query, variables }, { ...state(caller, headers), extensions });
    // A subscription's resolver returns null even where the field (the mutations' type) is
    // non-null: AppSync does not hold subscribing to the field's nullability, only to refusals
    // (a resolver's or authorization's error, which carry a type) and to invalid documents (no path).
    const refusals = (result.errors ?? []).filter((e) => e.errorType || !e.path);
    if (refusals.length) {
      // The real-time channel reports errors as { errorType, message } only.
      return send(
        connection,
        errorMessage(
          id,
          refusals.map((e) => ({ errorType: e.errorType ?? 'BadRequestException', message: e.message })),
        ),
      );
    }
    const subscription: Subscription = { id, field: root.name.value, query, variables, arguments: {}, caller, headers };
    for (const [key, filter] of [
      ['filter', extensions.subscriptionFilter],
      ['invalidation', extensions.invalidationFilter],
    ] as const) {
      if (filter === undefined) continue;
      const problem = filterProblem(filter);
      if (problem) {
        return send(
          connection,
          errorMessage(id, [
            { errorType: 'BadRequestException', message: `The subscription filter is invalid: ${problem}.` },
          ]),
        );
      }
      subscription[key] = filter as SubscriptionFilter;
    }
    subscription.arguments = Object.fromEntries(
      (root.arguments ?? []).map((a) => {
        const value =
          a.value.kind === 'Variable' ? variables[a.value.name.value] : 'value' in a.value ? a.value.value : undefined;
        return [a.name.value, value];
      }),
    );
    if (connection.subscriptions.has(id) || connection.subscriptions.size >= maxSubscriptions) {
      // Another start with this id, or the last free place, won while this one's resolver ran.
      return send(
        connection,
        errorMessage(
          id,
          connection.subscriptions.has(id)
            ? [{ errorType: 'DuplicatedOperationError', message: `Duplicate subscription ID ${id}` }]
            : [
                {
                  errorType: 'LimitExceededError',
                  message: `Subscriptions per connection limit exceeded (${maxSubscriptions}).`,
                },
              ],
        ),
      );
    }
    connection.subscriptions.set(id, subscription);
    track(connection, subscription);
    send(connection, { type: 'start_ack', id });
  }

  /** A subscription lives as long as the token that authorized it: then AppSync ends it with an error. */
  function track(connection: Connection, subscription: Subscription) {
    const sub = subOf(subscription);
    // An IAM principal's subscription has no user and no token expiry (its signature was checked once).
    if (sub === undefined) return;
    let set = bySub.get(sub);
    if (!set) bySub.set(sub, (set = new Set()));
    set.add(connection);
    const exp = 'claims' in subscription.caller.identity ? subscription.caller.identity.claims.exp : undefined;
    if (typeof exp !== 'number') return;
    const arm = () => {
      const left = exp * 1000 - Date.now();
      if (left > MAX_TIMER_MS) subscription.expiry = setTimeout(arm, MAX_TIMER_MS);
      else subscription.expiry = setTimeout(() => end(connection, subscription, EXPIRED), Math.max(0, left));
      subscription.expiry.unref();
    };
    arm();
  }

  /** Forget a subscription that was stopped, ended, or lost with its connection. */
  function untrack(connection: Connection, subscription: Subscription) {
    clearTimeout(subscription.expiry);
    if (connection.subscriptions.get(subscription.id) === subscription)
      connection.subscriptions.delete(subscription.id);
    const sub = subOf(subscription);
    if (sub === undefined) return;
    if (![...connection.subscriptions.values()].some((s) => subOf(s) === sub)) {
      bySub.get(sub)?.delete(connection);
      if (bySub.get(sub)?.size === 0) bySub.delete(sub);
    }
  }

  /** The server ends a subscription: "the server sends an error message to the client" with its id. */
  function end(connection: Connection, subscription: Subscription, message: string) {
    if (connection.subscriptions.get(subscription.id) !== subscription) return;
    untrack(connection, subscription);
    send(connection, errorMessage(subscription.id, [{ errorType: 'UnauthorizedException', message }]));
  }

  async function deliver(connection: Connection, subscription: Subscription, value: unknown) {
    const result: GraphQLResult = await runGraphQL(
      options.schema,
      { query: subscription.query, variables: subscription.variables },
      {
        ...state(subscription.caller, subscription.headers),
        published: { value },
      },
    );
    if (connection.subscriptions.get(subscription.id) === subscription)
      send(connection, { type: 'data', id: subscription.id, payload: result });
  }

  function invalidate(field: string, payload: unknown) {
    for (const connection of connections) {
      const ended = [...connection.subscriptions.values()].filter(
        (s) => s.field === field && s.invalidation && matchesFilter(s.invalidation, payload),
      );
      if (!ended.length) continue;
      // "AWS AppSync then unsubscribes client A and closes its WebSocket connection."
      for (const s of ended) {
        untrack(connection, s);
        send(connection, { type: 'complete', id: s.id, payload: { message: 'Subscription complete.' } });
      }
      connection.socket.close(1000, 'Subscription invalidated');
    }
  }

  const publish: Realtime['publish'] = (results, invalidations) => {
    for (const { mutationField, value } of results) {
      for (const connection of connections) {
        for (const subscription of connection.subscriptions.values()) {
          if (!subscribers.get(subscription.field)?.has(mutationField)) continue;
          const wanted = subscription.filter
            ? matchesFilter(subscription.filter, value)
            : argumentsMatch(subscription.arguments, value);
          if (wanted)
            void deliver(connection, subscription, value).catch((e: unknown) =>
              console.error('[appsync] realtime delivery failed', e),
            );
        }
      }
    }
    for (const { subscriptionField, payload } of invalidations) invalidate(String(subscriptionField), payload);
  };

  function onMessage(connection: Connection, raw: string) {
    let message: { type?: unknown; id?: unknown; payload?: never };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return send(
        connection,
        errorMessage(undefined, [{ errorType: 'BadRequestException', message: 'Messages must be JSON objects.' }]),
      );
    }
    switch (message?.type) {
      case 'connection_init':
        return void authorizeConnection(connection);
      case 'start':
        return void start(connection, message).catch((e: unknown) => {
          console.error('[appsync] realtime start failed', e);
          send(
            connection,
            errorMessage(String(message.id), [
              { errorType: 'InternalFailure', message: 'An internal failure occurred.' },
            ]),
          );
        });
      case 'stop': {
        const id = String(message.id);
        const stopped = connection.subscriptions.get(id);
        if (stopped) {
          untrack(connection, stopped);
          send(connection, { type: 'complete', id });
        }
        return;
      }
      default:
        return send(
          connection,
          errorMessage(typeof message?.id === 'string' ? message.id : undefined, [
            {
              errorType: 'UnsupportedOperation',
              message: `Operation not supported through the realtime channel: ${String(message?.type)}`,
            },
          ]),
        );
    }
  }

  /**
   * connection_init: the connection's own authorization must hold, else connection_error and
   * close. IAM signs the connection as a POST of `{}` to the GraphQL endpoint with /connect appended.
   */
  async function authorizeConnection(connection: Connection) {
    try {
      await options.authenticate(
        connection.headers,
        { method: 'POST', path: '/graphql/connect', body: '{}' },
        '127.0.0.1',
      );
    } catch (e) {
      if (!(e instanceof AuthenticationError)) throw e;
      send(connection, {
        type: 'connection_error',
        payload: { errors: [{ errorType: e.errorType, message: e.message, errorCode: e.status }] },
      });
      connection.socket.close(1008, 'Unauthorized');
      return;
    }
    send(connection, { type: 'connection_ack', payload: { connectionTimeoutMs } });
    send(connection, { type: 'ka' });
  }

  // Keep-alive: `ka` for the client's own timeout; a WebSocket ping for ours. A client that has
  // not answered the last ping in connectionTimeoutMs has stopped answering: it is dropped, with
  // its subscriptions.
  const pings = Math.max(1, Math.round(connectionTimeoutMs / keepAliveMs));
  let beat = 0;
  const timer = setInterval(() => {
    beat += 1;
    for (const connection of connections) {
      send(connection, { type: 'ka' });
      if (beat % pings !== 0) continue;
      if (!connection.answeredPing) {
        connection.socket.terminate();
        continue;
      }
      connection.answeredPing = false;
      connection.socket.ping();
    }
  }, keepAliveMs);
  timer.unref();

  wss.on('connection', (socket: WebSocket, req: http.IncomingMessage) => {
    const connection: Connection = {
      socket,
      headers: connectionHeaders(req),
      subscriptions: new Map(),
      answeredPing: true,
    };
    connections.add(connection);
    socket.on('pong', () => {
      connection.answeredPing = true;
    });
    socket.on('message', (data, isBinary) => {
      if (!isBinary) onMessage(connection, data.toString());
    });
    socket.on('close', () => {
      for (const s of [...connection.subscriptions.values()]) untrack(connection, s);
      connections.delete(connection);
    });
  });

  return {
    attach(server) {
      server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
        const path = new URL(req.url ?? '/', 'http://local').pathname;
        if (!loopbackHost(req) || !PATHS.has(path)) {
          socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
          return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      });
    },
    publish,
    stats: () => ({
      connections: connections.size,
      subscriptions: [...connections].reduce((n, c) => n + c.subscriptions.size, 0),
    }),
    endSubscriptionsOf(sub, message = NOT_AUTHORIZED) {
      let ended = 0;
      for (const connection of [...(bySub.get(sub) ?? [])]) {
        for (const s of [...connection.subscriptions.values()]) {
          if (subOf(s) !== sub) continue;
          end(connection, s, message);
          ended += 1;
        }
      }
      return ended;
    },
    close() {
      clearInterval(timer);
      for (const connection of connections) connection.socket.terminate();
      wss.close();
    },
  };
}
