import { ApiError } from './errors';
import type { GraphqlSend } from './client';

/**
 * One GraphQL operation over HTTP POST to AppSync with a Cognito ID token, as AppSync's user-pool
 * authorization takes it (the `Authorization` header). For the reads a signed-in page makes before
 * aws-amplify has loaded (handover.ts); aws-amplify's client does everything else. It rejects as
 * aws-amplify does, with `{ data, errors }`, so errors.ts reads both alike; with no usable token it
 * rejects SignedOut, which the handover answers by asking aws-amplify instead.
 */
export function fetchSend(url: string, token: () => string | undefined): GraphqlSend {
  return async (query, variables) => {
    const authorization = token();
    if (!authorization) throw new ApiError('SignedOut', 'No stored session to read with before sign-in has loaded.');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: unknown; errors?: unknown[] };
    if (body.errors?.length) throw { data: body.data ?? null, errors: body.errors };
    if (!response.ok) throw new ApiError(response.status === 401 ? 'SignedOut' : 'Unknown', `HTTP ${response.status}`);
    return body.data;
  };
}
