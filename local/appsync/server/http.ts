/**
 * The HTTP face of the local AppSync: POST /graphql (AppSync's request and response shapes),
 * OPTIONS preflight and CORS for the dashboard's origin only, GET /graphql for GraphiQL and its
 * files under /graphiql/. Every error response carries `x-amzn-errortype`, exposed to the
 * dashboard, so the Amplify client can report errors by type. Requests whose Host is not a
 * loopback name are refused (a DNS name rebound to 127.0.0.1 would otherwise be same-origin).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Authenticator } from '../auth/caller';
import { AuthenticationError } from '../auth/cognito';
import { loopbackHost } from '../../stack/loopback/guard';
import type { RequestState } from './execute';
import { ASSET_PATH, graphiqlAssets, graphiqlHeaders, graphiqlHtml, type GraphiQLConfig } from './graphiql';
import { runGraphQL, type GraphQLBody, type GraphQLResult } from './graphql';

const MAX_BODY = 1024 * 1024; // AppSync's request size limit is 1 MB.

const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-user-agent',
  'x-amz-content-sha256',
  'x-amz-target',
];
const EXPOSED_HEADERS = 'x-amzn-errortype, x-amzn-requestid, x-amzn-errormessage, x-amzn-trace-id';

export interface HttpHandlerOptions {
  schema: GraphQLSchema;
  authenticate: Authenticator;
  env: Record<string, string>;
  /** GraphiQL's page settings, or undefined for no GraphiQL. */
  graphiql?: GraphiQLConfig;
  /** Browser origins that may call the API (the dashboard's); others get no CORS headers. */
  allowedOrigins: readonly string[];
  log: RequestState['log'];
  /** The real-time endpoint's publisher: mutations run here reach its subscribers. */
  publish?: RequestState['publish'];
}

const allowed = new WeakMap<http.IncomingMessage, readonly string[]>();

function corsHeaders(req: http.IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !allowed.get(req)?.includes(origin)) return { vary: 'Origin' };
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h && (ALLOWED_HEADERS.includes(h) || h.startsWith('x-amz-')));
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': [...new Set([...ALLOWED_HEADERS, ...requested])].join(', '),
    'access-control-expose-headers': EXPOSED_HEADERS,
    'access-control-max-age': '86400',
    vary: 'Origin',
  };
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { ...corsHeaders(req), 'x-amzn-requestid': randomUUID(), ...headers });
  res.end(body);
}

function sendJson(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: GraphQLResult) {
  const errorType = body.errors?.length
    ? (body.errors.find((e) => e.errorType)?.errorType ?? 'ValidationError')
    : undefined;
  send(req, res, status, JSON.stringify(body), {
    'content-type': 'application/json; charset=UTF-8',
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
}

class TooLarge extends Error {}

/** The body, or TooLarge as soon as it passes MAX_BODY (by Content-Length or by what arrived). */
async function readBody(req: http.IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** What AppSync answers for a request over 1 MB (HTTP 413, before any GraphQL work). */
const TOO_LARGE: GraphQLResult = {
  errors: [
    { errorType: 'PayloadTooLargeException', message: 'Request payload exceeds the maximum allowed size of 1 MB.' },
  ],
};

const lowerCaseHeaders = (req: http.IncomingMessage) =>
  Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : String(v ?? '')]),
  );

const sourceIp = (req: http.IncomingMessage) =>
  String(req.headers['x-forwarded-for'] ?? '')
    .split(',')[0]
    .trim() || (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');

async function handleGraphQL(opts: HttpHandlerOptions, req: http.IncomingMessage, res: http.ServerResponse) {
  // The body comes first: a SigV4 signature covers it.
  let text: string;
  try {
    text = await readBody(req);
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    // Unread bytes stay unread: the connection closes after the answer instead.
    res.setHeader('connection', 'close');
    return sendJson(req, res, 413, TOO_LARGE);
  }
  let caller;
  try {
    const path = new URL(req.url ?? '/', 'http://local').pathname;
    caller = await opts.authenticate(
      lowerCaseHeaders(req),
      { method: req.method ?? 'POST', path, body: text },
      sourceIp(req),
    );
  } catch (e) {
    if (!(e instanceof AuthenticationError)) throw e;
    return sendJson(req, res, e.status, { errors: [{ errorType: e.errorType, message: e.message }] });
  }
  let body: GraphQLBody;
  try {
    body = JSON.parse(text) as GraphQLBody;
    if (!body || typeof body !== 'object') throw new Error('not an object');
  } catch {
    return sendJson(req, res, 400, {
      errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }],
    });
  }
  const result = await runGraphQL(opts.schema, body, {
    ...caller,
    request: { headers: lowerCaseHeaders(req), domainName: null },
    env: opts.env,
    log: opts.log,
    ...(opts.publish ? { publish: opts.publish, extensions: { invalidations: [] } } : {}),
  });
  sendJson(req, res, 200, result);
}

const notFound = (req: http.IncomingMessage, res: http.ServerResponse) =>
  send(req, res, 404, JSON.stringify({ message: 'Not found: the API is at /graphql' }), {
    'content-type': 'application/json',
  });

async function serveGraphiQL(
  opts: HttpHandlerOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  pathname: string,
) {
  if (!opts.graphiql) return notFound(req, res);
  if (pathname === '/graphql') return send(req, res, 200, graphiqlHtml(opts.graphiql), graphiqlHeaders(opts.graphiql));
  const asset = (await graphiqlAssets()).get(pathname.slice(ASSET_PATH.length));
  if (!asset) return notFound(req, res);
  return send(req, res, 200, req.method === 'HEAD' ? '' : asset.body, {
    'content-type': asset.type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
}

export function createHandler(opts: HttpHandlerOptions): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    allowed.set(req, opts.allowedOrigins);
    const done = (async () => {
      if (!loopbackHost(req))
        return send(req, res, 403, JSON.stringify({ message: 'Forbidden: not a loopback host name' }), {
          'content-type': 'application/json',
        });
      const get = req.method === 'GET' || req.method === 'HEAD';
      if (get && url.pathname.startsWith(ASSET_PATH)) return serveGraphiQL(opts, req, res, url.pathname);
      if (url.pathname !== '/graphql') return notFound(req, res);
      if (req.method === 'OPTIONS') return send(req, res, 204, '');
      if (req.method === 'POST') return handleGraphQL(opts, req, res);
      if (get) return serveGraphiQL(opts, req, res, url.pathname);
      return send(req, res, 405, '', { allow: 'GET, POST, OPTIONS' });
    })();
    done.catch((e: unknown) => {
      console.error('[appsync] internal error', e);
      if (!res.headersSent)
        sendJson(req, res, 500, {
          errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }],
        });
      else res.end();
    });
  };
}
