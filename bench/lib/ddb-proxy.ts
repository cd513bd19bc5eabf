import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallRecord {
  /** The DynamoDB operation, from `X-Amz-Target` (e.g. "TransactWriteItems"). */
  operation: string;
  /** Upstream round trip as seen by the proxy, request sent to response received. */
  ms: number;
  body: string;
}

export interface CountingProxy {
  endpoint: string;
  /** Every call since the last reset, in arrival order. */
  calls: CallRecord[];
  reset(): void;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of DynamoDB Local that counts and times each request by operation: the
 * only way to see what the local AppSync's data source sends without changing its code. Bodies are
 * kept so a benchmark can replay exactly what a resolver issued.
 */
export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const calls: CallRecord[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation =
        String(req.headers['x-amz-target'] ?? '')
          .split('.')
          .pop() || 'unknown';
      const t0 = performance.now();
      const up = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
          upRes.on('end', () => calls.push({ operation, ms: performance.now() - t0, body: body.toString('utf8') }));
        },
      );
      up.on('error', (e) => {
        res.writeHead(502).end(String(e));
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    reset: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
