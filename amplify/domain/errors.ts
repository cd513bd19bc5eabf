/**
 * The one error vocabulary, from resolver to Lambda to screen: the `errorType` a GraphQL error
 * carries, the name of every typed error a Lambda throws, and what the dashboard tells a crew
 * member (src/graphql/errors.ts). Imported by the APPSYNC_JS resolvers (resolvers/lib/errors.ts
 * raises these), the Lambdas (functions/errors.ts throws them) and the browser, so it stays
 * within what APPSYNC_JS accepts: data only.
 *
 * The first four are the contract's refusals; the last two are the types AppSync itself uses when
 * a service behind a field is down or misconfigured. Gone and TooManyRequests answer only on the
 * waiver page (HTTP 410 and 429): no GraphQL field raises them.
 */
export const ERROR_TYPES = {
  /** The caller's input is wrong: nothing was read or written. */
  ValidationError: 'ValidationError',
  /** What the request names does not exist. */
  NotFound: 'NotFound',
  /** The records refuse the request as they stand, or another change holds them (`retryable`). */
  Conflict: 'Conflict',
  /** The caller may not do this. */
  Unauthorized: 'Unauthorized',
  /** What the request names existed but no longer takes requests (an event that has ended). */
  Gone: 'Gone',
  /** A rate limit was reached: the same request may succeed later. */
  TooManyRequests: 'TooManyRequests',
  /** A dependency failed or is busy: nothing was done, try again later. */
  ServiceUnavailable: 'ServiceUnavailable',
  /** The deployment lacks something it needs: no retry mends it. */
  InternalFailure: 'InternalFailure',
} as const;

export type ErrorType = (typeof ERROR_TYPES)[keyof typeof ERROR_TYPES];

/** The HTTP status each type answers with where a Lambda answers HTTP (the waiver page). */
export const ERROR_STATUS: Record<ErrorType, number> = {
  ValidationError: 400,
  Unauthorized: 403,
  NotFound: 404,
  Conflict: 409,
  Gone: 410,
  TooManyRequests: 429,
  InternalFailure: 500,
  ServiceUnavailable: 503,
};

/**
 * `errorInfo.reason` of an Unauthorized whose token was issued before an admin changed the
 * caller's access: the dashboard ends the session and says why.
 */
export const ACCESS_CHANGED = 'ACCESS_CHANGED';
