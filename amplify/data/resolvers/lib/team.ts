import { misconfigured, conflict, notFound, validationError } from './errors';
import { ERROR_TYPES } from '../../../domain/errors';
import { endLiveUpdates } from './live';
import { actor } from './tx';

/**
 * The team fields each invoke the team Lambda (TeamDataSource,
 * amplify/functions/team) with their action, their arguments as given (the Lambda checks them) and
 * the caller. The Lambda answers `{ value }` or `{ error }` in the contract's terms, raised here
 * through the helpers of ./errors.ts.
 */
export function teamRequest(ctx: { args: Record<string, unknown>; identity?: unknown }, action: string) {
  return { operation: 'Invoke', payload: { action, args: ctx.args, actor: actor(ctx) } };
}

interface TeamResult {
  value?: unknown;
  error?: { type: string; message: string; info?: Record<string, unknown> };
}

export function teamResponse(ctx: { error?: { message: string; type: string } | null; result?: unknown }) {
  if (ctx.error) {
    console.error('team Lambda failed', ctx.error.type, ctx.error.message);
    misconfigured(
      'The team could not be read or changed just now: try again in a little while.',
      ERROR_TYPES.ServiceUnavailable,
      { retryable: true },
    );
  }
  const result = (ctx.result || {}) as TeamResult;
  const error = result.error;
  if (error) {
    if (error.type === ERROR_TYPES.ValidationError) validationError(error.message);
    if (error.type === ERROR_TYPES.NotFound) notFound(error.message);
    if (error.type === ERROR_TYPES.Conflict) conflict(error.message, error.info);
    misconfigured(error.message, ERROR_TYPES.ServiceUnavailable, { retryable: true });
  }
  // A change that took access away names the member: their open subscriptions end with it.
  const userId = ((result.value || {}) as { userId?: unknown }).userId;
  if (typeof userId === 'string' && userId !== '') endLiveUpdates(userId);
  return result.value;
}
