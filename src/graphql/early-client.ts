import { createDataClient, type DataClient } from './client';
import { fetchSend } from './fetch-send';
import { storedIdToken } from './stored-token';

/**
 * The data client a signed-in reload reads with before aws-amplify has loaded (handover.ts): the
 * operations of client.ts over a plain fetch with the stored ID token. Its own chunk, loaded at
 * once beside the page's view, so neither the sign-in form nor the first paint waits for it.
 */
export function earlyClient(url: string, userPoolClientId: string): DataClient {
  return createDataClient(fetchSend(url, () => storedIdToken(userPoolClientId)));
}
