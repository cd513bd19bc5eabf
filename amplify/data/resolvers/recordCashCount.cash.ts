import type { Context } from '@aws-appsync/utils';
import { cashQuery, cashSummed } from './lib/cash';

/** recordCashCount, step 1: the day's recorded cash, the UTC year its start falls in. */
export function request(ctx: Context) {
  return cashQuery(ctx, 0);
}

export function response(ctx: Context) {
  return cashSummed(ctx);
}
