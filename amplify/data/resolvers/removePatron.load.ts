import type { Context } from '@aws-appsync/utils';
import { loadEventAndEntry, loadResponse } from './lib/load';

/** removePatron, step 1: the event and the roster entry as they are. */
export function request(ctx: Context) {
  return loadEventAndEntry(ctx);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
