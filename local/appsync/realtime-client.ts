/**
 * A bare AppSync real-time client over `ws`, written from the developer guide ("Building a
 * real-time WebSocket client"): what the tests and the bench speak to the local endpoint.
 */
import WebSocket from 'ws';

export interface RealtimeMessage {
  type: string;
  id?: string;
  // Its shape depends on the type (ack, data, error); readers know which they waited for.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload?: any;
}

export type HeaderVia = 'query' | 'protocol';

export class RealtimeClient {
  readonly messages: RealtimeMessage[] = [];
  private waiters: { test: (m: RealtimeMessage) => boolean; resolve: (m: RealtimeMessage) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as RealtimeMessage;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => (w.test(message) ? (w.resolve(message), false) : true));
    });
    this.closed = new Promise((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
  }

  /** Connects with the connection's header object sent as AppSync documents it (base64 query string, or a header- subprotocol). */
  static async open(
    url: string,
    header: Record<string, string>,
    via: HeaderVia = 'query',
    options: WebSocket.ClientOptions = {},
  ): Promise<RealtimeClient> {
    const json = JSON.stringify(header);
    const target =
      via === 'query'
        ? `${url}?header=${encodeURIComponent(Buffer.from(json).toString('base64'))}&payload=${encodeURIComponent(Buffer.from('{}').toString('base64'))}`
        : url;
    const protocols =
      via === 'query' ? ['graphql-ws'] : ['graphql-ws', `header-${Buffer.from(json).toString('base64url')}`];
    const socket = new WebSocket(target, protocols, options);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new RealtimeClient(socket);
  }

  send(message: unknown) {
    this.socket.send(JSON.stringify(message));
  }

  /** The next message (already received or still to come) that passes `test`. */
  next(test: (m: RealtimeMessage) => boolean, timeoutMs = 5_000): Promise<RealtimeMessage> {
    const seen = this.messages.find(test);
    if (seen) {
      this.messages.splice(this.messages.indexOf(seen), 1);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}`)),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (m) => {
          clearTimeout(timer);
          this.messages.splice(this.messages.indexOf(m), 1);
          resolve(m);
        },
      });
    });
  }

  async init(): Promise<RealtimeMessage> {
    this.send({ type: 'connection_init' });
    return this.next((m) => m.type === 'connection_ack' || m.type === 'connection_error');
  }

  /** Sends a start and resolves its start_ack or error. */
  async start(
    id: string,
    query: string,
    variables: Record<string, unknown>,
    authorization: Record<string, string>,
  ): Promise<RealtimeMessage> {
    this.send({
      id,
      type: 'start',
      payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } },
    });
    return this.next((m) => m.id === id && (m.type === 'start_ack' || m.type === 'error'));
  }

  close() {
    this.socket.close();
  }
}
