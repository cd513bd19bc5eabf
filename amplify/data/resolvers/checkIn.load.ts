import type { Context } from '@aws-appsync/utils';
import { loadBoarding } from './lib/boarding';
import { loadResponse } from './lib/load';

/** checkIn, step 1: the event, the roster entry and the person's check-in as they are. */
export function request(ctx: Context) {
  return loadBoarding(ctx);
}

export function response(ctx: Context) {
  return loadResponse(ctx);
}
