import { toApiError, type ApiError } from './errors';
import type { DataClient } from './client';

/** The same client, calling `signedOut` (with why) when a request fails because the session has ended. */
export function watchSession(api: DataClient, signedOut: (why: ApiError) => void): DataClient {
  const watched = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(api) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    watched[name] = (...args: unknown[]) => {
      const result = method(...args);
      // watchEvent answers a function, not a promise: nothing to watch there.
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        const refused = toApiError(error);
        if (refused.kind === 'SignedOut') signedOut(refused);
        throw error;
      });
    };
  }
  return watched as unknown as DataClient;
}
