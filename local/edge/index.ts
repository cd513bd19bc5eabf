import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ALLOWED_METHODS, ORIGIN_VERIFY_HEADER, routeFor } from '../../amplify/edge/routes';
import { waiverConfigFromEnv, type WaiverConfig } from '../../amplify/functions/config';
import { lambdaContext } from '../appsync/datasources/lambda';
import { liveWaiverHandler, loadWaiverHandler, type UrlHandler } from './bundle';
import { toFunctionUrlEvent, writeFunctionUrlResult } from './function-url';
import { createSpaOrigin, type SpaOptions } from './spa';

export type { SpaOptions } from './spa';
export type { UrlHandler } from './bundle';

export interface EdgeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  spa: SpaOptions;
  /** The file the SPA's `../amplify_outputs.json` import resolves to (vite mode only). */
  outputsFile?: string;
  /** The waiver origin; by default amplify/functions/waiver/handler.ts, bundled as Lambda runs it. */
  waiver?: UrlHandler;
  /**
   * The bundled waiver Lambda's configuration, as AWS would set its environment. Without one it
   * is read (never written) from this process's environment, for callers that set that up
   * themselves (benchmarks, older tests).
   */
  waiverConfig?: WaiverConfig;
  /**
   * What the edge sends in `x-scc-origin-verify`, as CloudFront's origin custom header. Defaults to
   * the config's; if that is unset too, a fresh secret, which the bundled handler is then given.
   */
  originVerifySecret?: string;
}

export interface Edge {
  url: string;
  close(): Promise<void>;
}

// A Function URL refuses payloads over 6 MB before the function runs; so does this edge.
const MAX_PAYLOAD = 6 * 1024 * 1024;

/**
 * The local CloudFront: one HTTP server routing each request by amplify/edge/routes.ts, to the
 * waiver Lambda (in-process, Function URL events) or to the SPA (Vite, or a built dist/).
 */
export async function startEdge(options: EdgeOptions): Promise<Edge> {
  const given = options.waiverConfig ?? waiverConfigFromEnv(process.env);
  const secret = options.originVerifySecret ?? given.originVerifySecret ?? randomBytes(24).toString('base64url');
  // The Lambda keeps its own secret when it has one: an edge sending another one is refused.
  const config = { ...given, originVerifySecret: given.originVerifySecret ?? secret };
  // In development (Vite) the handler follows edits to its sources; a dist/ edge bundles once.
  const bundled = options.waiver
    ? undefined
    : options.spa.mode === 'vite'
      ? await liveWaiverHandler(config)
      : await loadWaiverHandler(config);
  const waiver = options.waiver ?? bundled!.handler;

  const server = http.createServer();
  const spa = await createSpaOrigin(options.spa, server, options.outputsFile);

  server.on('request', (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = (req.url ?? '/').split('?')[0]!;
    const behavior = routeFor(path);
    if (!ALLOWED_METHODS[behavior.allowedMethods].includes(method)) {
      // What CloudFront answers for a method the behavior does not allow.
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('This distribution is not configured to allow the HTTP request method that was used for this request.');
      return;
    }
    if (behavior.origin === 'spa') {
      spa.handle(req, res);
      return;
    }
    void invokeWaiver(req, res, method);
  });

  async function invokeWaiver(req: http.IncomingMessage, res: http.ServerResponse, method: string) {
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_PAYLOAD) {
          res.writeHead(413, { 'content-type': 'text/plain' }).end('Request Entity Too Large');
          return;
        }
        chunks.push(chunk);
      }
      const viewer = `${req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1'}:${req.socket.remotePort ?? 0}`;
      const event = toFunctionUrlEvent(req, Buffer.concat(chunks), {
        // CloudFront overwrites a viewer-sent header of the same name with the origin's value.
        [ORIGIN_VERIFY_HEADER]: secret,
        'cloudfront-viewer-address': viewer,
        'x-forwarded-proto': 'http',
      });
      // A fresh context per request, as Lambda gives: the waiver's log lines carry its request id.
      writeFunctionUrlResult(res, await waiver(event, lambdaContext('waiver')), method);
    } catch (error) {
      // A function error reaches the viewer as the Function URL's 502.
      console.error(
        JSON.stringify({ service: 'edge', level: 'ERROR', message: 'waiver function failed', error: String(error) }),
      );
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ Message: 'Internal Server Error' }));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address === '0.0.0.0' ? 'localhost' : address;

  return {
    url: `http://${host}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await spa.close();
      bundled?.dispose();
    },
  };
}
