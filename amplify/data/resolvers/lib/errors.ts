import { util } from '@aws-appsync/utils';
import { ACCESS_CHANGED, ERROR_TYPES } from '../../../domain/errors';

/**
 * How a resolver fails: one way, everywhere (test/amplify/data/resolvers/errors.test.ts holds every
 * resolver, and every Lambda, to it). The types are the one vocabulary of amplify/domain/errors.ts.
 *
 * - Refusing. A handler that finds the request or the records wrong (a request handler, or a
 *   response handler judging what its step read) calls the helper of the contract's error type
 *   (docs/architecture.md, the contract): validationError, notFound, conflict, unauthorized. A Conflict carries errorInfo
 *   where a client must tell refusals apart (`reason`) or may simply retry (`retryable: true`).
 *   Nothing outside this file calls util.error.
 * - A DynamoDB error. The response handler of every DynamoDB step starts with
 *   `if (ctx.error) dataSourceError(ctx, refusals)` (loadResponse and pageResponse do it for the
 *   load steps and the paged queries). `refusals` says which Conflict a failed
 *   condition means, by the transaction item (index) that failed it (a single operation is item 0);
 *   the first that applies wins. Anything else passes through as dataSourceError describes.
 * - A Lambda step's error is the step's to judge (a receipt not sent is an outcome, a retention run
 *   not finished a retryable Conflict): it refuses with the helpers above.
 */

/** The caller's input is wrong: nothing was read or written. */
export function validationError(message: string): never {
  return util.error(message, ERROR_TYPES.ValidationError);
}
export function notFound(message: string): never {
  return util.error(message, ERROR_TYPES.NotFound);
}
/** `info` (errorInfo) tells clients which refusal it is, where one field can be refused for several reasons. */
export function conflict(message: string, info?: Record<string, unknown>): never {
  return info ? util.error(message, ERROR_TYPES.Conflict, null, info) : util.error(message, ERROR_TYPES.Conflict);
}
/** The caller may not do this (beyond what the schema's auth rules already refuse). */
export function unauthorized(message: string): never {
  return util.error(message, ERROR_TYPES.Unauthorized);
}
/**
 * The caller's token was issued before an admin changed their access (moved them to another group,
 * disabled them, reset their password): it no longer speaks for them. `reason` tells the dashboard
 * to end the session and say why (src/graphql/errors.ts).
 */
export function accessChanged(): never {
  return util.error('An admin changed your access: sign in again.', ERROR_TYPES.Unauthorized, null, {
    reason: ACCESS_CHANGED,
  });
}
/**
 * The deployment lacks configuration a resolver needs: no fault of the caller's, and not one a
 * retry mends. Its type is the one AppSync uses for the same (ServiceUnavailable, InternalFailure).
 */
export function misconfigured(
  message: string,
  type: typeof ERROR_TYPES.ServiceUnavailable | typeof ERROR_TYPES.InternalFailure,
  info?: Record<string, unknown>,
): never {
  return info ? util.error(message, type, null, info) : util.error(message, type);
}

/** Data-source failures that say nothing about the request: the same request may well work soon. */
const TRANSIENT = [
  'DynamoDB:ServiceUnavailable',
  'DynamoDB:InternalServerError',
  'DynamoDB:ThrottlingException',
  'DynamoDB:ProvisionedThroughputExceededException',
  'DynamoDB:RequestLimitExceeded',
];

interface DataSourceContext {
  error?: { message: string; type: string } | null;
  result?: unknown;
}

/** What a failed condition means to the caller: always a Conflict (the records are not as the write needs them). */
export interface Refusal {
  /** the transaction item whose condition failed; absent: any item's */
  item?: number;
  message: string;
  info?: Record<string, unknown>;
}

/**
 * `response` of any DynamoDB step, when `ctx.error` is set (without one it does nothing):
 * - a failed condition named in `refusals` is its Conflict;
 * - a transaction cancelled otherwise (it collided with another one in flight, a
 *   TransactionConflict, or failed a condition nobody expects) is a retryable Conflict;
 * - anything else surfaces with its own type (DynamoDB:*) and a message for people, its own message
 *   going to the logs; a transient one says it is retryable (errorInfo.retryable).
 */
export function dataSourceError(ctx: DataSourceContext, refusals: Refusal[] = []): void {
  if (!ctx.error) return;
  const failed = failedConditions(ctx);
  const refusal = refusals.find((r) => (r.item === undefined ? failed.length > 0 : failed.indexOf(r.item) >= 0));
  if (refusal) conflict(refusal.message, refusal.info);
  if (ctx.error.type === 'DynamoDB:TransactionCanceledException') {
    conflict('Someone else was saving a change to the same records at the same moment: try again.', {
      retryable: true,
    });
  }
  console.error('data source error', ctx.error.type, ctx.error.message);
  if (TRANSIENT.indexOf(ctx.error.type) >= 0) {
    util.error(
      'The database is unavailable or busy at the moment: try again in a little while.',
      ctx.error.type,
      null,
      { retryable: true },
    );
  }
  util.error(
    'Something unexpected went wrong with the records: try again, and tell an admin if it keeps happening.',
    ctx.error.type,
    null,
    { retryable: false },
  );
}

interface Cancellation {
  type?: string | null;
  message?: string | null;
}

/**
 * Which items of a failed write failed their condition (by index): of a cancelled
 * TransactWriteItems, from its cancellation reasons; of a single conditional operation, item 0.
 * Empty when the error is anything else.
 */
export function failedConditions(ctx: DataSourceContext): number[] {
  if (!ctx.error) return [];
  if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') return [0];
  if (ctx.error.type !== 'DynamoDB:TransactionCanceledException') return [];
  const result = ctx.result as { cancellationReasons?: Cancellation[] } | null | undefined;
  const reasons = (result && result.cancellationReasons) || [];
  const failed: number[] = [];
  reasons.forEach((r, i) => {
    if (r && r.type === 'ConditionalCheckFailed') failed.push(i);
  });
  return failed;
}

/** Dollars for a message a person reads: 1250 → "$12.50". */
export function dollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  return sign + '$' + whole + '.' + (rest < 10 ? '0' + rest : '' + rest);
}
