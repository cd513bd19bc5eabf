import { ERROR_STATUS, ERROR_TYPES, type ErrorType } from '../domain/errors';

/**
 * The Lambdas' typed errors, one class per type of the one vocabulary (amplify/domain/errors.ts),
 * the resolvers' own: every Lambda throws these. Code that knows what went wrong throws one; each
 * handler's one try/catch maps what reaches it to its own answer (the waiver page's HTTP status,
 * the mailer's FAILED result, the team's `{ error: { type } }`, the retention Lambda's error for
 * AppSync). Anything else (a dependency down, a bug) is ServiceUnavailable: try again later.
 *
 * `type` is the error's type in the vocabulary. `name` is the type too (it is the errorType AppSync
 * hands a resolver for a Lambda's error, and must survive a minifying bundler), unless a subclass
 * names a finer case for the log (the waiver page's EventEndedError is a Gone).
 */
export class LambdaError extends Error {
  readonly status: number;
  constructor(
    readonly type: ErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = type;
    this.status = ERROR_STATUS[type];
  }
}

/** The request is malformed: asking again the same way will not help. */
export class ValidationError extends LambdaError {
  constructor(message: string) {
    super(ERROR_TYPES.ValidationError, message);
  }
}

/** What the request names does not exist. */
export class NotFound extends LambdaError {
  constructor(message: string) {
    super(ERROR_TYPES.NotFound, message);
  }
}

/**
 * The request is well-formed but the records refuse it as they stand (the team's last admin), or
 * another change holds them (`retryable`). `reason` tells a client which refusal it is.
 */
export class Conflict extends LambdaError {
  constructor(
    message: string,
    readonly reason: string,
    readonly retryable = false,
  ) {
    super(ERROR_TYPES.Conflict, message);
  }
}

/** What the request names existed but no longer takes requests (an event that has ended). */
export class Gone extends LambdaError {
  constructor(message: string) {
    super(ERROR_TYPES.Gone, message);
  }
}

/** A rate limit was reached: the same request may succeed after `retryAfterSeconds`. */
export class TooManyRequests extends LambdaError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(ERROR_TYPES.TooManyRequests, message);
  }
}

/** A dependency failed or something unexpected happened: nothing was done, try again later. */
export class ServiceUnavailable extends LambdaError {
  readonly retryAfterSeconds = 30;
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERROR_TYPES.ServiceUnavailable, message, options);
  }
}

/** The detail of a failure, for the log only (it can name sockets and internal addresses). */
export function errorDetail(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** What reached a handler's catch, as one of the typed errors: ours as thrown, anything else ServiceUnavailable. */
export function typedError(err: unknown): LambdaError {
  return err instanceof LambdaError
    ? err
    : new ServiceUnavailable('The service could not complete the request.', { cause: err });
}
