import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LambdaFunctionURLEvent, LambdaFunctionURLResult } from 'aws-lambda';

/**
 * Lambda Function URL payload v2 in and out, as the Lambda service builds and reads it, so the
 * handler runs here exactly as it runs behind its Function URL.
 */

// Function URLs pass these bodies as text and base64-encode everything else.
const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)\b)/i;

export function toFunctionUrlEvent(
  req: IncomingMessage,
  body: Buffer,
  extraHeaders: Record<string, string>,
): LambdaFunctionURLEvent {
  const url = new URL(req.url ?? '/', 'http://edge.invalid');
  const rawQueryString = url.search.slice(1);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  Object.assign(headers, extraHeaders);
  // Function URLs move cookies out of the headers into their own list.
  const cookies = headers.cookie ? headers.cookie.split(/;\s*/).filter(Boolean) : undefined;
  delete headers.cookie;

  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;

  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  const rawPath = (req.url ?? '/').split('?')[0]!;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    ...(cookies ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local-edge',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
      http: {
        method: req.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0
      ? { body: isText ? body.toString('utf8') : body.toString('base64'), isBase64Encoded: !isText }
      : { isBase64Encoded: false }),
  };
}

/** Writes a handler's result as the Function URL would, including its "no statusCode" shorthand. */
export function writeFunctionUrlResult(res: ServerResponse, result: LambdaFunctionURLResult, method: string): void {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(method === 'HEAD' ? undefined : JSON.stringify(result));
    return;
  }
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  const body = result.body ?? '';
  res.end(method === 'HEAD' ? undefined : Buffer.from(body, result.isBase64Encoded ? 'base64' : 'utf8'));
}
