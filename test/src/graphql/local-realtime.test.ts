import { describe, expect, it } from 'vitest';
import { realtimeOverPlainWs } from '../../../src/graphql/local-realtime';

/** Opens a socket through the scope's class and answers the URL it really went to. */
function opened(scope: { WebSocket: typeof WebSocket }, url: string): string {
  const socket = new scope.WebSocket(url, ['graphql-ws']);
  socket.onerror = () => undefined;
  socket.close();
  return socket.url;
}

describe('the local real-time socket over ws://', () => {
  it("sends aws-amplify's wss:// URL for the local API's host and port over ws://, query string kept", () => {
    const scope = { WebSocket };
    realtimeOverPlainWs('http://localhost:4999/graphql', scope);
    expect(opened(scope, 'wss://localhost:4999/graphql/realtime?header=e30%3D&payload=e30%3D')).toBe(
      'ws://localhost:4999/graphql/realtime?header=e30%3D&payload=e30%3D',
    );
    // Still the browser's own class to aws-amplify (it compares readyState with WebSocket.OPEN).
    const socket = new scope.WebSocket('ws://localhost:4999/x');
    socket.close();
    expect(socket).toBeInstanceOf(WebSocket);
    expect(scope.WebSocket.OPEN).toBe(WebSocket.OPEN);
  });

  it('leaves every other URL alone: another port, another host, a look-alike prefix', () => {
    const scope = { WebSocket };
    realtimeOverPlainWs('http://localhost:4999/graphql', scope);
    expect(opened(scope, 'wss://localhost:5000/graphql/realtime')).toBe('wss://localhost:5000/graphql/realtime');
    expect(opened(scope, 'wss://127.0.0.1:4999/graphql/realtime')).toBe('wss://127.0.0.1:4999/graphql/realtime');
    expect(opened(scope, 'wss://localhost:49990/graphql/realtime')).toBe('wss://localhost:49990/graphql/realtime');
  });

  it('changes nothing for an https:// (AWS) endpoint, and installs once however often it is called', () => {
    const aws = { WebSocket };
    realtimeOverPlainWs('https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com/graphql', aws);
    expect(aws.WebSocket).toBe(WebSocket);

    const local = { WebSocket };
    realtimeOverPlainWs('http://localhost:4999/graphql', local);
    const first = local.WebSocket;
    realtimeOverPlainWs('http://localhost:4999/graphql', local);
    expect(local.WebSocket).toBe(first);
  });
});
