/**
 * The Lambdas' typed errors, one status each, defined once for all three functions. Code that knows
 * what went wrong throws one of these; each handler's one try/catch maps what reaches it to its own
 * answer (the waiver page's HTTP status, the mailer's FAILED result, the retention Lambda's error
 * type for AppSync). Anything else (a dependency down, a bug) is Unavailable: try again later.
 *
 * Each class sets `name` itself: it is the errorType AppSync hands a resolver, and must survive a
 * minifying bundler.
 */
export class LambdaError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LambdaError';
  }
}

/** The request is malformed: asking again the same way will not help. */
export class Invalid extends LambdaError {
  constructor(message: string) {
    super(400, message);
    this.name = 'Invalid';
  }
}

/** What the request names does not exist. */
export class NotFound extends LambdaError {
  constructor(message: string) {
    super(404, message);
    this.name = 'NotFound';
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
    super(409, message);
    this.name = 'Conflict';
  }
}

/** What the request names existed but no longer takes requests (an event that has ended). */
export class Gone extends LambdaError {
  constructor(message: string) {
    super(410, message);
    this.name = 'Gone';
  }
}

/** A rate limit was reached: the same request may succeed after `retryAfterSeconds`. */
export class TooMany extends LambdaError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, message);
    this.name = 'TooMany';
  }
}

/** A dependency failed or something unexpected happened: nothing was done, try again later. */
export class Unavailable extends LambdaError {
  readonly retryAfterSeconds = 30;
  constructor(message: string, options?: { cause?: unknown }) {
    super(503, message, options);
    this.name = 'Unavailable';
  }
}

/** The detail of a failure, for the log only (it can name sockets and internal addresses). */
export function errorDetail(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** What reached a handler's catch, as one of the typed errors: ours as thrown, anything else Unavailable. */
export function typedError(err: unknown): LambdaError {
  return err instanceof LambdaError ? err : new Unavailable('The service could not complete the request.', { cause: err });
}
