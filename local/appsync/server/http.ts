/**
 * The HTTP face of the local AppSync: POST /graphql (AppSync's request and response shapes),
 * OPTIONS preflight and CORS for the SPA, GET /graphql for GraphiQL. Every error response carries
 * `x-amzn-errortype`, exposed to browsers, so the Amplify client can report errors by type.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { AuthenticationError, type CognitoVerifier } from '../auth/cognito';
import type { RequestState } from './execute';
import { runGraphQL, type GraphQLBody, type GraphQLResult } from './graphql';

const MAX_BODY = 1024 * 1024; // AppSync's request size limit is 1 MB.

const ALLOWED_HEADERS = [
  'authorization', 'content-type', 'x-api-key', 'x-amz-date', 'x-amz-security-token', 'x-amz-user-agent',
  'x-amz-content-sha256', 'x-amz-target',
];
const EXPOSED_HEADERS = 'x-amzn-errortype, x-amzn-requestid, x-amzn-errormessage, x-amzn-trace-id';

export interface HttpHandlerOptions {
  schema: GraphQLSchema;
  verify: CognitoVerifier;
  env: Record<string, string>;
  graphiql: (req: http.IncomingMessage) => Promise<string>;
  log: RequestState['log'];
}

function corsHeaders(req: http.IncomingMessage): Record<string, string> {
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',').map((h) => h.trim().toLowerCase()).filter((h) => h && (ALLOWED_HEADERS.includes(h) || h.startsWith('x-amz-')));
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': [...new Set([...ALLOWED_HEADERS, ...requested])].join(', '),
    'access-control-expose-headers': EXPOSED_HEADERS,
    'access-control-max-age': '86400',
    vary: 'Origin',
  };
}

function send(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...corsHeaders(req), 'x-amzn-requestid': randomUUID(), ...headers });
  res.end(body);
}

function sendJson(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: GraphQLResult) {
  const errorType = body.errors?.length ? (body.errors.find((e) => e.errorType)?.errorType ?? 'ValidationError') : undefined;
  send(req, res, status, JSON.stringify(body), {
    'content-type': 'application/json; charset=UTF-8',
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('Request body too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const lowerCaseHeaders = (req: http.IncomingMessage) =>
  Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : String(v ?? '')]));

const sourceIp = (req: http.IncomingMessage) =>
  String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() || (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');

async function handleGraphQL(opts: HttpHandlerOptions, req: http.IncomingMessage, res: http.ServerResponse) {
  let identity;
  try {
    identity = await opts.verify(req.headers.authorization, sourceIp(req));
  } catch (e) {
    if (!(e instanceof AuthenticationError)) throw e;
    return sendJson(req, res, 401, { errors: [{ errorType: 'UnauthorizedException', message: e.message }] });
  }
  let body: GraphQLBody;
  try {
    body = JSON.parse(await readBody(req)) as GraphQLBody;
    if (!body || typeof body !== 'object') throw new Error('not an object');
  } catch {
    return sendJson(req, res, 400, { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] });
  }
  const result = await runGraphQL(opts.schema, body, {
    identity,
    request: { headers: lowerCaseHeaders(req), domainName: null },
    env: opts.env,
    log: opts.log,
  });
  sendJson(req, res, 200, result);
}

export function createHandler(opts: HttpHandlerOptions): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const done = (async () => {
      if (url.pathname !== '/graphql') return send(req, res, 404, JSON.stringify({ message: 'Not found: the API is at /graphql' }), { 'content-type': 'application/json' });
      if (req.method === 'OPTIONS') return send(req, res, 204, '');
      if (req.method === 'POST') return handleGraphQL(opts, req, res);
      if (req.method === 'GET' || req.method === 'HEAD') {
        return send(req, res, 200, await opts.graphiql(req), { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-store' });
      }
      return send(req, res, 405, '', { allow: 'GET, POST, OPTIONS' });
    })();
    done.catch((e: unknown) => {
      console.error('[appsync] internal error', e);
      if (!res.headersSent) sendJson(req, res, 500, { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred.' }] });
      else res.end();
    });
  };
}
