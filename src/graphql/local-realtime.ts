/**
 * aws-amplify opens its real-time socket at `wss://` for every GraphQL endpoint that is not
 * AppSync's own domain, `http://` ones included (api-graphql's AWSWebSocketProvider/appsyncUrl.ts
 * rewrites both schemes to `wss://`), and it has no setting for the scheme and no public handle on
 * the provider that opens the socket. The local API speaks plain HTTP, so TLS there would need a
 * certificate every person running `npm start` must first accept by hand. Locally only, the socket
 * aws-amplify opens to the local API's own host:port goes over `ws://` instead; every other URL,
 * and everything on AWS, passes untouched.
 */
type WebSocketClass = typeof WebSocket;

const installed = new WeakMap<object, Set<string>>();

/** Call before the first subscription, with the local API's `http://` GraphQL URL (idempotent). */
export function realtimeOverPlainWs(graphqlUrl: string, scope: { WebSocket: WebSocketClass } = globalThis): void {
  const { protocol, host } = new URL(graphqlUrl);
  if (protocol !== 'http:') return;
  const hosts = installed.get(scope) ?? new Set<string>();
  if (hosts.has(host)) return;
  hosts.add(host);
  installed.set(scope, hosts);
  const secure = `wss://${host}/`;
  const Native = scope.WebSocket;
  const plain = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      const href = String(url);
      super(href.startsWith(secure) ? `ws://${href.slice('wss://'.length)}` : href, protocols);
    }
  };
  scope.WebSocket = plain;
}
