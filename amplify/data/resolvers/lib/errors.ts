import { util } from '@aws-appsync/utils';

/**
 * The contract's error types (DESIGN.md §4). Every refusal goes through here so the types stay
 * the four the clients switch on, plus DynamoDB:* for the unexpected.
 */
export function validationError(message: string): never {
  return util.error(message, 'ValidationError');
}
export function notFound(message: string): never {
  return util.error(message, 'NotFound');
}
/** `info` (errorInfo) tells clients which refusal it is, where one field can be refused for several reasons. */
export function conflict(message: string, info?: Record<string, unknown>): never {
  return info ? util.error(message, 'Conflict', null, info) : util.error(message, 'Conflict');
}

/** Data-source failures that say nothing about the request: the same request may well work soon. */
const TRANSIENT = [
  'DynamoDB:ServiceUnavailable', 'DynamoDB:InternalServerError', 'DynamoDB:ThrottlingException',
  'DynamoDB:ProvisionedThroughputExceededException', 'DynamoDB:RequestLimitExceeded',
];

/**
 * `response` of any step: an unexpected data-source error surfaces with its own type (DynamoDB:*)
 * and a message for people, its own message going to the logs; a transient one says it is
 * retryable (errorInfo.retryable), as does a transaction that collided with another one in flight
 * (no condition failed, DynamoDB cancelled it for a TransactionConflict), which is a Conflict.
 */
export function passThroughError(ctx: { error?: { message: string; type: string } | null }): void {
  if (!ctx.error) return;
  if (ctx.error.type === 'DynamoDB:TransactionCanceledException') {
    util.error('Someone else was saving a change to the same records at the same moment: try again.', 'Conflict', null, { retryable: true });
  }
  console.error('data source error', ctx.error.type, ctx.error.message);
  if (TRANSIENT.indexOf(ctx.error.type) >= 0) {
    util.error('The database is unavailable or busy at the moment: try again in a little while.', ctx.error.type, null, { retryable: true });
  }
  util.error('Something unexpected went wrong with the records: try again, and tell an admin if it keeps happening.', ctx.error.type, null, { retryable: false });
}

interface Cancellation {
  type?: string | null;
  message?: string | null;
}

/**
 * Which items of a cancelled TransactWriteItems failed their condition (by index). Empty when the
 * error is anything else, which the caller then passes through.
 */
export function failedConditions(ctx: { error?: { message: string; type: string } | null; result?: unknown }): number[] {
  if (!ctx.error || ctx.error.type !== 'DynamoDB:TransactionCanceledException') return [];
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
