import { util } from '@aws-appsync/utils';
import { dataSourceError, misconfigured, validationError } from './errors';
import { ERROR_TYPES } from '../../../domain/errors';
import { hmacSha256Hex } from './hmac';

/**
 * Paging for the list queries: `limit` 1-100 (default 50) and an opaque `nextToken` that wraps
 * DynamoDB's token (itself encrypted by AppSync, so its keys and values cannot be read) with the
 * partition to continue in (a date range crossing a new year continues in the next year's
 * partition), signed with HMAC-SHA256 under PAGE_TOKEN_SECRET over the query it came from. An
 * edited, made-up or other query's token is a ValidationError before anything in it is decoded.
 * PAGE_TOKEN_SECRET is made at deploy time and kept in Secrets Manager (amplify/backend.ts), and
 * locally once per state folder (local/parts.ts).
 */
export interface PageCursor {
  /** the partition (year) to read next */
  p: string;
  /** DynamoDB's nextToken within that partition, or null to start it from the top */
  t: string | null;
}

const INVALID = 'nextToken is not valid for this query: start again without it.';

/**
 * Fails closed: without PAGE_TOKEN_SECRET a token would be signed under an empty key, which anyone
 * can compute. The deployed API and the local one always set it (test/amplify, local/appsync).
 */
function signature(ctx: { env: Record<string, string> }, scope: string, body: string): string {
  const secret = ctx.env.PAGE_TOKEN_SECRET;
  if (!secret)
    misconfigured('Paging is not configured on this API (no PAGE_TOKEN_SECRET).', ERROR_TYPES.ServiceUnavailable, {
      retryable: false,
    });
  return hmacSha256Hex(secret, scope + '\n' + body);
}

export function pageLimit(limit: unknown): number {
  if (limit === undefined || limit === null) return 50;
  if (typeof limit !== 'number' || Math.floor(limit) !== limit || limit < 1 || limit > 100) {
    validationError('limit must be a whole number from 1 to 100.');
  }
  return limit;
}

export function encodeToken(ctx: { env: Record<string, string> }, scope: string, cursor: PageCursor): string {
  const body = util.base64Encode(JSON.stringify(cursor));
  return body + '.' + signature(ctx, scope, body);
}

/** The cursor of a token this query issued; anything else is a ValidationError. */
export function decodeToken(ctx: { env: Record<string, string> }, scope: string, token: string): PageCursor {
  const dot = token.lastIndexOf('.');
  const body = dot > 0 ? token.slice(0, dot) : '';
  if (body === '' || token.slice(dot + 1) !== signature(ctx, scope, body)) validationError(INVALID);
  // Only a body this API signed gets here, so it decodes; the shape check is belt and braces.
  const cursor = JSON.parse(util.base64Decode(body)) as PageCursor;
  if (!cursor || typeof cursor.p !== 'string' || (cursor.t !== null && typeof cursor.t !== 'string'))
    validationError(INVALID);
  return cursor;
}

/**
 * The cursor after a page: more in this partition, else the next partition in reading order
 * (`years` from first to last read), else none.
 */
export function nextCursor(years: string[], current: string, ddbToken: string | null | undefined): PageCursor | null {
  if (ddbToken) return { p: current, t: ddbToken };
  const i = years.indexOf(current);
  if (i >= 0 && i < years.length - 1) return { p: years[i + 1], t: null };
  return null;
}

/** The years from `from` to `to` inclusive (ISO strings), ascending. */
export function yearsBetween(from: string, to: string): string[] {
  const first = parseInt(from.slice(0, 4), 10);
  const last = parseInt(to.slice(0, 4), 10);
  const years: string[] = [];
  if (last - first > 20) validationError('The range may span at most 20 years.');
  for (const offset of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]) {
    if (first + offset <= last) years.push('' + (first + offset));
  }
  return years;
}

/** Where a list query starts: the given token's cursor, or the first partition from the top. */
export function startCursor(
  ctx: { env: Record<string, string>; stash: Record<string, unknown> },
  scope: string,
  partitions: string[],
  token: unknown,
): PageCursor {
  ctx.stash.pageScope = scope;
  ctx.stash.partitions = partitions;
  if (token === undefined || token === null) return { p: partitions[0], t: null };
  if (typeof token !== 'string') validationError('nextToken must be text.');
  const cursor = decodeToken(ctx, scope, token);
  if (partitions.indexOf(cursor.p) < 0) validationError(INVALID);
  ctx.stash.cursor = cursor;
  return cursor;
}

/**
 * The page a list query answers. A DynamoDB error on a token we passed through (e.g. one that
 * decodes but that DynamoDB refuses) is the caller's stale token, not a server fault.
 */
export function pageResponse(ctx: {
  env: Record<string, string>;
  stash: Record<string, unknown>;
  error?: { message: string; type: string } | null;
  result: { items?: unknown[]; nextToken?: string | null } | null;
}) {
  const cursor = ctx.stash.cursor as PageCursor | undefined;
  if (ctx.error) {
    if (cursor && cursor.t) validationError(INVALID);
    dataSourceError(ctx);
  }
  const current = (cursor && cursor.p) || (ctx.stash.partitions as string[])[0];
  const result = ctx.result || {};
  const next = nextCursor(ctx.stash.partitions as string[], current, result.nextToken);
  return {
    items: result.items || [],
    nextToken: next ? encodeToken(ctx, ctx.stash.pageScope as string, next) : null,
  };
}
