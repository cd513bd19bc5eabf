import { ACCESS_CHANGED, ERROR_TYPES, type ErrorType } from '../../amplify/domain/errors';

/**
 * Errors from the API, reduced to what a crew member can act on: the one place the screen maps the
 * error vocabulary (amplify/domain/errors.ts) that resolvers and Lambdas answer in. AppSync puts
 * `errorType` on each GraphQL error (Unauthorized, ValidationError, NotFound, Conflict); aws-amplify
 * rejects with `{ data, errors }` and wraps network failures as a GraphQLError whose `originalError`
 * is the cause.
 */
export type ApiErrorKind =
  | Extract<ErrorType, 'Unauthorized' | 'ValidationError' | 'NotFound' | 'Conflict'>
  | 'SignedOut'
  | 'Busy'
  | 'Network'
  | 'Unknown';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** The server's own words, kept for the console and for messages that are already clear. */
    readonly detail: string,
    readonly info?: unknown,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

interface RawGraphqlError {
  message?: string;
  errorType?: string;
  errorInfo?: unknown;
  originalError?: { name?: string; message?: string } | null;
}

const SIGNED_OUT = /NoValidAuthTokens|UserUnAuthenticated|NotAuthorizedException|No current user|not authenticated/i;
const NETWORK = /NetworkError|Failed to fetch|Network error|Load failed|ECONNREFUSED|TypeError/i;

function kindOf(error: RawGraphqlError): ApiErrorKind {
  const type = error.errorType ?? '';
  const cause = `${error.originalError?.name ?? ''} ${error.originalError?.message ?? ''}`;
  if (SIGNED_OUT.test(cause) || SIGNED_OUT.test(type)) return 'SignedOut';
  // HTTP 401 UnauthorizedException: AppSync no longer accepts the token itself (expired, revoked, its
  // user disabled or deleted), whatever the operation. aws-amplify names the cause after it. A refusal
  // of one operation to the user's groups is errorType Unauthorized (HTTP 200) instead.
  if (type === 'UnauthorizedException' || /UnauthorizedException/.test(cause)) return 'SignedOut';
  // The token predates an admin's change to this member's access (a new role, disabled, a new
  // password): the session is over, even though the token has not expired.
  if (accessChanged(error)) return 'SignedOut';
  if (type.startsWith(ERROR_TYPES.Unauthorized)) return ERROR_TYPES.Unauthorized;
  // A Conflict the server marks retryable wrote nothing: it collided with another change in flight.
  if (
    type === ERROR_TYPES.Conflict &&
    (error.errorInfo as { retryable?: unknown } | null | undefined)?.retryable === true
  )
    return 'Busy';
  if (type === ERROR_TYPES.ValidationError || type === ERROR_TYPES.NotFound || type === ERROR_TYPES.Conflict)
    return type;
  if (NETWORK.test(cause) || NETWORK.test(error.message ?? '')) return 'Network';
  if (error.message === ERROR_TYPES.Unauthorized) return ERROR_TYPES.Unauthorized;
  return 'Unknown';
}

/** Whether the API refused a token issued before its user's access changed (`errorInfo.reason`). */
function accessChanged(error: RawGraphqlError): boolean {
  return (error.errorInfo as { reason?: unknown } | null | undefined)?.reason === ACCESS_CHANGED;
}

/** Whether a session ended because an admin changed the member's access (not because it expired). */
export function isAccessChanged(error: ApiError): boolean {
  return (
    error.kind === 'SignedOut' && (error.info as { reason?: unknown } | null | undefined)?.reason === ACCESS_CHANGED
  );
}

/** Turns whatever a GraphQL call threw into an ApiError. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiError) return thrown;
  const errors = (thrown as { errors?: RawGraphqlError[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0];
    return new ApiError(kindOf(first), first.message ?? 'Request failed', first.errorInfo);
  }
  if (thrown instanceof Error) return new ApiError(kindOf({ originalError: thrown }), thrown.message);
  return new ApiError('Unknown', String(thrown));
}

const DEFAULT_WORDS: Record<ApiErrorKind, string> = {
  SignedOut: 'You are signed out. Sign in again, then retry.',
  Unauthorized: 'Your account is not allowed to do that. Ask an admin if you need it.',
  ValidationError: 'Something in the form is not right',
  NotFound: 'That no longer exists. It may have been removed; reload to see the latest.',
  Conflict: 'That clashes with the latest data. Reload and try again.',
  Busy: 'Someone else was saving a change to the same records at that moment. Try again.',
  Network: 'Cannot reach the server. Check the connection and try again.',
  Unknown: 'Something went wrong on our side. Try again in a moment.',
};

/**
 * Words for the screen. `overrides` lets each form say what a Conflict means there ("more than the
 * balance"); validation messages from the server are already written for people, so they are kept.
 */
export function describeError(thrown: unknown, overrides: Partial<Record<ApiErrorKind, string>> = {}): string {
  const error = toApiError(thrown);
  const words = overrides[error.kind] ?? DEFAULT_WORDS[error.kind];
  if (error.kind === 'ValidationError' && !overrides.ValidationError) return `${words}: ${error.detail}`;
  return words;
}

/**
 * Which refusal a Conflict is, when the server says (`errorInfo.reason`, e.g. ALREADY_ON_ROSTER or
 * NO_ROOM from addPatron), with the rest of its errorInfo.
 */
export function refusal(thrown: unknown): { reason?: string; [key: string]: unknown } {
  const info = toApiError(thrown).info;
  return info && typeof info === 'object' ? (info as { reason?: string }) : {};
}

/** A refusal because the data it was based on changed: the screen must reload what it shows. */
export function isStale(thrown: unknown): boolean {
  const kind = toApiError(thrown).kind;
  return kind === 'Conflict' || kind === 'NotFound' || kind === 'Busy';
}
